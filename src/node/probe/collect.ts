import { existsSync } from 'node:fs';
import { readRegularFile } from '../../load/read-file.js';
import type { JsonObject, JsonValue } from '../../model/types.js';
import type {
  AuthorizationFacts,
  ComponentFacts,
  ComponentName,
  ConfigFacts,
  FileFacts,
  NodeFacts,
  PlatformFacts,
  ProcessFacts,
  VersionFacts,
} from '../facts.js';
import { componentArgs, parseArgs } from '../flags.js';
import { parseAuthorizationConfig } from './authorization.js';
import { decodeNodeDocument } from './decode.js';
import { HostFs } from './host.js';
import {
  choose,
  judgeProcess,
  readCommandLines,
  readProcess,
  type Judgement,
  type Proc,
} from './processes.js';
import { readUnit } from './systemd.js';
import { dpkgVersion, scanBinaryVersion, VERSION_RE } from './version.js';

/** Options of {@link collectFacts}. */
export interface CollectOptions {
  /** The node's root: `/` on the node itself, or where the host root is mounted (`--root /host`). */
  root?: string;
  /**
   * The process table to read. Default: `<root>/proc` when it exists, else `/proc` (a pod with `hostPID`
   * sees the node's processes in its own /proc).
   */
  procDir?: string;
}

const NAMES: ReadonlySet<string> = new Set([
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
  'etcd',
  'kubelet',
  'kube-proxy',
]);
const HYPERKUBE: Record<string, ComponentName> = {
  apiserver: 'kube-apiserver',
  'kube-apiserver': 'kube-apiserver',
  'controller-manager': 'kube-controller-manager',
  'kube-controller-manager': 'kube-controller-manager',
  scheduler: 'kube-scheduler',
  'kube-scheduler': 'kube-scheduler',
  kubelet: 'kubelet',
  proxy: 'kube-proxy',
  'kube-proxy': 'kube-proxy',
};
const MANIFEST_DIRS = ['/etc/kubernetes/manifests', '/var/lib/rancher/rke2/agent/pod-manifests'];
const FIXED_PATHS = [
  '/etc/kubernetes/admin.conf',
  '/etc/kubernetes/super-admin.conf',
  '/etc/kubernetes/scheduler.conf',
  '/etc/kubernetes/controller-manager.conf',
  '/etc/kubernetes/kubelet.conf',
  '/etc/kubernetes/proxy.conf',
  '/etc/kubernetes/pki/ca.crt',
  '/var/lib/kubelet/kubeconfig',
  '/var/lib/kubelet/config.yaml',
  '/var/lib/etcd',
];
const TREES = [
  '/etc/kubernetes/pki',
  '/var/lib/rancher/k3s/server/tls',
  '/var/lib/rancher/rke2/server/tls',
  '/etc/cni/net.d',
  '/var/lib/cni/networks',
];
const UNITS = [
  'kubelet.service',
  'k3s.service',
  'k3s-agent.service',
  'rke2-server.service',
  'rke2-agent.service',
];
const MAX_TREE_ENTRIES = 2000;

interface Candidate {
  proc: Proc;
  judgement: Judgement;
  label: string;
}

/**
 * Collects the facts the node benchmarks read: the Kubernetes components (from the process table, else
 * from static pod manifests and systemd units), their config files, the mode and owner of every file the
 * benchmarks name, and the platform and version with evidence. Reads only and runs nothing: the process
 * table and the inspected tree are controlled by whoever can start a process or write a file there, so
 * nothing they name is ever executed (the version is read from files, see `detectVersion`).
 */
export function collectFacts(options: CollectOptions = {}): NodeFacts {
  const rootArg = options.root ?? '/';
  const fs = new HostFs(rootArg);
  const procDir = options.procDir ?? (existsSync(`${fs.root}/proc`) ? `${fs.root}/proc` : '/proc');
  const files: Record<string, FileFacts> = {};
  const note = (path: string): void => {
    if (path.startsWith('/') && !(path in files)) files[path] = fs.stat(path);
  };

  const components: ComponentFacts[] = [];
  const found = new Set<ComponentName>();
  const add = (c: ComponentFacts): void => {
    if (found.has(c.name)) return;
    found.add(c.name);
    components.push(c);
  };

  // 1. Processes. A command line is whatever its process chose (`exec -a kubelet`), so a process is only
  // taken for a component once its owner and executable say it may be one (see judgeProcess).
  const processes: ProcessFacts[] = [];
  const chosenProcs = new Map<number, Proc>();
  const candidates = new Map<string, Candidate[]>();
  const roles = new Map<number, { kind: 'k3s' | 'rke2'; role: string }>();
  for (const { pid, argv } of readCommandLines(procDir)) {
    const base = (argv[0] ?? '').split('/').pop() ?? '';
    let label: string | undefined;
    if (NAMES.has(base)) label = base;
    else if (base === 'hyperkube') label = HYPERKUBE[argv[1] ?? ''];
    else if ((base === 'k3s' || base === 'rke2') && ['server', 'agent'].includes(argv[1] ?? '')) {
      label = base;
      roles.set(pid, { kind: base, role: argv[1] as string });
    }
    if (label === undefined) continue;
    const proc = readProcess(procDir, pid, argv);
    const list = candidates.get(label) ?? [];
    list.push({ proc, judgement: judgeProcess(fs, procDir, proc), label });
    candidates.set(label, list);
  }
  const record = (p: ProcessFacts): void => {
    processes.push(p);
  };
  let k3s: { proc: Proc; kind: 'k3s' | 'rke2'; role: string } | undefined;
  for (const label of [...candidates.keys()].sort()) {
    const chosen = choose(label, candidates.get(label) ?? [], record);
    if (!chosen) continue;
    const p = chosen.proc;
    chosenProcs.set(p.pid, p);
    const role = roles.get(p.pid);
    if (role) {
      // One distribution per node; k3s (sorted first) wins should both appear.
      if (!k3s) k3s = { proc: p, ...role };
      continue;
    }
    const name = label as ComponentName;
    const c: ComponentFacts = { name, source: { kind: 'process', pid: p.pid }, argv: p.argv };
    if (name === 'etcd') {
      const env = readEtcdEnv(procDir, p.pid);
      if (env) c.env = env;
    }
    add(c);
  }
  processes.sort((a, b) => a.pid - b.pid || (a.component < b.component ? -1 : 1));

  // 2. k3s runs the control plane, kubelet and kube-proxy inside its own process (rke2 runs real ones).
  if (k3s?.kind === 'k3s') for (const c of k3sComponents(fs, k3s.proc, k3s.role)) add(c);

  // 3. Configured but not seen running (no access to the node's processes): static pods and systemd.
  for (const dir of MANIFEST_DIRS) {
    for (const entry of fs.list(dir)) {
      note(`${dir}/${entry}`);
      const c = fromManifest(fs, `${dir}/${entry}`);
      if (c) add(c);
    }
  }
  for (const unit of UNITS) {
    const u = readUnit(fs, unit);
    if (!u) continue;
    u.files.forEach(note);
    u.environmentFiles.forEach(note);
    if (unit === 'kubelet.service' && u.argv && u.argv.length > 0)
      add({ name: 'kubelet', source: { kind: 'systemd', path: u.files[0] as string }, argv: u.argv });
  }

  // 4. Config files (--config and --config-dir) of the kubelet and kube-proxy.
  for (const c of components) {
    if (c.name !== 'kubelet' && c.name !== 'kube-proxy') continue;
    const config = readComponentConfig(fs, c, procDir, note);
    if (config) c.config = config;
  }
  const apiserver = components.find((c) => c.name === 'kube-apiserver');
  if (apiserver) {
    const authorization = readAuthorization(fs, apiserver, procDir, note);
    if (authorization) apiserver.authorization = authorization;
  }

  const noteFor = (c: ComponentFacts, path: string): void => {
    note(path);
    if (c.fsRoot !== undefined && files[path]?.type === 'missing') note(`${c.fsRoot}${path}`);
  };
  // 5. Every path a flag or config key names, the fixed paths, and the trees the benchmarks walk.
  for (const c of components) {
    for (const flag of parseArgs(componentArgs(c.argv)).flags.values()) {
      const values = Array.isArray(flag.value)
        ? flag.value
        : typeof flag.value === 'string'
          ? [flag.value]
          : [];
      for (const v of values) if (v.startsWith('/') && !v.includes('*')) noteFor(c, v);
    }
    const doc = c.config?.document;
    if (doc) {
      for (const key of [
        'authentication.x509.clientCAFile',
        'clientConnection.kubeconfig',
        'tlsCertFile',
        'tlsPrivateKeyFile',
      ]) {
        const v = dig(doc, key);
        if (typeof v === 'string' && v.startsWith('/')) noteFor(c, v);
      }
    }
  }
  FIXED_PATHS.forEach(note);
  for (const tree of TREES) walk(fs, tree, note);

  const facts: NodeFacts = {
    kind: 'NodeFacts',
    schemaVersion: 1,
    collector: rootArg === '/' ? { mode: 'live' } : { mode: 'root', root: rootArg },
    platform: detectPlatform(fs, components, k3s?.kind),
    kubernetesVersion: detectVersion(fs, procDir, components, chosenProcs, k3s?.proc),
    components: components.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    files: Object.fromEntries(
      Object.keys(files)
        .sort()
        .map((k) => [k, files[k] as FileFacts]),
    ),
  };
  const hostname = fs.readText('/etc/hostname');
  if (typeof hostname === 'string' && hostname.trim() !== '') facts.hostname = hostname.trim();
  if (fs.userNames) facts.users = fs.userNames;
  if (processes.length > 0) facts.processes = processes;
  return facts;
}

// Only etcd's own settings are kept: the rest of a process environment can hold secrets.
function readEtcdEnv(procDir: string, pid: number): Record<string, string> | undefined {
  const read = readRegularFile(`${procDir}/${pid}/environ`, { maxBytes: 4 * 1024 * 1024 });
  if (!read.ok) return undefined;
  const env: Record<string, string> = {};
  for (const item of read.bytes.toString('utf8').split('\0')) {
    const at = item.indexOf('=');
    if (at > 0 && item.startsWith('ETCD_')) env[item.slice(0, at)] = item.slice(at + 1);
  }
  return Object.keys(env).length > 0 ? env : undefined;
}

function fromManifest(fs: HostFs, path: string): ComponentFacts | undefined {
  const text = fs.readText(path);
  if (typeof text !== 'string') return undefined;
  const decoded = decodeNodeDocument(text, path);
  if (!decoded.ok) return undefined;
  const doc = decoded.value;
  const containers = (doc as { spec?: { containers?: { command?: unknown; args?: unknown }[] } })?.spec
    ?.containers;
  if (!Array.isArray(containers)) return undefined;
  for (const container of containers) {
    const argv = [...strings(container.command), ...strings(container.args)];
    const base = (argv[0] ?? '').split('/').pop() ?? '';
    if (NAMES.has(base)) return { name: base as ComponentName, source: { kind: 'static-pod', path }, argv };
  }
  return undefined;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The components k3s runs in-process, with the arguments k3s is told to pass them. */
function k3sComponents(fs: HostFs, proc: Proc, role: string): ComponentFacts[] {
  const args = parseArgs(componentArgs(proc.argv));
  const config: Record<string, unknown> = {};
  for (const path of [
    '/etc/rancher/k3s/config.yaml',
    ...fs.list('/etc/rancher/k3s/config.yaml.d').map((e) => `/etc/rancher/k3s/config.yaml.d/${e}`),
  ]) {
    const text = fs.readText(path);
    if (typeof text !== 'string') continue;
    // An undecodable k3s config stops k3s itself; nothing more to learn from it here.
    const decoded = decodeNodeDocument(text, path);
    if (decoded.ok && isObj(decoded.value)) Object.assign(config, decoded.value);
  }
  const passed = (key: string): string[] => {
    const fromConfig = config[key];
    const values = [
      ...(Array.isArray(fromConfig)
        ? fromConfig.map(String)
        : typeof fromConfig === 'string'
          ? [fromConfig]
          : []),
    ];
    const flag = args.flags.get(key)?.occurrences ?? [];
    for (const occ of flag) values.push(occ.replace(/^--?[^= ]+[= ]/, ''));
    return values.map((v) => `--${v}`);
  };
  const disabled =
    String(config['disable-kube-proxy'] ?? args.flags.get('disable-kube-proxy')?.value ?? 'false') === 'true';
  const source = { kind: 'embedded' as const, pid: proc.pid, path: proc.argv[0] as string };
  const out: ComponentFacts[] = [];
  const emb = (name: ComponentName, key: string, extra: string[] = []): void => {
    out.push({ name, source, argv: [name, ...extra, ...passed(key)] });
  };
  if (role === 'server') {
    emb('kube-apiserver', 'kube-apiserver-arg');
    emb('kube-controller-manager', 'kube-controller-manager-arg');
    emb('kube-scheduler', 'kube-scheduler-arg');
    if (
      config['cluster-init'] === true ||
      args.flags.has('cluster-init') ||
      fs.exists('/var/lib/rancher/k3s/server/db/etcd')
    )
      emb('etcd', 'etcd-arg');
  }
  // k3s writes its kubelet defaults as a drop-in and points the kubelet at the directory.
  const dropInDir = '/var/lib/rancher/k3s/agent/etc/kubelet.conf.d';
  emb('kubelet', 'kubelet-arg', fs.exists(dropInDir) ? [`--config-dir=${dropInDir}`] : []);
  if (!disabled) emb('kube-proxy', 'kube-proxy-arg');
  return out;
}

/**
 * Reads `--config` and merges the `--config-dir` drop-ins (`*.conf`, file-name order) over it as the
 * kubelet does: objects merge key by key, scalars and lists are replaced. A containerised component's
 * paths are inside its mount namespace, so a path missing on the host is tried under /proc/PID/root.
 */
function readComponentConfig(
  fs: HostFs,
  c: ComponentFacts,
  procDir: string,
  note: (path: string) => void,
): ConfigFacts | undefined {
  const args = parseArgs(componentArgs(c.argv));
  const configFlag = args.flags.get('config')?.value;
  const dirFlag = args.flags.get('config-dir')?.value;
  const configPath = typeof configFlag === 'string' && configFlag !== '' ? configFlag : null;
  const dir = typeof dirFlag === 'string' && dirFlag !== '' ? dirFlag : null;
  if (configPath === null && dir === null) return undefined;
  const viaProc = (p: string): string => insideComponent(fs, c, procDir, p);
  const result: ConfigFacts = { path: configPath === null ? null : viaProc(configPath), dropIns: [] };
  let merged: JsonObject = {};
  const errors: string[] = [];
  const apply = (path: string): void => {
    note(path);
    const text = fs.readText(path);
    if (typeof text !== 'string') {
      errors.push(`${path}: ${text.error}`);
      return;
    }
    const decoded = decodeNodeDocument(text, path);
    if (!decoded.ok) {
      errors.push(decoded.error);
      return;
    }
    const doc = decoded.value;
    if (doc !== null) {
      if (!isObj(doc)) errors.push(`${path}: not a mapping`);
      else merged = mergeConfig(merged, doc);
    }
  };
  if (result.path !== null) apply(result.path);
  if (dir !== null) {
    const d = viaProc(dir);
    note(d);
    for (const entry of fs.list(d).filter((e) => e.endsWith('.conf'))) {
      result.dropIns.push(`${d}/${entry}`);
      apply(`${d}/${entry}`);
    }
  }
  if (errors.length > 0) result.error = errors.join('; ');
  else result.document = merged;
  return result;
}

/**
 * The node path a component's own path names: as given when it exists on the node, else under
 * /proc/PID/root for a component in a container (its paths are inside its mount namespace).
 */
function insideComponent(fs: HostFs, c: ComponentFacts, procDir: string, p: string): string {
  if (fs.exists(p) || c.source.pid === undefined) return p;
  const prefix = `${procDir.startsWith(fs.root) ? procDir.slice(fs.root.length) || '/proc' : '/proc'}/${c.source.pid}/root`;
  if (!fs.exists(`${prefix}${p}`)) return p;
  c.fsRoot = prefix;
  return `${prefix}${p}`;
}

/**
 * Reads the AuthorizationConfiguration named by kube-apiserver `--authorization-config` (structured
 * authorization, which excludes `--authorization-mode`), through the one reader and decoder.
 */
function readAuthorization(
  fs: HostFs,
  c: ComponentFacts,
  procDir: string,
  note: (path: string) => void,
): AuthorizationFacts | undefined {
  const flag = parseArgs(componentArgs(c.argv), c.name).flags.get('authorization-config')?.value;
  if (typeof flag !== 'string' || flag === '') return undefined;
  const path = insideComponent(fs, c, procDir, flag);
  note(path);
  const text = fs.readText(path);
  if (typeof text !== 'string') return { path, error: `${path}: ${text.error}` };
  const decoded = decodeNodeDocument(text, path);
  if (!decoded.ok) return { path, error: decoded.error };
  return parseAuthorizationConfig(decoded.value, path);
}

/** Merges a drop-in over a config: objects key by key, everything else replaced. */
export function mergeConfig(base: JsonObject, over: JsonObject): JsonObject {
  const out: JsonObject = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const prev = out[key];
    out[key] = isObj(prev) && isObj(value) ? mergeConfig(prev, value) : (value as JsonValue);
  }
  return out;
}

function isObj(v: JsonValue | undefined): v is JsonObject {
  return v !== null && v !== undefined && typeof v === 'object' && !Array.isArray(v);
}

function dig(doc: JsonObject, dotted: string): JsonValue | undefined {
  let cur: JsonValue | undefined = doc;
  for (const k of dotted.split('.')) cur = isObj(cur) ? cur[k] : undefined;
  return cur;
}

function walk(fs: HostFs, dir: string, note: (path: string) => void): void {
  const meta = fs.stat(dir);
  if (meta.type === 'missing') return;
  const queue = [dir];
  let count = 0;
  while (queue.length > 0 && count < MAX_TREE_ENTRIES) {
    const current = queue.shift() as string;
    note(current);
    count++;
    if (fs.stat(current).type !== 'dir') continue;
    for (const entry of fs.list(current)) queue.push(`${current}/${entry}`);
  }
}

function detectPlatform(
  fs: HostFs,
  components: ComponentFacts[],
  distro: 'k3s' | 'rke2' | undefined,
): PlatformFacts {
  const kubelet = components.find((c) => c.name === 'kubelet');
  const kubeletArgs = kubelet ? parseArgs(componentArgs(kubelet.argv)) : undefined;
  const labels = kubeletArgs?.flags.get('node-labels')?.value;
  const labelText =
    labels && typeof labels === 'object' && !Array.isArray(labels) ? Object.keys(labels).join(',') : '';
  const evidence: Record<Exclude<PlatformFacts['name'], 'unknown'>, string[]> = {
    k3s: [],
    rke2: [],
    eks: [],
    gke: [],
    aks: [],
    kubeadm: [],
  };
  if (distro) evidence[distro].push(`${distro} process running`);
  for (const [name, path] of [
    ['k3s', '/var/lib/rancher/k3s'],
    ['k3s', '/etc/rancher/k3s/config.yaml'],
    ['rke2', '/var/lib/rancher/rke2'],
    ['rke2', '/etc/rancher/rke2/config.yaml'],
    ['eks', '/etc/eks'],
    ['gke', '/home/kubernetes/bin'],
    ['aks', '/etc/kubernetes/azure.json'],
    ['kubeadm', '/var/lib/kubelet/kubeadm-flags.env'],
    ['kubeadm', '/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf'],
    ['kubeadm', '/etc/systemd/system/kubelet.service.d/10-kubeadm.conf'],
  ] as const) {
    if (fs.exists(path)) evidence[name].push(`${path} exists`);
  }
  if (/eks\.amazonaws\.com\//.test(labelText))
    evidence.eks.push('kubelet --node-labels has eks.amazonaws.com/ labels');
  if (/cloud\.google\.com\/gke-/.test(labelText))
    evidence.gke.push('kubelet --node-labels has cloud.google.com/gke- labels');
  if (/kubernetes\.azure\.com\//.test(labelText))
    evidence.aks.push('kubelet --node-labels has kubernetes.azure.com/ labels');
  for (const kubeconfig of ['/var/lib/kubelet/kubeconfig', '/etc/kubernetes/kubelet.conf']) {
    const text = fs.readText(kubeconfig);
    if (typeof text === 'string' && /server:\s*\S*\.eks\.amazonaws\.com/.test(text))
      evidence.eks.push(`${kubeconfig} points at an EKS API server`);
  }
  const manifest = fs.readText('/etc/kubernetes/manifests/kube-apiserver.yaml');
  if (typeof manifest === 'string' && manifest.includes('kubeadm.kubernetes.io/'))
    evidence.kubeadm.push('/etc/kubernetes/manifests/kube-apiserver.yaml has kubeadm annotations');
  // Distributions first: they are built on kubeadm-like layouts, never the reverse.
  for (const name of ['k3s', 'rke2', 'eks', 'gke', 'aks', 'kubeadm'] as const) {
    if (evidence[name].length > 0) return { name, evidence: evidence[name] };
  }
  return { name: 'unknown', evidence: ['no k3s, RKE2, EKS, GKE, AKS or kubeadm markers found'] };
}

/**
 * Learns the Kubernetes version from files only, never by running a binary (one named by the process table
 * or found in the inspected tree is chosen by whoever controls them): the image tag of a static pod
 * (`registry.k8s.io/kube-apiserver:v1.32.3`), else the version string embedded in the kubelet, k3s or rke2
 * binary (read as bytes, see {@link scanBinaryVersion}), else the installed kubelet Debian package.
 */
function detectVersion(
  fs: HostFs,
  procDir: string,
  components: ComponentFacts[],
  procs: Map<number, Proc>,
  distro: Proc | undefined,
): VersionFacts {
  const tried: string[] = [];
  // Static pod images carry the exact version (registry.k8s.io/kube-apiserver:v1.32.3).
  for (const c of components) {
    if (c.source.kind !== 'static-pod' && c.name !== 'kube-apiserver') continue;
    for (const dir of MANIFEST_DIRS) {
      const path = c.source.kind === 'static-pod' ? (c.source.path as string) : `${dir}/${c.name}.yaml`;
      const text = fs.readText(path);
      if (typeof text !== 'string') continue;
      const image = /image:\s*["']?(\S+?)["']?\s*$/m.exec(text)?.[1];
      const tag = image?.split(':').pop();
      const m = tag ? VERSION_RE.exec(tag) : null;
      if (m && /kube|hardened-kubernetes/.test(image ?? ''))
        return { version: m[0], evidence: [`image ${image} in ${path}`] };
    }
  }
  tried.push('no static pod image tag');

  // Binaries of the chosen processes (their executables), and of the kubelet unit's ExecStart.
  const binaries: { shown: string; read: string }[] = [];
  const fromProc = (p: Proc): void => {
    if (p.exe !== null) {
      // On a live process table /proc/PID/exe opens the very file the process runs (even in a container's
      // mount namespace); in a mounted tree it is an ordinary link, resolved inside the tree.
      const read = procDir === '/proc' ? `/proc/${p.pid}/exe` : fs.resolve(p.exe);
      binaries.push({ shown: `${p.exe} (the executable of process ${p.pid})`, read });
    } else if (p.argv[0]?.startsWith('/')) binaries.push({ shown: p.argv[0], read: fs.resolve(p.argv[0]) });
  };
  if (distro) fromProc(distro);
  const kubelet = components.find((c) => c.name === 'kubelet' && c.source.kind !== 'embedded');
  if (kubelet?.source.kind === 'process' && kubelet.source.pid !== undefined) {
    const p = procs.get(kubelet.source.pid);
    if (p) fromProc(p);
  } else if (kubelet?.argv[0]?.startsWith('/'))
    binaries.push({ shown: kubelet.argv[0], read: fs.resolve(kubelet.argv[0]) });
  for (const bin of binaries) {
    const scanned = scanBinaryVersion(bin.read);
    if (scanned.ok)
      return {
        version: scanned.version,
        evidence: [`version string ${scanned.key}=${scanned.version} in the bytes of ${bin.shown}`],
      };
    tried.push(`${bin.shown}: ${scanned.reason}`);
  }

  const status = fs.readText('/var/lib/dpkg/status', 64 * 1024 * 1024);
  if (typeof status === 'string') {
    const pkg = dpkgVersion(status, 'kubelet');
    if (pkg)
      return {
        version: pkg.version,
        evidence: [`package kubelet ${pkg.raw} is installed (/var/lib/dpkg/status)`],
      };
    tried.push('no kubelet package in /var/lib/dpkg/status');
  }
  return { version: null, evidence: tried };
}
