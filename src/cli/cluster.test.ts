import { readFileSync } from 'node:fs';
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

const FIXTURE = 'test/fixtures/cluster/objects.yaml';
const RULES = 'rbac/cluster-admin-binding,rbac/secrets-read,workload/privileged,workload/host-pid';
let pki: TestPki;
let server: KubeApiServer;
let kubeconfig: string;

beforeAll(async () => {
  pki = makePki();
  const objects = (loadAll(readFileSync(FIXTURE, 'utf8')) as KubeObject[]).filter(Boolean);
  server = await startKubeApiServer({ pki, objects, tokens: { t: 'cli-user' }, forbidden: ['roles'] });
  kubeconfig = join(pki.dir, 'kubeconfig');
  writeKubeconfig(kubeconfig, server.url, pki.caCert, { dev: { token: 't' } }, 'dev');
});

afterAll(async () => {
  await server?.close();
  if (pki) removeDir(pki.dir);
});

interface JsonReport {
  findings: {
    ruleId: string;
    message: string;
    fingerprint: string;
    location: { file: string; line: number };
  }[];
  problems: { message: string; location: { file: string } }[];
}

describe('kubeward scan --cluster', () => {
  it('scans the cluster of the kubeconfig, reports forbidden lists, and exits 2 for them', async () => {
    const r = await run(
      'scan',
      '--cluster',
      '--kubeconfig',
      kubeconfig,
      '--no-config',
      '-r',
      RULES,
      '-f',
      'json',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.problems.map((p) => p.location.file)).toEqual(['cluster://dev/Role']);
    expect(report.findings.map((f) => `${f.ruleId} ${f.location.file}:${f.location.line}`)).toEqual([
      'rbac/cluster-admin-binding cluster://dev/ClusterRoleBinding/ci-admin:1',
      'workload/host-pid cluster://dev/shop/Pod/toolbox:1',
      'workload/privileged cluster://dev/shop/Pod/toolbox:1',
      'workload/privileged cluster://dev/shop/Pod/web-5d8c-fghij:1',
      'rbac/secrets-read cluster://dev/shop/RoleBinding/web-secrets:1',
    ]);
  });

  it('rejects paths together with --cluster, and cluster flags without it', async () => {
    const both = await run('scan', '--cluster', FIXTURE);
    expect([both.code, both.stderr]).toEqual([
      2,
      'kubeward: --cluster reads the cluster: pass either --cluster or paths, not both\n',
    ]);
    const flag = await run('scan', '--context', 'dev', FIXTURE);
    expect([flag.code, flag.stderr]).toEqual([
      2,
      'kubeward: --context, --kubeconfig, --namespace, --all-namespaces and --request-timeout need --cluster\n',
    ]);
    for (const command of [
      ['scan', FIXTURE],
      ['netpol', 'list', FIXTURE],
    ]) {
      const timeout = await run(...command, '--request-timeout', '5s');
      expect([timeout.code, timeout.stderr]).toEqual([
        2,
        'kubeward: --context, --kubeconfig, --namespace, --all-namespaces and --request-timeout need --cluster\n',
      ]);
    }
    const rbacTimeout = await run('rbac', 'who-can', 'get', 'pods', FIXTURE, '--request-timeout', '5s');
    expect([rbacTimeout.code, rbacTimeout.stderr]).toEqual([
      2,
      'kubeward: --context, --kubeconfig and --request-timeout need --cluster\n',
    ]);
    const ns = await run('scan', '--cluster', '--kubeconfig', kubeconfig, '-n', 'a', '-A');
    expect([ns.code, ns.stderr]).toEqual([
      2,
      'kubeward: --namespace and --all-namespaces exclude each other\n',
    ]);
  });
});

describe('kubeward cluster snapshot', () => {
  it('writes a snapshot that scans offline to the same findings', async () => {
    const file = join(pki.dir, 'snap.yaml');
    const snap = await run(
      'cluster',
      'snapshot',
      '-o',
      file,
      '--kubeconfig',
      kubeconfig,
      '--no-config',
      '-r',
      RULES,
    );
    expect(snap.code).toBe(2);
    expect(snap.stderr).toMatch(
      /^cluster:\/\/dev\/Role:1:1: error: forbidden: cannot list roles .* \[input\/unreadable\]\n/,
    );
    expect(snap.stderr).toMatch(
      /kubeward: 12 objects from context dev written to .*snap\.yaml \(\d+ requests; 4 objects folded into their owners\)\n$/,
    );
    const text = readFileSync(file, 'utf8');
    const [header, problem] = text.split('\n');
    expect(header).toBe('# kubeward cluster snapshot of context "dev": 12 objects');
    expect(problem).toMatch(
      /^# error: cluster:\/\/dev\/Role: forbidden: cannot list roles in all namespaces; /,
    );
    const live = JSON.parse(
      (await run('scan', '--cluster', '--kubeconfig', kubeconfig, '--no-config', '-r', RULES, '-f', 'json'))
        .stdout,
    ) as JsonReport;
    const offline = JSON.parse(
      (await run('scan', file, '--no-config', '-r', RULES, '-f', 'json')).stdout,
    ) as JsonReport;
    const strip = (r: JsonReport) =>
      r.findings.map((f) => `${f.ruleId} ${f.fingerprint} ${f.message}`).sort();
    expect(strip(offline)).toEqual(strip(live));
    expect(offline.findings[0]?.location.file).toBe(file);
  });
});

describe('kubeward cluster snapshot: bad output and Secrets', () => {
  it('reports a snapshot file it cannot write as an input error, not a crash', async () => {
    const r = await run(
      'cluster',
      'snapshot',
      '-o',
      join(pki.dir, 'no-such-dir', 'snap.yaml'),
      '--kubeconfig',
      kubeconfig,
      '--no-config',
      '-r',
      'workload/privileged',
    );
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.stderr).toMatch(
      /^kubeward: cannot write .*no-such-dir\/snap\.yaml: ENOENT: no such file or directory$/m,
    );
  });

  it('says so when the selected rules make it list Secrets, and only then', async () => {
    const { clusterUnits } = await import('./cluster.js');
    const stats = { requests: 0, objects: 0, folded: 0 };
    let stderr = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr += String(chunk);
      return true;
    });
    try {
      await clusterUnits({ kubeconfig }, ['Pod', 'ClusterRole'], stats);
      expect(stderr).toBe('');
      await clusterUnits({ kubeconfig }, ['Pod', 'Secret'], stats);
      expect(stderr).toMatch(
        /^kubeward: a selected rule reads Secrets, so Secrets are listed: this needs `list secrets`/,
      );
    } finally {
      vi.restoreAllMocks();
    }
  });
});

describe('kubeward rbac … --cluster', () => {
  it('rejects --context and --kubeconfig without --cluster', async () => {
    const r = await run('rbac', 'who-can', 'get', 'pods', '--context', 'dev', FIXTURE);
    expect([r.code, r.stderr]).toEqual([
      2,
      'kubeward: --context, --kubeconfig and --request-timeout need --cluster\n',
    ]);
  });

  it('answers who-can from the live cluster', async () => {
    const r = await run(
      'rbac',
      'who-can',
      'list',
      'secrets',
      '-n',
      'shop',
      '--cluster',
      '--kubeconfig',
      kubeconfig,
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^cluster:\/\/dev\/shop\/Role:1:1: error: forbidden: cannot list roles in namespace "shop"/,
    );
    expect(r.stdout).toBe(
      [
        'Who can list secrets in namespace shop:',
        '',
        // Workloads outside namespace shop were not read, so none is named for ci/builder.
        'ServiceAccount ci/builder',
        '  via ClusterRoleBinding ci-admin [cluster://dev/ClusterRoleBinding/ci-admin] → ClusterRole cluster-admin rule /rules/0: verbs * on * (*)',
        'ServiceAccount shop/web (used by Deployment shop/web, Pod shop/web-5d8c-fghij)',
        '  via RoleBinding shop/web-secrets [cluster://dev/shop/RoleBinding/web-secrets] → ClusterRole secret-reader rule /rules/0: verbs get,list,watch on secrets (core)',
        '',
        '2 subjects. Members of the group system:masters can do everything without any RBAC grant.',
        '',
      ].join('\n'),
    );
    // With -n, only that namespace's namespaced objects were read.
    expect(
      server.requests.some((q) =>
        q.path.startsWith('/apis/rbac.authorization.k8s.io/v1/namespaces/shop/rolebindings'),
      ),
    ).toBe(true);
  });
});
