import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { UsageError } from '../base/errors.js';
import { run } from '../../test/helpers/cli.js';
import {
  makePki,
  removeDir,
  startKubeApiServer,
  writeInsecureKubeconfig,
  writeKubeconfig,
  type KubeApiServer,
  type KubeObject,
  type ServerOptions,
  type TestPki,
} from '../../test/helpers/kube-api-server.js';
import { parseRequestTimeout } from './cluster.js';

afterEach(() => vi.restoreAllMocks());

let pki: TestPki;
const servers: KubeApiServer[] = [];

beforeAll(() => {
  pki = makePki();
});

afterAll(async () => {
  for (const s of servers) await s.close();
  if (pki) removeDir(pki.dir);
});

let count = 0;
async function serve(
  options: Omit<ServerOptions, 'pki'>,
): Promise<{ kubeconfig: string; api: KubeApiServer }> {
  const api = await startKubeApiServer({ pki, tokens: { t: 'u' }, ...options });
  servers.push(api);
  const kubeconfig = join(pki.dir, `kubeconfig-${++count}`);
  writeKubeconfig(kubeconfig, api.url, pki.caCert, { dev: { token: 't' } }, 'dev');
  return { kubeconfig, api };
}

const pod: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'a' },
  spec: { containers: [{ name: 'c', image: 'c:1', securityContext: { privileged: true } }] },
};

describe('--request-timeout', () => {
  it('reads durations as kubectl does: whole seconds or a Go duration, 0 for none', () => {
    expect(parseRequestTimeout('30')).toBe(30_000);
    expect(parseRequestTimeout('30s')).toBe(30_000);
    expect(parseRequestTimeout('2m')).toBe(120_000);
    expect(parseRequestTimeout('1m30s')).toBe(90_000);
    expect(parseRequestTimeout('1.5h')).toBe(5_400_000);
    expect(parseRequestTimeout('500ms')).toBe(500);
    // Rounded up: a tiny duration is still a deadline, not "none".
    expect(parseRequestTimeout('250us')).toBe(1);
    expect(parseRequestTimeout('0')).toBe(0);
    expect(parseRequestTimeout('0s')).toBe(0);
    for (const bad of ['', '5x', 's', '-1s', '1 m', '1d'])
      expect(() => parseRequestTimeout(bad)).toThrow(
        new UsageError(
          `--request-timeout: not a duration: ${bad} (e.g. 30s, 2m, 1m30s, or 0 for no deadline)`,
        ),
      );
  });

  it('stops waiting for a server that sends a byte every 20 s and exits 2 with the problem', async () => {
    const { kubeconfig } = await serve({
      objects: [pod],
      intercept: (url: URL, res: ServerResponse) => {
        if (url.pathname !== '/api/v1/pods') return false;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{');
        const timer = setInterval(() => res.write(' '), 20_000);
        res.on('close', () => clearInterval(timer));
        return true;
      },
    });
    const r = await run(
      'scan',
      '--cluster',
      '--kubeconfig',
      kubeconfig,
      '--no-config',
      '-r',
      'workload/privileged',
      '--request-timeout',
      '300ms',
      '-f',
      'json',
    );
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout) as { problems: { message: string; location: { file: string } }[] };
    expect(report.problems).toEqual([
      expect.objectContaining({
        message:
          'listing pods in all namespaces failed: the answer was not complete within 300 ms; Pod objects were not scanned',
        location: { file: 'cluster://dev/Pod', line: 1, column: 1 },
      }),
    ]);
  });

  it('exits 2 with one line, not a stack, when the server does not answer at all', async () => {
    const { kubeconfig, api } = await serve({ objects: [], intercept: () => true });
    const r = await run(
      'rbac',
      'who-can',
      'get',
      'pods',
      '--cluster',
      '--kubeconfig',
      kubeconfig,
      '--request-timeout',
      '0.2s',
    );
    expect([r.code, r.stdout, r.stderr]).toEqual([
      2,
      '',
      `kubeward: cannot reach the API server ${api.url} (context dev): no answer within 200 ms (--request-timeout)\n`,
    ]);
  });

  it('refuses a bad duration with exit 2', async () => {
    const r = await run('scan', '--cluster', '--request-timeout', 'soon');
    expect([r.code, r.stderr]).toEqual([
      2,
      'kubeward: --request-timeout: not a duration: soon (e.g. 30s, 2m, 1m30s, or 0 for no deadline)\n',
    ]);
  });
});

describe('hostile answers through the CLI', () => {
  it('reports a page declared at 700 MB as a problem, exit 2, without reading it', async () => {
    const { kubeconfig } = await serve({
      objects: [],
      intercept: (url: URL, res: ServerResponse) => {
        if (url.pathname !== '/api/v1/pods') return false;
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(700_000_000) });
        res.write('{"items":[');
        return true;
      },
    });
    const r = await run(
      'cluster',
      'snapshot',
      '--kubeconfig',
      kubeconfig,
      '--no-config',
      '-r',
      'workload/privileged',
      '-o',
      '-',
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'cluster://dev/Pod:1:1: error: listing pods in all namespaces failed: the answer is larger than the 256 MiB limit for one response; Pod objects were not scanned [input/unreadable]\n',
    );
  });

  it('warns on standard error when the kubeconfig skips TLS verification', async () => {
    const { api } = await serve({ objects: [pod] });
    const kubeconfig = join(pki.dir, 'insecure');
    writeInsecureKubeconfig(kubeconfig, api.url);
    const r = await run(
      'scan',
      '--cluster',
      '--kubeconfig',
      kubeconfig,
      '--no-config',
      '-r',
      'workload/privileged',
      '-f',
      'json',
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `kubeward: warning: context c sets insecure-skip-tls-verify: the certificate of the API server ${api.url} is not verified, so anyone on the network path can read the credentials sent and forge what is scanned\n`,
    );
  });

  it('reads 200,000 objects sent in one page by rbac and cluster snapshot', async () => {
    // A server may ignore `limit`: one unit then holds every object of the kind.
    const roles: KubeObject[] = Array.from({ length: 200_000 }, (_, i) => ({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: `r${i}`, namespace: 'a' },
      rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }],
    }));
    const binding: KubeObject = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'b', namespace: 'a' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r7' },
      subjects: [{ kind: 'User', name: 'alice' }],
    };
    const { kubeconfig } = await serve({ objects: [...roles, binding], ignoreLimit: true });
    const who = await run(
      'rbac',
      'who-can',
      'get',
      'configmaps',
      '-n',
      'a',
      '--cluster',
      '--kubeconfig',
      kubeconfig,
      '-f',
      'json',
    );
    expect([who.code, who.stderr]).toEqual([0, '']);
    const report = JSON.parse(who.stdout) as { subjects: { subject: { kind: string; name: string } }[] };
    expect(report.subjects.map((s) => `${s.subject.kind} ${s.subject.name}`)).toEqual(['User alice']);
    const file = join(pki.dir, 'snapshot.yaml');
    const snap = await run(
      'cluster',
      'snapshot',
      '--kubeconfig',
      kubeconfig,
      '--no-config',
      '-r',
      'rbac/wildcard-rules',
      '-o',
      file,
    );
    expect(snap.code).toBe(0);
    expect(snap.stderr).toMatch(/^kubeward: 200000 objects from context dev written to /);
    expect(readFileSync(file, 'utf8').split('\n---\n')).toHaveLength(200_001);
  }, 120_000);
});
