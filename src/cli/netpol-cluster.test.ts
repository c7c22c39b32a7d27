import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAll } from 'js-yaml';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../test/helpers/cli.js';
import {
  makePki,
  removeDir,
  startKubeApiServer,
  writeKubeconfig,
  type KubeApiServer,
  type KubeObject,
  type TestPki,
} from '../../test/helpers/kube-api-server.js';

afterEach(() => vi.restoreAllMocks());

const FIXTURE = 'test/fixtures/netpol-cluster/objects.yaml';
const read = (file: string): KubeObject[] =>
  (loadAll(readFileSync(file, 'utf8')) as KubeObject[]).filter(Boolean);

let pki: TestPki;
let server: KubeApiServer;
let forbidding: KubeApiServer;
let kubeconfig: string;
let forbiddenKubeconfig: string;

beforeAll(async () => {
  pki = makePki();
  // The cluster also holds what its controllers made (a ReplicaSet, pods): folded into their owners.
  const objects = [...read(FIXTURE), ...read('test/fixtures/netpol-cluster/owned.yaml')];
  server = await startKubeApiServer({ pki, objects, tokens: { t: 'netpol-user' }, maxPage: 2 });
  forbidding = await startKubeApiServer({
    pki,
    objects,
    tokens: { t: 'netpol-user' },
    forbidden: ['networkpolicies'],
  });
  kubeconfig = join(pki.dir, 'kubeconfig');
  writeKubeconfig(kubeconfig, server.url, pki.caCert, { dev: { token: 't' } }, 'dev');
  forbiddenKubeconfig = join(pki.dir, 'kubeconfig-forbidden');
  writeKubeconfig(forbiddenKubeconfig, forbidding.url, pki.caCert, { dev: { token: 't' } }, 'dev');
});

afterAll(async () => {
  await server?.close();
  await forbidding?.close();
  if (pki) removeDir(pki.dir);
});

/** Problem and note lines name their file: `cluster://…` from the cluster, `file:line` from files. */
const withoutFiles = (stderr: string): string =>
  stderr.replace(/^(cluster:\/\/\S+|test\/fixtures\/\S+):\d+(?::\d+)?: /gm, 'FILE: ');

describe('kubeward netpol --cluster', () => {
  it('lists the same connections from the cluster as from the same objects in files', async () => {
    const files = await run('netpol', 'list', FIXTURE);
    const live = await run('netpol', 'list', '--cluster', '--kubeconfig', kubeconfig);
    expect(files.code).toBe(0);
    expect(live.code).toBe(0);
    expect(live.stdout).toBe(files.stdout);
    expect(live.stdout).toContain('shop/web[Deployment] => data/db[StatefulSet] : TCP 5432\n');
    expect(live.stdout).toContain('shop/toolbox[Pod] => kube-system/coredns[Deployment] : UDP 53\n');
    expect(live.stdout).not.toMatch(/ReplicaSet|web-5d8c|db-0/);
    expect(live.stderr).toMatch(/^cluster:\/\/dev\/data\/NetworkPolicy\/db-ingress:1: warning: /);
    expect(withoutFiles(live.stderr)).toBe(withoutFiles(files.stderr));
    for (const format of ['json', 'csv', 'md', 'dot']) {
      const f = await run('netpol', 'list', FIXTURE, '-f', format);
      const l = await run('netpol', 'list', '--cluster', '--kubeconfig', kubeconfig, '-f', format);
      expect(l.stdout).toBe(f.stdout);
    }
  });

  it('lists only the kinds the analysis reads; absent Calico kinds are not a problem', async () => {
    const before = server.requests.length;
    const r = await run('netpol', 'list', '--cluster', '--kubeconfig', kubeconfig, '-n', 'shop');
    expect(r.code).toBe(0);
    const paths = [...new Set(server.requests.slice(before).map((q) => q.path.replace(/\?.*$/, '')))].sort();
    expect(paths).toEqual([
      '/api/v1/namespaces',
      '/api/v1/namespaces/shop/pods',
      '/api/v1/namespaces/shop/replicationcontrollers',
      '/api/v1/namespaces/shop/serviceaccounts',
      '/apis/apps/v1/namespaces/shop/daemonsets',
      '/apis/apps/v1/namespaces/shop/deployments',
      '/apis/apps/v1/namespaces/shop/replicasets',
      '/apis/apps/v1/namespaces/shop/statefulsets',
      // Optional kinds are listed only when discovery says their group is served: Argo Rollouts is not,
      // and this server's Calico group has network policies but no global ones or tiers.
      '/apis/argoproj.io/v1alpha1',
      '/apis/batch/v1/namespaces/shop/cronjobs',
      '/apis/batch/v1/namespaces/shop/jobs',
      '/apis/crd.projectcalico.org/v1',
      '/apis/crd.projectcalico.org/v1/namespaces/shop/networkpolicies',
      '/apis/networking.k8s.io/v1/namespaces/shop/networkpolicies',
    ]);
    // -n: only the workloads and policies of that namespace.
    expect(r.stdout).toContain('shop/web[Deployment] => shop/toolbox[Pod] : All Connections\n');
    expect(r.stdout).not.toMatch(/data\/|kube-system\//);
    expect(r.stderr).toBe('');
  });

  it('reports a forbidden NetworkPolicy list as a problem naming the permission (exit 2)', async () => {
    const r = await run('netpol', 'list', '--cluster', '--kubeconfig', forbiddenKubeconfig);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'cluster://dev/NetworkPolicy:1:1: error: forbidden: cannot list networkpolicies in all namespaces; missing RBAC permission: list networkpolicies (API group "networking.k8s.io") cluster-wide; NetworkPolicy objects were not scanned',
    );
    // Everything else was read: the workloads are still endpoints.
    expect(r.stdout).toContain('shop/web[Deployment] => data/db[StatefulSet] : All Connections\n');
  });

  it('explains, measures coverage and generates from the cluster', async () => {
    const cluster = ['--cluster', '--kubeconfig', kubeconfig];
    const explain = await run(
      'netpol',
      'explain',
      ...cluster,
      '--from',
      'shop/toolbox',
      '--to',
      'data/db',
      '--port',
      '5432',
    );
    expect(explain.code).toBe(1);
    expect(explain.stdout).toMatch(/^shop\/toolbox\[Pod\] => data\/db\[StatefulSet\] \(TCP 5432\): DENIED/);
    expect(explain.stdout).toContain('Calico NetworkPolicy shop/toolbox-egress (cluster://dev/shop/');

    const coverage = await run('netpol', 'coverage', ...cluster);
    const fileCoverage = await run('netpol', 'coverage', FIXTURE);
    expect(coverage.code).toBe(0);
    expect(coverage.stdout.replaceAll(/\((cluster|test)[^)]*\)/g, '(…)')).toBe(
      fileCoverage.stdout.replaceAll(/\((cluster|test)[^)]*\)/g, '(…)'),
    );

    const deny = await run('netpol', 'generate', 'default-deny', ...cluster);
    expect(deny.code).toBe(0);
    expect([...deny.stdout.matchAll(/namespace: (\S+)/g)].map((m) => m[1])).toEqual(['data', 'shop']);
    const one = await run('netpol', 'generate', 'default-deny', ...cluster, '-n', 'shop');
    expect(one.stdout).toBe((await run('netpol', 'generate', 'default-deny', '-n', 'shop')).stdout);

    const want = join(pki.dir, 'want.txt');
    writeFileSync(want, 'shop/web[Deployment] => data/db[StatefulSet] : TCP 5432\n');
    const fromLive = await run('netpol', 'generate', 'from-connections', ...cluster, '-c', want);
    const fromFiles = await run('netpol', 'generate', 'from-connections', FIXTURE, '-c', want);
    expect(fromLive.code).toBe(0);
    expect(fromLive.stdout).toBe(fromFiles.stdout);
  });

  it('rejects paths with --cluster, and cluster flags without it', async () => {
    const error = (r: { code: number; stderr: string }) => [r.code, r.stderr];
    for (const command of [['list'], ['coverage'], ['generate', 'from-connections', '-c', FIXTURE]]) {
      expect(error(await run('netpol', ...command, '--cluster', FIXTURE))).toEqual([
        2,
        'kubeward: --cluster reads the cluster: pass either --cluster or paths, not both\n',
      ]);
      for (const flag of [['--context', 'dev'], ['--kubeconfig', kubeconfig], ['-n', 'shop'], ['-A']])
        expect(error(await run('netpol', ...command, ...flag, FIXTURE))).toEqual([
          2,
          'kubeward: --context, --kubeconfig, --namespace, --all-namespaces and --request-timeout need --cluster\n',
        ]);
      expect(error(await run('netpol', ...command, '--cluster', '-n', 'a', '-A'))).toEqual([
        2,
        'kubeward: --namespace and --all-namespaces exclude each other\n',
      ]);
    }
    const explain = ['netpol', 'explain', '--from', 'a/b', '--to', 'c/d'];
    expect(error(await run(...explain, '--cluster', FIXTURE))[0]).toBe(2);
    expect(error(await run(...explain, '--context', 'dev', FIXTURE))[0]).toBe(2);
    // default-deny: -n names the namespaces to cover, with or without --cluster.
    const deny = ['netpol', 'generate', 'default-deny'];
    expect(error(await run(...deny, '--cluster', FIXTURE))[0]).toBe(2);
    expect(error(await run(...deny, '-n', 'shop', '--context', 'dev'))).toEqual([
      2,
      'kubeward: --context, --kubeconfig, --namespace, --all-namespaces and --request-timeout need --cluster\n',
    ]);
    expect(error(await run(...deny, '--cluster', '-n', 'a', '-n', 'b', '-A'))).toEqual([
      2,
      'kubeward: --namespace and --all-namespaces exclude each other\n',
    ]);
    expect(error(await run('netpol', 'list'))).toEqual([
      2,
      'kubeward: no input: pass files, directories, globs, - for standard input, or --cluster for the live cluster\n',
    ]);
  });
});
