import { InputError } from '../base/errors.js';
import type { JsonObject, JsonValue } from '../model/types.js';

/**
 * The `NodeFacts` document: everything the node benchmarks read, collected once (live, from a mounted host
 * root, or by hand) and evaluated anywhere. Schema version 1:
 *
 * ```
 * {
 *   "kind": "NodeFacts", "schemaVersion": 1,
 *   "collector": { "mode": "live" | "root" | "manual", "root"?: "/host" },
 *   "hostname"?: "node-1",
 *   "platform": { "name": "kubeadm" | "eks" | "gke" | "aks" | "k3s" | "rke2" | "unknown", "evidence": [..] },
 *   "kubernetesVersion": { "version": "v1.32.3" | null, "evidence": [..] },
 *   "components": [ { "name", "source": { "kind", "pid"?, "path"? }, "argv": [..], "env"?: {..},
 *                     "config"?: { "path", "dropIns": [..], "document"?: {..}, "error"?: ".." },
 *                     "authorization"?: { "path", "authorizers"?: [ { "type", "name"?, "failurePolicy"? } ],
 *                                         "error"?: ".." } } ],
 *   "processes"?: [ { "pid", "component", "verdict": "chosen" | "not chosen" | "rejected", "reason" } ],
 *   "files": { "/abs/path": { "type": "file" | "dir" | "other" | "missing" | "unreadable",
 *                              "mode"?: "600", "uid"?: 0, "gid"?: 0, "user"?: "root", "group"?: "root",
 *                              "error"?: "EACCES: permission denied" } },
 *   "users"?: ["root", "etcd"]
 * }
 * ```
 *
 * Paths are absolute paths on the node (never prefixed with the mount point). `mode` is the octal
 * permission bits (`mode & 0o7777`) without a leading zero. `users` lists the account names of the node's
 * `/etc/passwd` when it was readable (used to tell "no etcd user exists" from "wrong owner").
 */
export interface NodeFacts {
  kind: 'NodeFacts';
  schemaVersion: 1;
  collector: { mode: 'live' | 'root' | 'manual'; root?: string };
  hostname?: string;
  platform: PlatformFacts;
  kubernetesVersion: VersionFacts;
  components: ComponentFacts[];
  files: Record<string, FileFacts>;
  users?: string[];
  /**
   * Every process whose command line looked like a component (kubelet, k3s, …), with what became of it:
   * the one `chosen` as the component, others `not chosen`, and `rejected` ones (not root, or run from a
   * world-writable directory) whose command line was not used at all.
   */
  processes?: ProcessFacts[];
}

/** What became of one process that looked like a Kubernetes component, and why. */
export interface ProcessFacts {
  pid: number;
  /** The component it looked like (`kubelet`, …) or the distribution (`k3s`, `rke2`). */
  component: string;
  verdict: 'chosen' | 'not chosen' | 'rejected';
  reason: string;
}

/** Kubernetes distributions kubeward can recognise on a node. */
export const PLATFORMS = ['kubeadm', 'eks', 'gke', 'aks', 'k3s', 'rke2', 'unknown'] as const;

/** A detected Kubernetes distribution. */
export type Platform = (typeof PLATFORMS)[number];

/** The detected platform and why. */
export interface PlatformFacts {
  name: Platform;
  /** Human-readable observations that led to the name, e.g. `file /etc/eks/release exists`. */
  evidence: string[];
}

/** The detected Kubernetes version (`vMAJOR.MINOR.PATCH…` as gitVersion prints it) and why. */
export interface VersionFacts {
  version: string | null;
  evidence: string[];
}

/** Node components the benchmarks know. */
export const COMPONENTS = [
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
  'etcd',
  'kubelet',
  'kube-proxy',
] as const;

/** A node component. */
export type ComponentName = (typeof COMPONENTS)[number];

/** Where a component's command line was found. */
export interface ComponentSource {
  /**
   * `process`: /proc/PID/cmdline; `static-pod`: a static pod manifest's command + args; `systemd`: a unit's
   * ExecStart with its environment files expanded; `embedded`: inside another process (k3s), with the
   * arguments that process passes on.
   */
  kind: 'process' | 'static-pod' | 'systemd' | 'embedded';
  pid?: number;
  /** The manifest or unit file, or for `embedded` the host binary. */
  path?: string;
}

/** One running (or configured) component. */
export interface ComponentFacts {
  name: ComponentName;
  source: ComponentSource;
  /** The full command line, argv[0] included. */
  argv: string[];
  /** Environment variables that configure it (etcd's `ETCD_*`); other variables are not collected. */
  env?: Record<string, string>;
  /** The component's config file (`--config`) merged with its drop-ins (`--config-dir`), when it has one. */
  config?: ConfigFacts;
  /**
   * For a component in a container: the node path of its root (`/proc/PID/root`). Paths it names that do
   * not exist on the node are looked up under this prefix.
   */
  fsRoot?: string;
  /** kube-apiserver: the AuthorizationConfiguration file named by `--authorization-config`. */
  authorization?: AuthorizationFacts;
}

/** The authorizer chain of an `AuthorizationConfiguration` file (`apiserver.config.k8s.io`). */
export interface AuthorizationFacts {
  /** The file, as a node path. */
  path: string;
  /** The authorizers in the order the API server consults them; absent when the file is unusable. */
  authorizers?: AuthorizerFacts[];
  /** Why the file could not be read, decoded or understood. */
  error?: string;
}

/** One authorizer of the chain. */
export interface AuthorizerFacts {
  /** `Node`, `RBAC`, `Webhook`, `AlwaysAllow`, `AlwaysDeny` or `ABAC`. */
  type: string;
  name?: string;
  /** Webhooks: what an error of the webhook decides (`NoOpinion` falls through, `Deny` denies). */
  failurePolicy?: string;
}

/** A component config file after merging drop-ins. */
export interface ConfigFacts {
  /** The `--config` file, or null when only a drop-in directory is used. */
  path: string | null;
  /** Drop-in files merged over it, in the order they were applied. */
  dropIns: string[];
  /** The merged document; absent when it could not be read or parsed (see `error`). */
  document?: JsonObject;
  error?: string;
}

/** Metadata of one path on the node. */
export interface FileFacts {
  type: 'file' | 'dir' | 'other' | 'missing' | 'unreadable';
  /** Octal permission bits, e.g. `"600"` or `"1777"`. */
  mode?: string;
  uid?: number;
  gid?: number;
  /** Owner names from the node's /etc/passwd and /etc/group, when known. */
  user?: string;
  group?: string;
  /** Why the path could not be read (for `unreadable`). */
  error?: string;
}

/** One problem found in a facts document: where (JSON path) and what. */
export interface FactsIssue {
  path: string;
  message: string;
}

/**
 * Parses and validates a facts file. Throws an {@link InputError} naming the file and, for a JSON syntax
 * error, the line and column and a generic reason (never the file's text: V8's own message quotes it); for a
 * schema error, every offending JSON path (`$.components[1].argv`).
 */
export function parseFacts(text: string, file: string): NodeFacts {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const syntax = jsonSyntaxError(text);
    const where = syntax ? lineColumn(text, syntax.offset) : '';
    throw new InputError(`${file}${where}: not valid JSON${syntax ? `: ${syntax.reason}` : ''}`);
  }
  const issues = validateFacts(value);
  if (issues.length > 0) {
    // One line, as every error message is printed (escaped) on one line.
    const shown = issues.slice(0, 20).map((i) => `${i.path}: ${i.message}`);
    if (issues.length > 20) shown.push(`… and ${issues.length - 20} more`);
    throw new InputError(`${file}: not a valid NodeFacts document: ${shown.join('; ')}`);
  }
  return value as NodeFacts;
}

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `:${before.length}:${(before.at(-1)?.length ?? 0) + 1}`;
}

/**
 * The first JSON syntax error of `text` (RFC 8259, as `JSON.parse` reads it): its offset and a reason that
 * quotes nothing of the text. Undefined when the text is valid JSON. Iterative, so any nesting depth is fine.
 */
export function jsonSyntaxError(text: string): { offset: number; reason: string } | undefined {
  let i = 0;
  const fail = (reason: string, at = i) => ({ offset: at, reason });
  const end = () => fail('unexpected end of input', text.length);
  const skipSpace = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  // Containers being read: '[' or '{'; `expectValue` is true where a value must come next.
  const stack: string[] = [];
  let expectValue = true;
  for (;;) {
    skipSpace();
    if (i >= text.length) return stack.length === 0 && !expectValue ? undefined : end();
    const c = text[i]!;
    if (expectValue) {
      if (c === '{' || c === '[') {
        stack.push(c);
        i++;
        skipSpace();
        if (i >= text.length) return end();
        if (text[i] === (c === '{' ? '}' : ']')) {
          stack.pop();
          i++;
          expectValue = false;
        } else if (c === '{') {
          const key = readKey();
          if (key) return key;
        }
        continue;
      }
      const scalar = c === '"' ? readString() : readLiteral();
      if (scalar) return scalar;
      expectValue = false;
      continue;
    }
    const top = stack.at(-1);
    if (top === undefined) return fail('unexpected text after the JSON value');
    if (c === ',') {
      i++;
      expectValue = true;
      if (top === '{') {
        const key = readKey();
        if (key) return key;
      }
      continue;
    }
    if (c === (top === '{' ? '}' : ']')) {
      stack.pop();
      i++;
      continue;
    }
    return fail(top === '{' ? "expected ',' or '}'" : "expected ',' or ']'");
  }

  /** After `{` or `,` in an object: `"key" :`; leaves `i` at the value. */
  function readKey(): { offset: number; reason: string } | undefined {
    skipSpace();
    if (i >= text.length) return end();
    if (text[i] !== '"') return fail('expected a double-quoted property name');
    const bad = readString();
    if (bad) return bad;
    skipSpace();
    if (i >= text.length) return end();
    if (text[i] !== ':') return fail("expected ':' after the property name");
    i++;
    return undefined;
  }

  function readString(): { offset: number; reason: string } | undefined {
    i++;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return undefined;
      }
      if (c < 0x20) return fail('control character in a string');
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === undefined) return end();
        if (e === 'u') {
          for (let k = i + 2; k < i + 6; k++) {
            if (k >= text.length) return end();
            if (!/[0-9A-Fa-f]/.test(text[k]!)) return fail('bad \\u escape in a string', k);
          }
          i += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(e)) return fail('bad escape in a string', i + 1);
        i += 2;
        continue;
      }
      i++;
    }
    return end();
  }

  function readLiteral(): { offset: number; reason: string } | undefined {
    const word = /^(?:true|false|null)/.exec(text.slice(i, i + 5));
    if (word) {
      i += word[0].length;
      return undefined;
    }
    const c = text[i]!;
    if (c !== '-' && !(c >= '0' && c <= '9')) return fail('unexpected character');
    const digits = (): boolean => {
      const start = i;
      while (i < text.length && text[i]! >= '0' && text[i]! <= '9') i++;
      return i > start;
    };
    if (c === '-') i++;
    if (text[i] === '0') i++;
    else if (!digits()) return i >= text.length ? end() : fail('bad number');
    if (text[i] === '.') {
      i++;
      if (!digits()) return i >= text.length ? end() : fail('bad number');
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      if (!digits()) return i >= text.length ? end() : fail('bad number');
    }
    return undefined;
  }
}

/** Checks a parsed value against the NodeFacts schema; returns every issue found (empty when valid). */
export function validateFacts(value: unknown): FactsIssue[] {
  const issues: FactsIssue[] = [];
  const bad = (path: string, message: string): void => {
    issues.push({ path, message });
  };
  if (!isRecord(value)) {
    bad('$', 'expected an object');
    return issues;
  }
  if (value.kind !== 'NodeFacts') bad('$.kind', 'expected "NodeFacts"');
  if (value.schemaVersion !== 1) {
    bad(
      '$.schemaVersion',
      `expected 1 (this kubeward reads schema version 1), got ${show(value.schemaVersion)}`,
    );
  }
  const collector = value.collector;
  if (!isRecord(collector)) bad('$.collector', 'expected an object');
  else {
    if (!['live', 'root', 'manual'].includes(collector.mode as string))
      bad('$.collector.mode', 'expected "live", "root" or "manual"');
    if (collector.root !== undefined && typeof collector.root !== 'string')
      bad('$.collector.root', 'expected a string');
  }
  if (value.hostname !== undefined && typeof value.hostname !== 'string')
    bad('$.hostname', 'expected a string');
  const platform = value.platform;
  if (!isRecord(platform)) bad('$.platform', 'expected an object');
  else {
    if (!(PLATFORMS as readonly unknown[]).includes(platform.name))
      bad('$.platform.name', `expected one of ${PLATFORMS.join(', ')}`);
    stringArray(platform.evidence, '$.platform.evidence', bad);
  }
  const version = value.kubernetesVersion;
  if (!isRecord(version)) bad('$.kubernetesVersion', 'expected an object');
  else {
    if (
      version.version !== null &&
      (typeof version.version !== 'string' || !/^v?\d+\.\d+/.test(version.version))
    )
      bad('$.kubernetesVersion.version', 'expected null or a version such as "v1.32.3"');
    stringArray(version.evidence, '$.kubernetesVersion.evidence', bad);
  }
  if (!Array.isArray(value.components)) bad('$.components', 'expected an array');
  else value.components.forEach((c, i) => validateComponent(c, `$.components[${i}]`, bad));
  if (!isRecord(value.files)) bad('$.files', 'expected an object keyed by absolute path');
  else {
    for (const [path, meta] of Object.entries(value.files)) {
      validateFile(path, meta, `$.files[${JSON.stringify(path)}]`, bad);
    }
  }
  if (value.users !== undefined) stringArray(value.users, '$.users', bad);
  if (value.processes !== undefined) {
    if (!Array.isArray(value.processes)) bad('$.processes', 'expected an array');
    else
      value.processes.forEach((p, i) => {
        const at = `$.processes[${i}]`;
        if (!isRecord(p)) return bad(at, 'expected an object');
        if (!Number.isInteger(p.pid)) bad(`${at}.pid`, 'expected an integer');
        if (typeof p.component !== 'string') bad(`${at}.component`, 'expected a string');
        if (!['chosen', 'not chosen', 'rejected'].includes(p.verdict as string))
          bad(`${at}.verdict`, 'expected "chosen", "not chosen" or "rejected"');
        if (typeof p.reason !== 'string') bad(`${at}.reason`, 'expected a string');
      });
  }
  return issues;
}

type Report = (path: string, message: string) => void;

function validateComponent(c: unknown, at: string, bad: Report): void {
  if (!isRecord(c)) return bad(at, 'expected an object');
  if (!(COMPONENTS as readonly unknown[]).includes(c.name))
    bad(`${at}.name`, `expected one of ${COMPONENTS.join(', ')}`);
  const source = c.source;
  if (!isRecord(source)) bad(`${at}.source`, 'expected an object');
  else {
    if (!['process', 'static-pod', 'systemd', 'embedded'].includes(source.kind as string))
      bad(`${at}.source.kind`, 'expected "process", "static-pod", "systemd" or "embedded"');
    if (source.pid !== undefined && !Number.isInteger(source.pid))
      bad(`${at}.source.pid`, 'expected an integer');
    if (source.path !== undefined && typeof source.path !== 'string')
      bad(`${at}.source.path`, 'expected a string');
  }
  stringArray(c.argv, `${at}.argv`, bad);
  if (Array.isArray(c.argv) && c.argv.length === 0) bad(`${at}.argv`, 'expected at least argv[0]');
  if (c.env !== undefined) {
    if (!isRecord(c.env)) bad(`${at}.env`, 'expected an object of strings');
    else
      for (const [k, v] of Object.entries(c.env))
        if (typeof v !== 'string') bad(`${at}.env.${k}`, 'expected a string');
  }
  if (c.fsRoot !== undefined && (typeof c.fsRoot !== 'string' || !c.fsRoot.startsWith('/')))
    bad(`${at}.fsRoot`, 'expected an absolute path');
  if (c.config !== undefined) {
    const cfg = c.config;
    if (!isRecord(cfg)) return bad(`${at}.config`, 'expected an object');
    if (cfg.path !== null && typeof cfg.path !== 'string')
      bad(`${at}.config.path`, 'expected a string or null');
    stringArray(cfg.dropIns, `${at}.config.dropIns`, bad);
    if (cfg.document !== undefined && !isRecord(cfg.document))
      bad(`${at}.config.document`, 'expected an object');
    if (cfg.error !== undefined && typeof cfg.error !== 'string')
      bad(`${at}.config.error`, 'expected a string');
  }
  if (c.authorization !== undefined) {
    const authz = c.authorization;
    if (!isRecord(authz)) return bad(`${at}.authorization`, 'expected an object');
    if (typeof authz.path !== 'string') bad(`${at}.authorization.path`, 'expected a string');
    if (authz.error !== undefined && typeof authz.error !== 'string')
      bad(`${at}.authorization.error`, 'expected a string');
    if (authz.authorizers === undefined && authz.error === undefined)
      bad(`${at}.authorization`, 'expected "authorizers" or "error"');
    if (authz.authorizers !== undefined) {
      if (!Array.isArray(authz.authorizers)) bad(`${at}.authorization.authorizers`, 'expected an array');
      else
        authz.authorizers.forEach((a, i) => {
          const where = `${at}.authorization.authorizers[${i}]`;
          if (!isRecord(a)) return bad(where, 'expected an object');
          if (typeof a.type !== 'string') bad(`${where}.type`, 'expected a string');
          for (const key of ['name', 'failurePolicy'] as const)
            if (a[key] !== undefined && typeof a[key] !== 'string')
              bad(`${where}.${key}`, 'expected a string');
        });
    }
  }
}

const FILE_TYPES = ['file', 'dir', 'other', 'missing', 'unreadable'];

function validateFile(path: string, meta: unknown, at: string, bad: Report): void {
  if (!path.startsWith('/')) bad(at, 'file keys must be absolute paths');
  if (!isRecord(meta)) return bad(at, 'expected an object');
  if (!FILE_TYPES.includes(meta.type as string))
    bad(`${at}.type`, `expected one of ${FILE_TYPES.join(', ')}`);
  const present = meta.type === 'file' || meta.type === 'dir' || meta.type === 'other';
  if (meta.mode !== undefined && (typeof meta.mode !== 'string' || !/^[0-7]{3,4}$/.test(meta.mode)))
    bad(`${at}.mode`, `expected octal permission bits such as "600", got ${show(meta.mode)}`);
  if (present && meta.mode === undefined) bad(`${at}.mode`, 'required for an existing path');
  for (const key of ['uid', 'gid'] as const) {
    if (meta[key] !== undefined && !(Number.isInteger(meta[key]) && (meta[key] as number) >= 0))
      bad(`${at}.${key}`, 'expected a non-negative integer');
    if (present && meta[key] === undefined) bad(`${at}.${key}`, 'required for an existing path');
  }
  for (const key of ['user', 'group', 'error'] as const)
    if (meta[key] !== undefined && typeof meta[key] !== 'string') bad(`${at}.${key}`, 'expected a string');
  if (meta.type === 'unreadable' && typeof meta.error !== 'string')
    bad(`${at}.error`, 'required for "unreadable"');
}

function stringArray(value: unknown, at: string, bad: Report): void {
  if (!Array.isArray(value)) return bad(at, 'expected an array of strings');
  value.forEach((v, i) => {
    if (typeof v !== 'string') bad(`${at}[${i}]`, `expected a string, got ${show(v)}`);
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function show(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

/** Serialises facts with sorted object keys, so that the same node gives byte-identical output. */
export function stringifyFacts(facts: NodeFacts): string {
  return `${JSON.stringify(sortKeys(facts as unknown as JsonValue), null, 2)}\n`;
}

function sortKeys(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: JsonObject = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys(value[key] as JsonValue);
    return out;
  }
  return value;
}
