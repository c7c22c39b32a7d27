// `npm run bench`: a synthetic cluster (5,000 workloads, 1,000 policies, 200 namespaces) through the
// network-policy analysis: `netpol list`, `coverage` and 1,000 `explain` queries, against a same-run
// baseline (loading and indexing the same objects). Then the `netpol list` command over 4,000 and 20,000
// workloads, without policies (every pair connected: N² lines) and with some, each run in its own process
// for its wall time and peak RSS. Prints figures; asserts nothing.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeNetpol, coverage, formatConnections, loadText } from '../dist/index.js';
import { ResourceIndex } from '../dist/model/resource-index.js';

const NAMESPACES = 200;
const PER_NAMESPACE = 25; // 5,000 workloads
const APPS = ['web', 'api', 'worker', 'cache', 'db'];

// Deterministic pseudo-random numbers, so every run measures the same cluster.
let seed = 42;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;

function cluster() {
  const docs = [];
  for (let n = 0; n < NAMESPACES; n++) {
    const ns = `team-${n}`;
    docs.push(
      `apiVersion: v1\nkind: Namespace\nmetadata: { name: ${ns}, labels: { team: t${n % 20}, tier: ${n % 2 ? 'prod' : 'dev'} } }`,
    );
    for (let i = 0; i < PER_NAMESPACE; i++) {
      const app = APPS[i % APPS.length];
      docs.push(`apiVersion: apps/v1
kind: Deployment
metadata: { name: ${app}-${i}, namespace: ${ns} }
spec:
  template:
    metadata: { labels: { app: ${app}, instance: i${i} } }
    spec:
      containers:
        - name: main
          image: registry.example/${app}:1
          ports: [{ name: http, containerPort: ${8000 + (i % 5)} }, { name: metrics, containerPort: 9100 }]`);
    }
    // Five policies per namespace: a default deny (DNS kept), and four allows.
    docs.push(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: default-deny, namespace: ${ns} }
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
  egress:
    - to: [{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: kube-system } }, podSelector: { matchLabels: { k8s-app: kube-dns } } }]
      ports: [{ protocol: UDP, port: 53 }, { protocol: TCP, port: 53 }]`);
    docs.push(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: web-from-internet, namespace: ${ns} }
spec:
  podSelector: { matchLabels: { app: web } }
  ingress:
    - from: [{ ipBlock: { cidr: 0.0.0.0/0, except: [10.0.0.0/8] } }]
      ports: [{ port: http }]`);
    docs.push(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: api-from-web, namespace: ${ns} }
spec:
  podSelector: { matchLabels: { app: api } }
  ingress:
    - from: [{ podSelector: { matchLabels: { app: web } } }]
      ports: [{ port: http }]`);
    docs.push(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: db-from-api, namespace: ${ns} }
spec:
  podSelector: { matchLabels: { app: db } }
  ingress:
    - from:
        - podSelector: { matchLabels: { app: api } }
        - namespaceSelector: { matchLabels: { team: t${Math.floor(random() * 20)} } }
          podSelector: { matchLabels: { app: worker } }
      ports: [{ port: 5432 }]`);
    docs.push(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: egress-internal, namespace: ${ns} }
spec:
  podSelector: { matchExpressions: [{ key: app, operator: In, values: [web, api, worker] }] }
  policyTypes: [Egress]
  egress:
    - to: [{ podSelector: {} }, { ipBlock: { cidr: 10.${n % 256}.0.0/16 } }]
    - to: [{ namespaceSelector: { matchLabels: { tier: prod } }, podSelector: { matchLabels: { app: api } } }]
      ports: [{ port: 8000, endPort: 8004 }]`);
  }
  return docs.join('\n---\n') + '\n';
}

const mb = (bytes) => (bytes / 1048576).toFixed(1);
const time = (fn) => {
  const t = process.hrtime.bigint();
  const value = fn();
  return { value, ms: Number(process.hrtime.bigint() - t) / 1e6 };
};

const text = cluster();
const load = time(() => loadText(text, { file: 'synthetic.yaml' }));
const index = time(() => new ResourceIndex(load.value.resources));
const heapBase = process.memoryUsage().heapUsed;
const build = time(() => analyzeNetpol(index.value));
const analysis = build.value;
const list = time(() => formatConnections(analysis.connections(), 'txt'));
const cov = time(() => coverage(analysis));
const workloads = analysis.workloads;
const explain = time(() => {
  let allowed = 0;
  for (let q = 0; q < 1000; q++) {
    const src = workloads[Math.floor(random() * workloads.length)];
    const dst = workloads[Math.floor(random() * workloads.length)];
    if (!analysis.explain(src, dst).allowed.isEmpty()) allowed++;
  }
  return allowed;
});
const heapAfter = process.memoryUsage().heapUsed;

const policies = load.value.resources.filter((r) => r.kind === 'NetworkPolicy').length;
const fmt = (ms) => `${ms.toFixed(0)} ms`;
console.log(
  `objects                      ${load.value.resources.length} (${workloads.length} workloads, ${policies} policies, ${NAMESPACES} namespaces)`,
);
console.log(`endpoints / classes          ${analysis.endpoints.length} / ${analysis.classes}`);
console.log(`baseline: load YAML          ${fmt(load.ms)} (${mb(text.length)} MB of YAML)`);
console.log(`baseline: index              ${fmt(index.ms)}`);
console.log(`analysis build               ${fmt(build.ms)}`);
console.log(
  `netpol list (txt)            ${fmt(list.ms)} (${list.value.split('\n').length - 1} connections, ${mb(list.value.length)} MB)`,
);
console.log(
  `coverage                     ${fmt(cov.ms)} (${cov.value.notIsolated.egress.length} workloads not isolated for egress)`,
);
console.log(`1,000 explain queries        ${fmt(explain.ms)} (${explain.value} allowed)`);
console.log(`ratio (build+list) / load    ${((build.ms + list.ms) / load.ms).toFixed(2)}`);
console.log(`heap held by the analysis    ${mb(heapAfter - heapBase)} MB`);
console.log(`peak RSS                     ${mb(process.resourceUsage().maxRSS * 1024)} MB`);

// `netpol list` as a command: the list is streamed to a pipe that only counts it.
const here = dirname(fileURLToPath(import.meta.url));

function listInput(count, withPolicies) {
  const namespaces = Math.max(1, Math.round(count / 100));
  const docs = [];
  for (let n = 0; n < namespaces; n++) {
    const ns = `team-${n}`;
    docs.push(`apiVersion: v1\nkind: Namespace\nmetadata: { name: ${ns} }`);
    for (let i = n; i < count; i += namespaces) {
      const app = APPS[i % APPS.length];
      docs.push(`apiVersion: apps/v1
kind: Deployment
metadata: { name: ${app}-${i}, namespace: ${ns} }
spec:
  template:
    metadata: { labels: { app: ${app} } }
    spec: { containers: [{ name: main, image: registry.example/${app}:1 }] }`);
    }
    if (!withPolicies) continue;
    // A default deny, traffic inside the namespace, and web open to the world on 443.
    docs.push(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: default-deny, namespace: ${ns} }
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
  ingress: [{ from: [{ podSelector: {} }] }]
  egress: [{ to: [{ podSelector: {} }] }]`);
    docs.push(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: web-from-internet, namespace: ${ns} }
spec:
  podSelector: { matchLabels: { app: web } }
  ingress: [{ from: [{ ipBlock: { cidr: 0.0.0.0/0 } }], ports: [{ port: 443 }] }]`);
  }
  return docs.join('\n---\n') + '\n';
}

function listRun(file) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(here, 'netpol-list-worker.mjs'), file], {
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    });
    let bytes = 0;
    let lines = 0;
    child.stdout.on('data', (chunk) => {
      bytes += chunk.length;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
    });
    let figures = '';
    child.stdio[3].on('data', (chunk) => (figures += chunk));
    // Notes only; kept for the error below.
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-2000)));
    child.on('error', reject);
    child.on('close', () => {
      try {
        resolve({ bytes, lines, ...JSON.parse(figures) });
      } catch {
        reject(new Error(`netpol list of ${file} gave no figures:\n${stderr}`));
      }
    });
  });
}

const scratch = mkdtempSync(join(tmpdir(), 'kubeward-netpol-bench-'));
try {
  // The largest run (400 million lines) last.
  for (const [count, withPolicies] of [
    [4000, false],
    [4000, true],
    [20000, true],
    [20000, false],
  ]) {
    const file = join(scratch, `w${count}-${withPolicies ? 'policies' : 'none'}.yaml`);
    const yaml = listInput(count, withPolicies);
    writeFileSync(file, yaml);
    const r = await listRun(file);
    const label = `netpol list ${count} workloads ${withPolicies ? 'w/ policies' : 'no policies'}`;
    console.log(
      `${label.padEnd(45)}${fmt(r.wallMs)}, peak RSS ${r.maxRssMb.toFixed(0)} MB (${mb(yaml.length)} MB of YAML, ${r.lines} connections, ${mb(r.bytes)} MB of output, exit ${r.code})`,
    );
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
