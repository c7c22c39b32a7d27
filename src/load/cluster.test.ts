import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAll } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../engine/config.js';
import { InputError, UsageError } from '../base/errors.js';
import { selectRules } from '../engine/registry.js';
import type { Finding, ScanResult } from '../engine/result.js';
import { scan, scanUnits } from '../engine/scan.js';
import { loadText } from './documents.js';
import {
  clusterFile,
  clusterSource,
  connectCluster,
  kindsForRules,
  listKinds,
  templateKey,
  type ListStats,
} from './cluster.js';
import { snapshotYaml } from './cluster-snapshot.js';
import {
  makePki,
  removeDir,
  startKubeApiServer,
  writeKubeconfig,
  type KubeApiServer,
  type KubeObject,
  type TestPki,
} from '../../test/helpers/kube-api-server.js';
import type { Resource } from '../model/types.js';

const FIXTURE = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'cluster', 'objects.yaml');
const objects = (loadAll(readFileSync(FIXTURE, 'utf8')) as KubeObject[]).filter(Boolean);

let pki: TestPki;
let server: KubeApiServer;
let kubeconfig: string;

beforeAll(async () => {
  pki = makePki('cert-user');
  server = await startKubeApiServer({
    pki,
    objects,
    tokens: { 'token-1': 'token-user', 'token-exec': 'exec-user', 'token-limited': 'limited-user' },
    maxPage: 1000,
  });
  const plugin = join(pki.dir, 'credential-plugin.mjs');
  writeFileSync(
    plugin,
    `process.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token: 'token-exec', expirationTimestamp: '2999-01-01T00:00:00Z' } }));\n`,
  );
  kubeconfig = join(pki.dir, 'kubeconfig');
  writeKubeconfig(
    kubeconfig,
    server.url,
    pki.caCert,
    {
      'with-token': { token: 'token-1' },
      'with-cert': { clientCert: pki.clientCert, clientKey: pki.clientKey },
      'with-exec': { exec: { command: process.execPath, args: [plugin] } },
      'bad-token': { token: 'nope' },
    },
    'with-token',
  );
});

afterAll(async () => {
  await server?.close();
  if (pki) removeDir(pki.dir);
});

// A fixed rule set, so that rules added to the catalog later do not change what these tests expect.
const only = [
  'rbac/cluster-admin-binding',
  'rbac/default-service-account',
  'rbac/nodes-proxy',
  'rbac/secrets-read',
  'rbac/wildcard-rules',
  'workload/host-pid',
  'workload/privileged',
  'workload/run-as-non-root',
];
const ruleKinds = selectRules(defaultConfig(), only).flatMap((a) => a.rule.meta.kinds);

async function clusterScan(
  context: string,
  extra: { namespace?: string; pageSize?: number } = {},
): Promise<{ result: ScanResult; stats: ListStats }> {
  const stats: ListStats = { requests: 0, objects: 0, folded: 0 };
  const result = await scanUnits(
    clusterSource({ kubeconfig, context, ruleKinds, pageSize: extra.pageSize ?? 2, stats, ...extra }),
    { only },
  );
  return { result, stats };
}

const key = (f: Finding): string =>
  `${f.ruleId} ${f.resource.kind} ${f.resource.namespace ?? '-'}/${f.resource.name} ${f.path}`;

function requestsSince(mark: number): string[] {
  return server.requests.slice(mark).map((r) => `${r.status} ${r.user ?? '-'} ${r.path}`);
}

describe('cluster loader', () => {
  it('lists the kinds the rules need, paged, with a bearer token, and reports each object at its cluster:// name', async () => {
    const mark = server.requests.length;
    const { result, stats } = await clusterScan('with-token');
    expect(result.problems).toEqual([]);
    const paths = requestsSince(mark).map((r) => r.replace(/^200 token-user /, ''));
    // 4 pods, 2 per page: the second page is asked for with the continue token of the first.
    expect(paths.filter((p) => p.startsWith('/api/v1/pods'))).toEqual([
      '/api/v1/pods?limit=2',
      `/api/v1/pods?limit=2&continue=${encodeURIComponent(Buffer.from('2').toString('base64'))}`,
    ]);
    // Only what the rules read: no Secrets, Namespaces or ConfigMaps.
    expect(paths.some((p) => /secrets|namespaces|configmaps|services/.test(p))).toBe(false);
    expect(
      paths.filter((p) => p.startsWith('/apis/rbac.authorization.k8s.io/v1/clusterroles?')),
    ).toHaveLength(2);
    expect(stats.requests).toBe(paths.length);
    // The ReplicaSet, the Job and the two pods that are what their templates make are folded into owners.
    expect(stats.folded).toBe(4);
    expect(result.resources.map((r) => `${r.kind} ${r.namespace ?? '-'}/${r.name} ${r.source.file}`)).toEqual(
      [
        'ClusterRole -/cluster-admin cluster://with-token/ClusterRole/cluster-admin',
        'ClusterRole -/monitoring cluster://with-token/ClusterRole/monitoring',
        'ClusterRole -/monitoring-nodes cluster://with-token/ClusterRole/monitoring-nodes',
        'ClusterRole -/secret-reader cluster://with-token/ClusterRole/secret-reader',
        'ClusterRoleBinding -/ci-admin cluster://with-token/ClusterRoleBinding/ci-admin',
        'ClusterRoleBinding -/sre-monitoring cluster://with-token/ClusterRoleBinding/sre-monitoring',
        'CronJob ci/nightly cluster://with-token/ci/CronJob/nightly',
        'Role ci/anything cluster://with-token/ci/Role/anything',
        'ServiceAccount ci/builder cluster://with-token/ci/ServiceAccount/builder',
        'Deployment shop/web cluster://with-token/shop/Deployment/web',
        'Pod shop/toolbox cluster://with-token/shop/Pod/toolbox',
        'Pod shop/web-5d8c-fghij cluster://with-token/shop/Pod/web-5d8c-fghij',
        'RoleBinding shop/default-view cluster://with-token/shop/RoleBinding/default-view',
        'RoleBinding shop/web-secrets cluster://with-token/shop/RoleBinding/web-secrets',
        'ServiceAccount shop/default cluster://with-token/shop/ServiceAccount/default',
        'ServiceAccount shop/web cluster://with-token/shop/ServiceAccount/web',
      ],
    );
    const privileged = result.findings.find(
      (f) => f.ruleId === 'workload/privileged' && f.resource.name === 'toolbox',
    );
    expect(privileged?.path).toBe('/spec/containers/0/securityContext/privileged');
    expect(privileged?.location).toEqual({
      file: 'cluster://with-token/shop/Pod/toolbox',
      line: 1,
      column: 1,
    });
    // The injected sidecar makes the second pod differ from its template: it is reported on its own.
    expect(
      result.findings.some(
        (f) =>
          f.ruleId === 'workload/privileged' &&
          f.resource.name === 'web-5d8c-fghij' &&
          f.container === 'debug',
      ),
    ).toBe(true);
    // RBAC findings name the workloads that run as a bound service account.
    expect(result.findings.find((f) => f.ruleId === 'rbac/cluster-admin-binding')?.message).toBe(
      'ClusterRoleBinding ci-admin makes ServiceAccount ci/builder (used by CronJob ci/nightly) cluster-admin',
    );
    // The cluster-admin binding is reported once, by rbac/cluster-admin-binding.
    expect(result.findings.filter((f) => f.ruleId === 'rbac/secrets-read').map((f) => f.message)).toEqual([
      'RoleBinding shop/web-secrets lets ServiceAccount shop/web (used by Deployment shop/web, Pod shop/web-5d8c-fghij) get/list/watch secrets in namespace shop (role ClusterRole secret-reader)',
    ]);
    expect(result.findings.find((f) => f.ruleId === 'rbac/nodes-proxy')?.message).toBe(
      'ClusterRoleBinding sre-monitoring lets Group sre get nodes/proxy cluster-wide (role ClusterRole monitoring, aggregating ClusterRole monitoring-nodes)',
    );
  });

  it('authenticates with a client certificate and with an exec credential plugin', async () => {
    for (const [context, user] of [
      ['with-cert', 'cert-user'],
      ['with-exec', 'exec-user'],
    ] as const) {
      const mark = server.requests.length;
      const { result } = await clusterScan(context);
      expect(result.problems).toEqual([]);
      expect(result.resources).toHaveLength(16);
      const users = new Set(server.requests.slice(mark).map((r) => r.user));
      expect([...users]).toEqual([user]);
    }
  });

  it('drops status, managed fields and the last-applied annotation, and gives list items their kind', async () => {
    const connection = await connectCluster({ kubeconfig, context: 'with-token' });
    const kinds = kindsForRules(['Deployment']).kinds;
    const units = [];
    for await (const unit of listKinds(connection, kinds)) units.push(unit);
    const deployment = units.flatMap((u) => u.resources)[0];
    expect(deployment?.object).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: 'web',
        namespace: 'shop',
        uid: 'deploy-web',
        annotations: { 'example.com/flag': 'yes', 'example.com/mode': '0644' },
      },
      spec: (objects.find((o) => o.kind === 'Deployment') as KubeObject).spec,
    });
  });

  it('turns a forbidden list into a problem naming the permission and scans the rest', async () => {
    const limited = await startKubeApiServer({
      pki,
      objects,
      tokens: { t: 'limited-user' },
      forbidden: ['clusterrolebindings', 'pods'],
    });
    try {
      const file = join(pki.dir, 'limited-kubeconfig');
      writeKubeconfig(file, limited.url, pki.caCert, { limited: { token: 't' } }, 'limited');
      const result = await scanUnits(clusterSource({ kubeconfig: file, ruleKinds }), { only });
      expect(result.problems.map((p) => [p.level, p.location.file, p.message])).toEqual([
        [
          'error',
          'cluster://limited/ClusterRoleBinding',
          'forbidden: cannot list clusterrolebindings at cluster scope; missing RBAC permission: list clusterrolebindings (API group "rbac.authorization.k8s.io") cluster-wide; ClusterRoleBinding objects were not scanned (clusterrolebindings is forbidden: User "limited-user" cannot list resource "clusterrolebindings" in API group "rbac.authorization.k8s.io" at the cluster scope)',
        ],
        [
          'error',
          'cluster://limited/Pod',
          'forbidden: cannot list pods in all namespaces; missing RBAC permission: list pods (API group "") cluster-wide; Pod objects were not scanned (pods is forbidden: User "limited-user" cannot list resource "pods" in API group "" at the cluster scope)',
        ],
      ]);
      expect(result.findings.some((f) => f.ruleId === 'workload/privileged')).toBe(false);
      expect(result.findings.some((f) => f.ruleId === 'rbac/secrets-read')).toBe(true);
      expect(result.resources.some((r) => r.kind === 'Deployment')).toBe(true);
    } finally {
      await limited.close();
    }
  });

  it('asks discovery before listing optional CRD kinds, so a group the cluster does not serve is no 403', async () => {
    // A real API server authorizes a list before routing it: without discovery, credentials lacking a grant
    // for argoproj.io would get 403 on a cluster that has no Argo Rollouts at all.
    const limited = await startKubeApiServer({
      pki,
      objects,
      tokens: { t: 'limited-user' },
      forbidden: ['rollouts'],
    });
    try {
      const file = join(pki.dir, 'no-argo-kubeconfig');
      writeKubeconfig(file, limited.url, pki.caCert, { limited: { token: 't' } }, 'limited');
      const result = await scanUnits(clusterSource({ kubeconfig: file, ruleKinds }), { only });
      expect(result.problems).toEqual([]);
      const paths = limited.requests.map((r) => r.path.replace(/\?.*$/, ''));
      expect(paths).toContain('/apis/argoproj.io/v1alpha1');
      expect(paths.filter((p) => p.includes('/rollouts'))).toEqual([]);
    } finally {
      await limited.close();
    }
  });

  it('lists namespaced kinds in one namespace with --namespace, and cluster-scoped kinds as usual', async () => {
    const mark = server.requests.length;
    const { result } = await clusterScan('with-token', { namespace: 'ci', pageSize: 100 });
    const paths = requestsSince(mark).map((r) => r.split(' ')[2] ?? '');
    expect(paths).toContain('/api/v1/namespaces/ci/pods?limit=100');
    expect(paths).toContain('/apis/rbac.authorization.k8s.io/v1/clusterrolebindings?limit=100');
    expect(paths.filter((p) => p.includes('/namespaces/') && !p.includes('/namespaces/ci/'))).toEqual([]);
    expect(new Set(result.resources.map((r) => r.namespace))).toEqual(new Set([null, 'ci']));
  });

  it('fails clearly for an unknown context, rejected credentials and a missing kubeconfig', async () => {
    await expect(connectCluster({ kubeconfig, context: 'nope' })).rejects.toThrow(
      new UsageError(
        '--context: no context "nope" in the kubeconfig (contexts: bad-token, with-cert, with-exec, with-token)',
      ),
    );
    await expect(clusterScan('bad-token')).rejects.toThrow(
      new InputError(
        `the API server ${server.url} rejected the credentials of context bad-token (401 Unauthorized)`,
      ),
    );
    await expect(connectCluster({ kubeconfig: join(pki.dir, 'missing') })).rejects.toThrow(InputError);
  });

  it('gives the same findings from a snapshot file as from the cluster', async () => {
    const { result: live } = await clusterScan('with-token');
    const connection = await connectCluster({ kubeconfig, context: 'with-token' });
    const resources: Resource[] = [];
    for await (const unit of listKinds(connection, kindsForRules(ruleKinds).kinds, { pageSize: 3 }))
      resources.push(...unit.resources);
    const text = snapshotYaml(connection.context, resources, []);
    const loaded = loadText(text, { file: 'snapshot.yaml' });
    expect(loaded.problems).toEqual([]);
    // Every object comes back exactly, including strings that YAML 1.1 would read as a boolean or a number.
    const byRef = (list: readonly Resource[]) =>
      Object.fromEntries(list.map((r) => [`${r.kind} ${r.namespace ?? '-'}/${r.name}`, r.object]));
    expect(byRef(loaded.resources)).toEqual(byRef(resources));
    expect(loaded.resources).toHaveLength(resources.length);
    expect(text).toContain("example.com/flag: 'yes'");
    const file = join(pki.dir, 'snapshot.yaml');
    writeFileSync(file, text);
    const offline = await scan([file], { only });
    // Everything but the location: the same rule, resource, pointer, message, fingerprint and severity.
    const strip = (list: readonly Finding[]) =>
      list.map((f) => JSON.stringify({ ...f, location: null })).sort();
    expect(strip(offline.findings)).toEqual(strip(live.findings));
    expect(live.findings.length).toBeGreaterThan(10);
  });

  it('finds what a scan of the same objects as files finds, less the objects folded into their owners', async () => {
    const { result: live } = await clusterScan('with-token');
    const files = await scan([FIXTURE], { only });
    // Written by hand from the fixture: the owned objects that are what their owner's template makes.
    const folded = new Set([
      'ReplicaSet shop/web-5d8c',
      'Pod shop/web-5d8c-abcde',
      'Job ci/nightly-29000000',
      'Pod ci/nightly-29000000-q8z4n',
    ]);
    const fromFiles = files.findings
      .filter((f) => !folded.has(`${f.resource.kind} ${f.resource.namespace ?? '-'}/${f.resource.name}`))
      .map(key)
      .sort();
    expect(live.findings.map(key).sort()).toEqual(fromFiles);
  });
});

describe('cluster file names and templates', () => {
  it('names objects cluster://context/namespace/kind/name and escapes slashes in segments', () => {
    expect(clusterFile('arn:aws:eks:eu-west-1:1:cluster/prod', 'Pod', 'shop', 'web')).toBe(
      'cluster://arn:aws:eks:eu-west-1:1:cluster%2Fprod/shop/Pod/web',
    );
    expect(clusterFile('kind', 'ClusterRole', null, 'system:aggregate-to-edit')).toBe(
      'cluster://kind/ClusterRole/system:aggregate-to-edit',
    );
  });

  it('ignores what the API server adds to a pod but not a changed container', () => {
    const template = { containers: [{ name: 'a', image: 'a:1' }] };
    const pod = {
      nodeName: 'n',
      serviceAccount: 'default',
      tolerations: [{ key: 'k', operator: 'Exists' }],
      containers: [
        {
          name: 'a',
          image: 'a:1',
          volumeMounts: [
            { name: 'kube-api-access-abcde', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' },
          ],
        },
      ],
      volumes: [{ name: 'kube-api-access-abcde', projected: { sources: [] } }],
    };
    expect(templateKey(pod)).toBe(templateKey(template));
    expect(templateKey({ containers: [{ name: 'a', image: 'a:2' }] })).not.toBe(templateKey(template));
    expect(templateKey({ ...template, hostNetwork: true })).not.toBe(templateKey(template));
  });

  it('fills in the default service account and leaves out LimitRanger resources, as admission does to pods', () => {
    // A template that names no service account and sets no resources…
    const template = { containers: [{ name: 'a', image: 'a:1' }] };
    // …and a pod it made, as the API server stores it: the ServiceAccount admission plugin wrote
    // serviceAccountName (and its alias) `default`; LimitRanger wrote the namespace's default resources.
    const pod = {
      serviceAccountName: 'default',
      serviceAccount: 'default',
      containers: [
        {
          name: 'a',
          image: 'a:1',
          resources: { requests: { cpu: '100m' }, limits: { cpu: '1' } },
        },
      ],
    };
    expect(templateKey(pod)).toBe(templateKey(template));
    // Another service account than the default is a difference.
    expect(templateKey({ ...pod, serviceAccountName: 'admin', serviceAccount: 'admin' })).not.toBe(
      templateKey(template),
    );
    // An ephemeral container is one too.
    expect(templateKey({ ...pod, ephemeralContainers: [{ name: 'debugger', image: 'busybox:1' }] })).not.toBe(
      templateKey(template),
    );
  });

  it('folds the pods of a Deployment that names no service account into the Deployment', async () => {
    const labels = { app: 'api' };
    const podSpec = { containers: [{ name: 'api', image: 'api:1' }] };
    const served: KubeObject[] = [
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'api', namespace: 'x', uid: 'd-api' },
        spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: podSpec } },
      },
      {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name: 'api-6b9f',
          namespace: 'x',
          uid: 'rs-api',
          ownerReferences: [
            { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api', uid: 'd-api', controller: true },
          ],
        },
        spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: podSpec } },
      },
      ...['q1w2e', 'r3t4y'].map((suffix): KubeObject => ({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: `api-6b9f-${suffix}`,
          namespace: 'x',
          uid: `pod-${suffix}`,
          ownerReferences: [
            { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'api-6b9f', uid: 'rs-api', controller: true },
          ],
        },
        spec: {
          serviceAccountName: 'default',
          serviceAccount: 'default',
          nodeName: 'node-1',
          containers: [
            {
              name: 'api',
              image: 'api:1',
              resources: { requests: { cpu: '100m', memory: '64Mi' } },
              volumeMounts: [
                {
                  name: `kube-api-access-${suffix}`,
                  mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
                },
              ],
            },
          ],
          volumes: [{ name: `kube-api-access-${suffix}`, projected: { sources: [] } }],
        },
      })),
    ];
    const small = await startKubeApiServer({ pki, objects: served, tokens: { t: 'u' } });
    try {
      const file = join(pki.dir, 'small-kubeconfig');
      writeKubeconfig(file, small.url, pki.caCert, { small: { token: 't' } }, 'small');
      const connection = await connectCluster({ kubeconfig: file });
      const stats: ListStats = { requests: 0, objects: 0, folded: 0 };
      const names: string[] = [];
      for await (const unit of listKinds(connection, kindsForRules(['workload']).kinds, {}, stats))
        names.push(...unit.resources.map((r) => `${r.kind} ${r.name}`));
      expect(names).toEqual(['Deployment api']);
      expect(stats.folded).toBe(3);
    } finally {
      await small.close();
    }
  });

  it('maps rule kinds to listable kinds, leaving Secrets out of * and reporting unknown kinds', () => {
    expect(kindsForRules(['workload']).kinds.map((k) => k.kind)).toEqual([
      'CronJob',
      'Deployment',
      'StatefulSet',
      'DaemonSet',
      'ReplicationController',
      'Rollout',
      'ReplicaSet',
      'Job',
      'Pod',
    ]);
    expect(kindsForRules(['*']).kinds.some((k) => k.kind === 'Secret')).toBe(false);
    expect(kindsForRules(['Secret', 'Widget']).kinds.map((k) => k.kind)).toEqual(['Secret']);
    expect(kindsForRules(['Secret', 'Widget']).unknown).toEqual(['Widget']);
  });
});

describe('kubeconfig errors', () => {
  it('never quote the kubeconfig: a syntax error names the line, not the tokens and keys around it', async () => {
    const { mkdtempSync, writeFileSync: write } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'kubeward-kc-'));
    const file = join(dir, 'kubeconfig');
    write(
      file,
      'apiVersion: v1\nkind: Config\nusers:\n  - name: u\n    user:\n      token: SUPERTOKEN123\n     client-key-data: KEYDATA456\n',
    );
    let message = '';
    try {
      await connectCluster({ kubeconfig: file });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^cannot read kubeconfig .*kubeconfig: invalid YAML at line \d+, column \d+: /);
    expect(message).not.toContain('SUPERTOKEN123');
    expect(message).not.toContain('KEYDATA456');
  });
});
