// `npm run bench`: a synthetic cluster of 20,000 pods (18,000 of them owned through ReplicaSets by 1,000
// Deployments), 2,000 Roles and 2,000 RoleBindings, served on 127.0.0.1 by the test API server
// (test/helpers/kube-api-server.ts). Measures `kubeward scan --cluster` (built code, recommended preset):
// wall time, peak RSS, requests; a same-run baseline that only downloads and parses the same pages; and
// `who-can` over the RBAC set. Prints figures; asserts nothing. Each measurement runs in its own process.
import { execFileSync, spawn } from 'node:child_process';
import { request } from 'node:https';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const self = fileURLToPath(import.meta.url);
const NAMESPACES = 200;
const DEPLOYMENTS_PER_NS = 5;
const PODS_PER_DEPLOYMENT = 18;
const STANDALONE_PODS_PER_NS = 10;
const ROLES_PER_NS = 10;
const PAGE = 500;

function podSpec(i, sa) {
  return {
    serviceAccountName: sa,
    securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [
      {
        name: 'app',
        image: `registry.example.com/app-${i % 50}:1.${i % 7}.0`,
        imagePullPolicy: 'IfNotPresent',
        ports: [{ containerPort: 8080, protocol: 'TCP' }],
        resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
        securityContext: {
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        },
        env: [{ name: 'MODE', value: 'production' }],
      },
    ],
  };
}

/** The synthetic cluster, the same in every process. */
function synth() {
  const objects = [];
  const meta = (name, namespace, uid, extra = {}) => ({ name, namespace, uid, ...extra });
  for (let n = 0; n < NAMESPACES; n++) {
    const ns = `team-${String(n).padStart(3, '0')}`;
    objects.push({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('app', ns, `sa-${n}`) });
    for (let d = 0; d < DEPLOYMENTS_PER_NS; d++) {
      const name = `svc-${d}`;
      const spec = podSpec(n * 10 + d, 'app');
      const labels = { app: name };
      objects.push({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: meta(name, ns, `d-${n}-${d}`),
        spec: {
          replicas: PODS_PER_DEPLOYMENT,
          selector: { matchLabels: labels },
          template: { metadata: { labels }, spec },
        },
        status: { replicas: PODS_PER_DEPLOYMENT },
      });
      const owner = (kind, nm, uid) => [{ apiVersion: 'apps/v1', kind, name: nm, uid, controller: true }];
      objects.push({
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: meta(`${name}-abc`, ns, `rs-${n}-${d}`, {
          ownerReferences: owner('Deployment', name, `d-${n}-${d}`),
        }),
        spec: {
          replicas: PODS_PER_DEPLOYMENT,
          selector: { matchLabels: labels },
          template: { metadata: { labels }, spec },
        },
      });
      for (let p = 0; p < PODS_PER_DEPLOYMENT; p++) {
        objects.push({
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: meta(`${name}-abc-${p}`, ns, `p-${n}-${d}-${p}`, {
            labels,
            ownerReferences: [
              {
                apiVersion: 'apps/v1',
                kind: 'ReplicaSet',
                name: `${name}-abc`,
                uid: `rs-${n}-${d}`,
                controller: true,
              },
            ],
            managedFields: [{ manager: 'kube-controller-manager', operation: 'Update', apiVersion: 'v1' }],
          }),
          spec: {
            ...spec,
            nodeName: `node-${p % 40}`,
            serviceAccount: 'app',
            tolerations: [
              {
                key: 'node.kubernetes.io/not-ready',
                operator: 'Exists',
                effect: 'NoExecute',
                tolerationSeconds: 300,
              },
            ],
          },
          status: { phase: 'Running', podIP: `10.${n % 250}.${d}.${p}` },
        });
      }
    }
    for (let p = 0; p < STANDALONE_PODS_PER_NS; p++) {
      const spec = podSpec(p, 'default');
      if (p === 0) spec.containers[0].securityContext = { privileged: true };
      objects.push({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: meta(`job-runner-${p}`, ns, `sp-${n}-${p}`),
        spec,
      });
    }
    for (let r = 0; r < ROLES_PER_NS; r++) {
      const rules =
        r === 0
          ? [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] }]
          : r === 1
            ? [{ apiGroups: [''], resources: ['pods', 'pods/exec'], verbs: ['get', 'create'] }]
            : [
                {
                  apiGroups: ['', 'apps'],
                  resources: ['configmaps', 'deployments'],
                  verbs: ['get', 'list', 'watch'],
                },
              ];
      objects.push({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: meta(`role-${r}`, ns, `r-${n}-${r}`),
        rules,
      });
      objects.push({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: meta(`binding-${r}`, ns, `rb-${n}-${r}`),
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: `role-${r}` },
        subjects: [
          r % 2 === 0
            ? { kind: 'ServiceAccount', name: 'app', namespace: ns }
            : { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: `team-${n}-devs` },
        ],
      });
    }
  }
  return objects;
}

const mode = process.argv[2];

if (mode === 'serve') {
  // Runs under tsx: the test server is TypeScript.
  const { makePki, startKubeApiServer, writeKubeconfig } = await import(
    pathToFileURL(join(root, 'test/helpers/kube-api-server.ts')).href
  );
  const pki = makePki();
  const server = await startKubeApiServer({
    pki,
    objects: synth(),
    tokens: { bench: 'bench' },
    maxPage: PAGE,
  });
  const kubeconfig = join(pki.dir, 'kubeconfig');
  writeKubeconfig(kubeconfig, server.url, pki.caCert, { bench: { token: 'bench' } }, 'bench');
  writeFileSync(join(pki.dir, 'ca.pem'), pki.caCert);
  process.stdout.write(
    `${JSON.stringify({ url: server.url, kubeconfig, ca: join(pki.dir, 'ca.pem'), dir: pki.dir })}\n`,
  );
  process.stdin.resume();
  process.stdin.on('end', async () => {
    await server.close();
    execFileSync('rm', ['-rf', pki.dir]);
    process.exit(0);
  });
} else if (mode === 'scan') {
  const [kubeconfig] = process.argv.slice(3);
  const { scanUnits } = await import(pathToFileURL(join(root, 'dist/engine/scan.js')).href);
  const { selectRules } = await import(pathToFileURL(join(root, 'dist/engine/registry.js')).href);
  const { defaultConfig } = await import(pathToFileURL(join(root, 'dist/engine/config.js')).href);
  const { clusterSource } = await import(pathToFileURL(join(root, 'dist/load/cluster.js')).href);
  const ruleKinds = selectRules(defaultConfig()).flatMap((a) => a.rule.meta.kinds);
  const stats = { requests: 0, objects: 0, folded: 0 };
  const t = process.hrtime.bigint();
  const result = await scanUnits(clusterSource({ kubeconfig, ruleKinds, stats, pageSize: PAGE }));
  const wallMs = Number(process.hrtime.bigint() - t) / 1e6;
  process.stdout.write(
    JSON.stringify({
      wallMs,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      ...stats,
      resources: result.resources.length,
      findings: result.findings.length,
      problems: result.problems.length,
    }),
  );
} else if (mode === 'raw') {
  // Baseline: the same pages, downloaded and parsed, nothing else.
  const [url, ca] = process.argv.slice(3);
  const caPem = readFileSync(ca);
  const get = (path) =>
    new Promise((res, rej) => {
      const req = request(`${url}${path}`, { ca: caPem, headers: { Authorization: 'Bearer bench' } }, (r) => {
        const chunks = [];
        r.on('data', (c) => chunks.push(c));
        r.on('end', () => res(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      });
      req.on('error', rej);
      req.end();
    });
  const t = process.hrtime.bigint();
  let requests = 0;
  let objects = 0;
  for (const path of [
    '/api/v1/pods',
    '/apis/apps/v1/deployments',
    '/apis/apps/v1/replicasets',
    '/apis/rbac.authorization.k8s.io/v1/roles',
    '/apis/rbac.authorization.k8s.io/v1/rolebindings',
    '/api/v1/serviceaccounts',
  ]) {
    let token = '';
    do {
      const list = await get(`${path}?limit=${PAGE}${token ? `&continue=${encodeURIComponent(token)}` : ''}`);
      requests++;
      objects += list.items.length;
      token = list.metadata.continue ?? '';
    } while (token);
  }
  const wallMs = Number(process.hrtime.bigint() - t) / 1e6;
  process.stdout.write(
    JSON.stringify({ wallMs, maxRssMb: process.resourceUsage().maxRSS / 1024, requests, objects }),
  );
} else if (mode === 'whocan') {
  const { RbacGraph } = await import(pathToFileURL(join(root, 'dist/analysis/rbac/graph.js')).href);
  const at = { file: 'bench', line: 1, column: 1 };
  const resources = synth()
    .filter((o) => o.kind === 'Role' || o.kind === 'RoleBinding' || o.kind === 'Deployment')
    .map((o) => ({
      apiVersion: o.apiVersion,
      kind: o.kind,
      namespace: o.metadata.namespace ?? null,
      name: o.metadata.name,
      object: o,
      source: { file: 'bench', docIndex: 0, line: 1, column: 1, locate: () => at },
    }));
  let t = process.hrtime.bigint();
  const graph = new RbacGraph(resources);
  const buildMs = Number(process.hrtime.bigint() - t) / 1e6;
  const queries = [
    { type: 'resource', verb: 'list', apiGroup: '', resource: 'secrets', namespace: 'team-100' },
    {
      type: 'resource',
      verb: 'create',
      apiGroup: '',
      resource: 'pods',
      subresource: 'exec',
      namespace: 'team-007',
    },
    { type: 'resource', verb: 'delete', apiGroup: 'apps', resource: 'deployments', namespace: null },
  ];
  t = process.hrtime.bigint();
  let answers = 0;
  for (const q of queries) answers += graph.whoCan(q).length;
  const anywhere = graph.whoCan(queries[0], true).length;
  const queryMs = Number(process.hrtime.bigint() - t) / 1e6 / (queries.length + 1);
  // Baseline: one pass over every rule of every role, the least any who-can must do.
  t = process.hrtime.bigint();
  let rules = 0;
  for (const r of resources)
    if (r.kind === 'Role') for (const rule of r.object.rules) rules += rule.verbs.length;
  const baselineMs = Number(process.hrtime.bigint() - t) / 1e6;
  process.stdout.write(
    JSON.stringify({
      roles: graph.roles.length,
      bindings: graph.bindings.length,
      buildMs,
      queryMs,
      answers,
      anywhere,
      baselineMs,
      rules,
    }),
  );
} else {
  // Orchestrator.
  const server = spawn(process.execPath, ['--import', 'tsx', self, 'serve'], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const info = await new Promise((res, rej) => {
    let buf = '';
    server.stdout.on('data', (c) => {
      buf += c;
      const nl = buf.indexOf('\n');
      if (nl !== -1) res(JSON.parse(buf.slice(0, nl)));
    });
    server.on('exit', (code) => rej(new Error(`bench server exited with ${code}`)));
  });
  const child = (...args) =>
    JSON.parse(
      execFileSync(process.execPath, [self, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 }),
    );
  try {
    const total = synth();
    const count = (k) => total.filter((o) => o.kind === k).length;
    console.log(
      `synthetic cluster: ${count('Pod')} pods, ${count('Deployment')} deployments, ${count('ReplicaSet')} replicasets, ${count('Role')} roles, ${count('RoleBinding')} rolebindings (page size ${PAGE})`,
    );
    child('raw', info.url, info.ca); // warm-up: server caches, TLS session
    const raw = child('raw', info.url, info.ca);
    const scan = child('scan', info.kubeconfig);
    const fmt = (n) => n.toFixed(0);
    console.log(
      `kubeward scan --cluster: ${fmt(scan.wallMs)} ms, peak RSS ${fmt(scan.maxRssMb)} MB, ${scan.requests} requests, ${scan.objects} objects listed, ${scan.folded} folded into owners, ${scan.resources} resources reported, ${scan.findings} findings, ${scan.problems} problems`,
    );
    console.log(
      `baseline (download + JSON.parse of the same kinds' pages only): ${fmt(raw.wallMs)} ms, peak RSS ${fmt(raw.maxRssMb)} MB, ${raw.requests} requests, ${raw.objects} objects`,
    );
    const who = child('whocan');
    console.log(
      `who-can over ${who.roles} roles and ${who.bindings} bindings: graph built in ${who.buildMs.toFixed(1)} ms, ${who.queryMs.toFixed(2)} ms per query (${who.answers} subjects for 3 namespaced/cluster questions, ${who.anywhere} for one across namespaces); baseline one pass over every rule: ${who.baselineMs.toFixed(2)} ms`,
    );
  } finally {
    server.stdin.end();
  }
}
