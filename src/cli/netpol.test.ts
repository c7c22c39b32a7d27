import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../test/helpers/cli.js';

afterEach(() => vi.restoreAllMocks());

const fx = (name: string): string => `test/fixtures/netpol/${name}/input.yaml`;

describe('kubeward netpol list', () => {
  it('prints the netpol-analyzer txt connlist', async () => {
    const r = await run('netpol', 'list', fx('union'), '--no-metadata-endpoint');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync('test/fixtures/netpol/union/expected.txt', 'utf8'));
    expect(r.stderr).toBe(
      'info: namespace u has no Namespace object in the input; assumed to exist with only the kubernetes.io/metadata.name label\n',
    );
  });

  it('prints json, csv, md and dot', async () => {
    const args = ['netpol', 'list', fx('named-ports'), '--no-metadata-endpoint', '--format'];
    const json = JSON.parse((await run(...args, 'json')).stdout) as {
      src: string;
      dst: string;
      conn: string;
    }[];
    expect(json[2]).toEqual({ src: 'np/client[Deployment]', dst: 'np/dns[Deployment]', conn: 'UDP 53' });
    const csv = (await run(...args, 'csv')).stdout.split('\n');
    expect(csv.slice(0, 4)).toEqual([
      'src,dst,conn',
      '0.0.0.0-255.255.255.255[External],np/client[Deployment],All Connections',
      '0.0.0.0-255.255.255.255[External],np/dns[Deployment],All Connections',
      'np/client[Deployment],np/dns[Deployment],UDP 53',
    ]);
    const md = (await run(...args, 'md')).stdout.split('\n');
    expect(md.slice(0, 3)).toEqual([
      '| src | dst | conn |',
      '|-----|-----|------|',
      '| 0.0.0.0-255.255.255.255[External] | np/client[Deployment] | All Connections |',
    ]);
    const dot = (await run(...args, 'dot')).stdout;
    expect(dot).toMatch(
      /^digraph \{\n\tsubgraph "cluster_np" \{\n\t\t"np\/client\[Deployment\]" \[label="client\[Deployment\]"/,
    );
    expect(dot).toContain(
      '\t"np/client[Deployment]" -> "np/web1[Deployment]" [label="TCP 8080" color="gold2" fontcolor="darkgreen"]\n',
    );
  });

  it('writes the same bytes to -o as to standard output', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kubeward-netpol-')), 'list.csv');
    const args = ['netpol', 'list', fx('union'), '--no-metadata-endpoint', '-f', 'csv'];
    const toFile = await run(...args, '-o', file);
    expect([toFile.code, toFile.stdout]).toEqual([0, '']);
    expect(readFileSync(file, 'utf8')).toBe((await run(...args)).stdout);
    expect(
      readFileSync(file, 'utf8').startsWith(
        'src,dst,conn\n0.0.0.0-255.255.255.255[External],u/a[Deployment],All Connections\n',
      ),
    ).toBe(true);
  });

  it('reads standard input and gives byte-identical output on every run', async () => {
    const text = readFileSync(fx('calico-deny-log'));
    const stdin = () =>
      vi.spyOn(process, 'stdin', 'get').mockReturnValue(
        (async function* () {
          yield text;
        })() as unknown as typeof process.stdin,
      );
    stdin();
    const a = await run('netpol', 'list', '-', '--no-metadata-endpoint');
    stdin();
    const b = await run('netpol', 'list', '-', '--no-metadata-endpoint');
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(readFileSync('test/fixtures/netpol/calico-deny-log/expected.txt', 'utf8'));
    expect(b.stdout).toBe(a.stdout);
  });

  it('exits 2 with file:line for bad input and still lists what it could read', async () => {
    const r = await run('netpol', 'list', fx('union'), 'does-not-exist.yaml', '--no-metadata-endpoint');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe(readFileSync('test/fixtures/netpol/union/expected.txt', 'utf8'));
    expect(r.stderr).toContain(
      'does-not-exist.yaml:1:1: error: no such file or directory: does-not-exist.yaml [input/not-found]\n',
    );
  });
});

describe('kubeward netpol explain', () => {
  it('exits 0 when allowed and 1 when denied, naming the deciding rules', async () => {
    const ok = await run(
      'netpol',
      'explain',
      fx('union'),
      '--from',
      'u/a',
      '--to',
      'u/c',
      '--port',
      '443/tcp',
    );
    expect(ok.code).toBe(0);
    expect(ok.stdout.split('\n')[0]).toBe('u/a[Deployment] => u/c[Deployment] (TCP 443): ALLOWED TCP 443');
    expect(ok.stdout).toContain(
      `  NetworkPolicy u/c-more ingress rule 2 (${fx('union')}:46) allows: TCP 443\n`,
    );
    const denied = await run(
      'netpol',
      'explain',
      fx('union'),
      '--from',
      'u/b',
      '--to',
      'u/c',
      '--port',
      '443',
    );
    expect(denied.code).toBe(1);
    expect(denied.stdout.split('\n')[0]).toBe('u/b[Deployment] => u/c[Deployment] (TCP 443): DENIED');
    const json = await run('netpol', 'explain', fx('union'), '--from', 'u/a', '--to', 'u/c', '-f', 'json');
    expect(JSON.parse(json.stdout)).toMatchObject({ verdict: 'partly-allowed', allowed: 'TCP 80,443' });
  });

  it('rejects unknown endpoints and bad ports as usage errors', async () => {
    const r = await run('netpol', 'explain', fx('union'), '--from', 'u/zzz', '--to', 'u/c');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('kubeward: --from: no endpoint matches "u/zzz"\n');
    const p = await run('netpol', 'explain', fx('union'), '--from', 'u/a', '--to', 'u/c', '--port', 'http');
    expect(p.stderr).toBe(
      'kubeward: --port: cannot read "http" (expected e.g. 80, 53/udp, tcp/8080, 8000-8080/tcp)\n',
    );
  });
});

describe('kubeward netpol coverage and generate', () => {
  it('coverage prints each section', async () => {
    const r = await run('netpol', 'coverage', fx('policytypes-default'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('workloads not isolated for egress (of 2): 1\n  app/a[Deployment] (');
    expect(r.stdout).toContain(
      'namespaces without a default deny for ingress: 1\n  app (no Namespace object in the input)\n',
    );
  });

  it('generate refuses a namespace the API server would reject (exit 2) and writes nothing', async () => {
    const usage = (flag: string, value: string): string =>
      `kubeward: ${flag}: ${JSON.stringify(value)} is not a namespace name (a DNS-1123 label: at most 63 lowercase letters, digits and "-", starting and ending with a letter or digit)\n`;
    // '' is refused as an empty flag value before it is read as a namespace; exit 2 all the same.
    const empty = await run('netpol', 'generate', 'default-deny', '-n', '');
    expect([empty.code, empty.stdout]).toEqual([2, '']);
    for (const bad of ['Shop', 'shop_1', '-shop', 'shop-', 'a'.repeat(64), 'a\nkind: X', ' shop']) {
      const r = await run('netpol', 'generate', 'default-deny', '-n', 'ok', '-n', bad);
      expect([r.code, r.stdout, r.stderr]).toEqual([2, '', usage('-n/--namespace', bad)]);
    }
    const dns = await run(
      'netpol',
      'generate',
      'default-deny',
      '-n',
      'shop',
      '--dns-namespace',
      'Kube_System',
    );
    expect([dns.code, dns.stdout, dns.stderr]).toEqual([2, '', usage('--dns-namespace', 'Kube_System')]);
    const longest = await run('netpol', 'generate', 'default-deny', '-n', 'a'.repeat(63), '-n', 'x-1');
    expect(longest.code).toBe(0);
    expect([...longest.stdout.matchAll(/^ {2}namespace: (\S+)$/gm)].map((m) => m[1])).toEqual([
      'a'.repeat(63),
      'x-1',
    ]);
  });

  it('generate default-deny writes one policy per namespace of the input', async () => {
    const r = await run('netpol', 'generate', 'default-deny', fx('and-vs-or'));
    expect(r.code).toBe(0);
    const names = [...r.stdout.matchAll(/namespace: (\S+)/g)].map((m) => m[1]);
    expect(names).toEqual(['dev', 'other', 'prod']);
    expect(
      r.stdout.startsWith(
        '# generated by kubeward netpol generate default-deny\napiVersion: networking.k8s.io/v1\n',
      ),
    ).toBe(true);
  });
});
