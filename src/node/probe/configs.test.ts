import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { evaluate, selectBenchmark, type CheckResult } from '../evaluate.js';
import { stringifyFacts, type NodeFacts } from '../facts.js';
import { collectFacts } from './collect.js';

let root = '';
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A node root with one kubelet process (root, started by init) reading /var/lib/kubelet/config.yaml. */
function kubeletTree(files: Record<string, string | 'FIFO'>): string {
  root = mkdtempSync(join(tmpdir(), 'kubeward-configs-'));
  const proc = join(root, 'proc/10');
  mkdirSync(proc, { recursive: true });
  writeFileSync(join(proc, 'cmdline'), '/usr/bin/kubelet\0--config=/var/lib/kubelet/config.yaml\0');
  writeFileSync(join(proc, 'status'), 'Name:\tkubelet\nPPid:\t1\nUid:\t0\t0\t0\t0\n');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    if (content === 'FIFO') execFileSync('mkfifo', [join(root, path)]);
    else writeFileSync(join(root, path), content);
  }
  return root;
}

function check(facts: NodeFacts, id: string): CheckResult {
  const report = evaluate(facts, selectBenchmark(facts, 'cis-1.12'));
  const found = report.sections.flatMap((s) => s.groups.flatMap((g) => g.results)).find((r) => r.id === id);
  if (!found) throw new Error(id);
  return found;
}

describe('node config files', () => {
  it('reads YAML 1.1 booleans as the kubelet does: `enabled: no` is false, so 4.2.1 passes', () => {
    const facts = collectFacts({
      root: kubeletTree({
        'var/lib/kubelet/config.yaml':
          'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nauthentication: {anonymous: {enabled: no}}\n',
      }),
    });
    expect(check(facts, '4.2.1')).toMatchObject({
      status: 'PASS',
      observed: 'false',
      source: 'config /var/lib/kubelet/config.yaml: authentication.anonymous.enabled',
    });
  });

  it('reports an alias bomb in the kubelet config instead of expanding it (4.2.1 WARN)', () => {
    const lol = (prev: string): string => `[${Array(9).fill(`*${prev}`).join(',')}]`;
    const bomb = [
      'apiVersion: kubelet.config.k8s.io/v1beta1',
      'kind: KubeletConfiguration',
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      `b: &b ${lol('a')}`,
      `c: &c ${lol('b')}`,
      `d: &d ${lol('c')}`,
      `e: &e ${lol('d')}`,
      `f: &f ${lol('e')}`,
      `g: &g ${lol('f')}`,
      `h: &h ${lol('g')}`,
      `i: &i ${lol('h')}`,
    ].join('\n');
    // 9^9 (387 million) strings once expanded: collecting and serialising must stay small.
    const facts = collectFacts({ root: kubeletTree({ 'var/lib/kubelet/config.yaml': `${bomb}\n` }) });
    const config = facts.components.find((c) => c.name === 'kubelet')?.config;
    expect(config?.document).toBeUndefined();
    expect(config?.error).toMatch(
      /^\/var\/lib\/kubelet\/config\.yaml:4:\d+: cannot decode: alias expansion exceeds \d+ nodes \(a "billion laughs" document\?\); not scanned$/,
    );
    expect(stringifyFacts(facts).length).toBeLessThan(64 * 1024);
    const result = check(facts, '4.2.1');
    expect(result.status).toBe('WARN');
    expect(result.reason).toBe(
      `--anonymous-auth / authentication.anonymous.enabled is not on the command line and the config file could not be read or decoded: ${config?.error}`,
    );
  });

  it('refuses FIFOs where files are expected, without blocking, and warns with the reason', () => {
    const facts = collectFacts({
      root: kubeletTree({
        'var/lib/kubelet/config.yaml': 'FIFO',
        'etc/hostname': 'FIFO',
        'etc/passwd': 'FIFO',
        'etc/kubernetes/manifests/kube-apiserver.yaml': 'FIFO',
        'proc/11/cmdline': 'FIFO',
      }),
    });
    expect(facts.hostname).toBeUndefined();
    expect(facts.users).toBeUndefined();
    expect(facts.components.map((c) => c.name)).toEqual(['kubelet']);
    expect(facts.files['/var/lib/kubelet/config.yaml']).toMatchObject({ type: 'other' });
    const config = facts.components[0]?.config;
    expect(config?.error).toBe(
      '/var/lib/kubelet/config.yaml: a FIFO (named pipe), not a regular file; not read',
    );
    expect(check(facts, '4.2.1')).toMatchObject({
      status: 'WARN',
      reason:
        '--anonymous-auth / authentication.anonymous.enabled is not on the command line and the config file could not be read or decoded: /var/lib/kubelet/config.yaml: a FIFO (named pipe), not a regular file; not read',
    });
  });
});
