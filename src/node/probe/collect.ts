import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { describeYamlError } from '../../load/yaml-document.js';
import type { JsonObject, JsonValue } from '../../model/types.js';
import type {
  ComponentFacts,
  ComponentName,
  ConfigFacts,
  FileFacts,
  NodeFacts,
  PlatformFacts,
  VersionFacts,
} from '../facts.js';
import { componentArgs, parseArgs } from '../flags.js';
import { HostFs } from './host.js';
import { readUnit } from './systemd.js';

/** Options of {@link collectFacts}. */
export interface CollectOptions {
  /** The node's root: `/` on the node itself, or where the host root is mounted (`--root /host`). */
  root?: string;
  /**
   * The process table to read. Default: `<root>/proc` when it exists, else `/proc` (a pod with `hostPID`
   * sees the node's processes in its own /proc).
   */
  procDir?: string;
  /** Run `<binary> --version` of the kubelet/k3s/rke2 found on the node to learn its version (default true). */
  execVersion?: boolean;
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

interface Proc {
  pid: number;
  argv: string[];
}

/**
 * Collects the facts the node benchmarks read: the Kubernetes components (from the process table, else
 * from static pod manifests and systemd units), their config files, the mode and owner of every file the
 * benchmarks name, and the platform and version with evidence. Reads only; the one command it may run is
 * `<binary> --version` (see {@link CollectOptions.execVersion}).
 */
export function collectFacts(options: CollectOptions = {}): NodeFacts {
  const rootArg = options.root ?? '/';
  const fs = new HostFs(rootArg);
  const procDir = options.procDir ?? (existsSync(`${fs.root}/proc`) ? `${fs.root}/proc` : '/proc');
  const procs = readProcesses(procDir);
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

  // 1. Processes.
  let k3s: { proc: Proc; kind: 'k3s' | 'rke2'; role: string } | undefined;
  for (const p of procs) {
    const base = (p.argv[0] ?? '').split('/').pop() ?? '';
    let name: ComponentName | undefined;
    if (NAMES.has(base)) name = base as ComponentName;
    else if (base === 'hyperkube') name = HYPERKUBE[p.argv[1] ?? ''];
    else if ((base === 'k3s' || base === 'rke2') && ['server', 'agent'].includes(p.argv[1] ?? '') && !k3s)
      k3s = { proc: p, kind: base, role: p.argv[1] as string };
    if (!name) continue;
    const c: ComponentFacts = { name, source: { kind: 'process', pid: p.pid }, argv: p.argv };
    if (name === 'etcd') {
      const env = readEtcdEnv(procDir, p.pid);
      if (env) c.env = env;
    }
    add(c);
  }

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
    kubernetesVersion: detectVersion(fs, components, k3s?.proc, options.execVersion ?? true),
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
  return facts;
}

function readProcesses(procDir: string): Proc[] {
  let entries: string[];
  try {
    entries = readdirSync(procDir).filter((e) => /^\d+$/.test(e));
  } catch {
    return [];
  }
  const out: Proc[] = [];
  for (const e of entries) {
    try {
      const argv = readFileSync(`${procDir}/${e}/cmdline`, 'utf8').split('\0');
      if (argv.at(-1) === '') argv.pop();
      if (argv.length > 0 && argv[0] !== '') out.push({ pid: Number(e), argv });
    } catch {
      // The process exited or is not ours to read; it is not a component we can describe.
    }
  }
  return out.sort((a, b) => a.pid - b.pid);
}

// Only etcd's own settings are kept: the rest of a process environment can hold secrets.
function readEtcdEnv(procDir: string, pid: number): Record<string, string> | undefined {
  try {
    const env: Record<string, string> = {};
    for (const item of readFileSync(`${procDir}/${pid}/environ`, 'utf8').split('\0')) {
      const at = item.indexOf('=');
      if (at > 0 && item.startsWith('ETCD_')) env[item.slice(0, at)] = item.slice(at + 1);
    }
    return Object.keys(env).length > 0 ? env : undefined;
  } catch {
    return undefined;
  }
}

function fromManifest(fs: HostFs, path: string): ComponentFacts | undefined {
  const text = fs.readText(path);
  if (typeof text !== 'string') return undefined;
  let doc: unknown;
  try {
    doc = load(text);
  } catch {
    return undefined;
  }
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
    try {
      const doc = load(text);
      if (doc && typeof doc === 'object') Object.assign(config, doc);
    } catch {
      // An unparsable k3s config stops k3s itself; nothing more to learn from it here.
    }
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
  const viaProc = (p: string): string => {
    if (fs.exists(p) || c.source.pid === undefined) return p;
    const prefix = `${procDir.startsWith(fs.root) ? procDir.slice(fs.root.length) || '/proc' : '/proc'}/${c.source.pid}/root`;
    if (!fs.exists(`${prefix}${p}`)) return p;
    c.fsRoot = prefix;
    return `${prefix}${p}`;
  };
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
    try {
      const doc = load(text) as JsonValue;
      if (doc !== null && doc !== undefined) {
        if (typeof doc !== 'object' || Array.isArray(doc)) errors.push(`${path}: not a mapping`);
        else merged = mergeConfig(merged, doc);
      }
    } catch (error) {
      // js-yaml's message quotes the file (a snippet, and the token of an unknown tag or alias): kind only.
      const yaml = describeYamlError(error);
      errors.push(
        yaml
          ? `${path}:${yaml.line + 1}:${yaml.column + 1}: invalid YAML: ${yaml.message}`
          : `${path}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
      );
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

const VERSION_RE = /v1\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]*[0-9A-Za-z])?/;

function detectVersion(
  fs: HostFs,
  components: ComponentFacts[],
  distro: Proc | undefined,
  exec: boolean,
): VersionFacts {
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
  if (exec) {
    const kubelet = components.find((c) => c.name === 'kubelet' && c.source.kind !== 'embedded');
    const binaries = [distro?.argv[0], kubelet?.argv[0]].filter(
      (b): b is string => b !== undefined && b.startsWith('/'),
    );
    for (const bin of binaries) {
      const path = fs.resolve(bin);
      if (!existsSync(path)) continue;
      try {
        const out = execFileSync(path, ['--version'], {
          encoding: 'utf8',
          timeout: 5000,
          stdio: ['ignore', 'pipe', 'ignore'],
        });
        const m = VERSION_RE.exec(out);
        if (m) return { version: m[0], evidence: [`${bin} --version printed ${out.trim().split('\n')[0]}`] };
      } catch {
        // Not runnable here (other architecture, missing libraries): the version stays unknown.
      }
    }
  }
  return {
    version: null,
    evidence: ['no static pod image tag, and no kubelet/k3s/rke2 binary answered --version'],
  };
}
