import type { ComponentName } from './facts.js';

/**
 * How a component's flag parser treats a flag. Kubernetes components use spf13/pflag and etcd uses Go's
 * `flag` package; in both, a boolean flag never takes the next argument as its value (`--profiling false`
 * is `--profiling` followed by a stray `false`), other flags do (`--config /etc/x`), a repeated scalar
 * flag keeps its last value, a repeated string-slice flag appends (pflag's StringSlice), and a map flag
 * (`--feature-gates`) merges keys with later values winning.
 */
export type FlagKind = 'bool' | 'string' | 'list' | 'map';

// Boolean flags of the components (and the logging flags they share). A flag that is boolean but missing
// here would swallow the next argument, so unknown flags are handled conservatively (see parseArgs).
const BOOL = new Set([
  // shared (klog, component-base)
  'alsologtostderr',
  'logtostderr',
  'add-dir-header',
  'skip-headers',
  'skip-log-headers',
  'one-output',
  'help',
  // kube-apiserver
  'anonymous-auth',
  'profiling',
  'contention-profiling',
  'service-account-lookup',
  'service-account-extend-token-expiration',
  'allow-privileged',
  'enable-aggregator-routing',
  'enable-bootstrap-token-auth',
  'enable-garbage-collector',
  'enable-priority-and-fairness',
  'enable-logs-handler',
  'audit-log-compress',
  'enable-admission-plugins-debug',
  'kubelet-read-only-port',
  'delete-collection-workers-disabled',
  // kube-controller-manager / kube-scheduler
  'use-service-account-credentials',
  'allocate-node-cidrs',
  'leader-elect',
  'enable-dynamic-provisioning',
  'enable-hostpath-provisioner',
  'configure-cloud-routes',
  'enable-taint-manager',
  // kubelet
  'rotate-certificates',
  'rotate-server-certificates',
  'make-iptables-util-chains',
  'seccomp-default',
  'register-node',
  'register-schedulable',
  'fail-swap-on',
  'fail-cgroupv1',
  'protect-kernel-defaults',
  'enable-debugging-handlers',
  'enable-server',
  'cgroups-per-qos',
  'serialize-image-pulls',
  'kernel-memcg-notification',
  'local-storage-capacity-isolation',
  'keep-terminated-pod-volumes',
  'exit-on-lock-contention',
  'enable-controller-attach-detach',
  'enforce-node-allocatable-missing',
  // kube-proxy
  'masquerade-all',
  'cleanup',
  'bind-address-hard-fail',
  'init-only',
  // etcd
  'client-cert-auth',
  'peer-client-cert-auth',
  'auto-tls',
  'peer-auto-tls',
  'enable-v2',
  'enable-pprof',
  'strict-reconfig-check',
  'force-new-cluster',
  'debug',
  'enable-grpc-gateway',
  'socket-reuse-port',
  'socket-reuse-address',
  'experimental-initial-corrupt-check',
  'experimental-enable-distributed-tracing',
]);

// pflag StringSlice / StringArray flags: comma-separated, repeated occurrences append.
const LIST = new Set([
  'enable-admission-plugins',
  'disable-admission-plugins',
  'admission-control',
  'authorization-mode',
  'tls-cipher-suites',
  'api-audiences',
  'service-account-issuer',
  'service-account-key-file',
  'controllers',
  'etcd-servers',
  'cluster-dns',
  'cipher-suites',
  'register-with-taints',
  'allowed-unsafe-sysctls',
]);

// cliflag.MapStringBool / MapStringString flags: `k=v,k=v`, repeated occurrences merge.
const MAP = new Set(['feature-gates', 'node-labels', 'system-reserved', 'kube-reserved', 'eviction-hard']);

/** The parser kind of a flag name (without dashes). */
export function flagKind(name: string): FlagKind | undefined {
  if (BOOL.has(name)) return 'bool';
  if (LIST.has(name)) return 'list';
  if (MAP.has(name)) return 'map';
  return undefined;
}

/** The value of one flag after the component's parser has seen every occurrence. */
export type FlagValue = string | string[] | Record<string, string>;

/** A flag as resolved from a command line, with the raw occurrences that produced it (for evidence). */
export interface ParsedFlag {
  value: FlagValue;
  /** Each occurrence as written, e.g. `--profiling=false` or `--config /etc/kubelet.json`. */
  occurrences: string[];
}

/** Parsed command line: flags by name (without dashes) and leftover positional arguments. */
export interface ParsedArgs {
  flags: Map<string, ParsedFlag>;
  positional: string[];
}

// Go's strconv.ParseBool, which pflag and flag use.
const TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** Normalises a Go boolean literal to `true`/`false`; other text is returned unchanged. */
export function goBool(text: string): string {
  if (TRUE.has(text)) return 'true';
  if (FALSE.has(text)) return 'false';
  return text;
}

/** Splits a comma-separated flag value as pflag does (trimmed, empty items dropped). */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * Parses a component command line (without argv[0]) as the component's flag parser would. Accepts
 * `--flag=value`, `--flag value` (for non-boolean flags), `-flag` (Go `flag` style, used by etcd), and stops
 * at `--`. A flag kubeward does not know is given the next argument only when that argument does not look
 * like a flag, so an unknown boolean flag cannot swallow its neighbour.
 */
export function parseArgs(args: readonly string[], _component?: ComponentName): ParsedArgs {
  const flags = new Map<string, ParsedFlag>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const token = args[i] as string;
    if (token === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (!token.startsWith('-') || token === '-') {
      positional.push(token);
      continue;
    }
    const body = token.replace(/^--?/, '');
    const eq = body.indexOf('=');
    const name = eq >= 0 ? body.slice(0, eq) : body;
    const kind = flagKind(name);
    let raw: string;
    let occurrence = token;
    if (eq >= 0) raw = body.slice(eq + 1);
    else if (kind === 'bool') raw = 'true';
    else {
      const next = args[i + 1];
      const take = next !== undefined && (kind !== undefined || !next.startsWith('-'));
      if (take) {
        raw = next;
        occurrence = `${token} ${next}`;
        i++;
      } else raw = kind === undefined ? 'true' : '';
    }
    const previous = flags.get(name);
    const occurrences = [...(previous?.occurrences ?? []), occurrence];
    let value: FlagValue;
    if (kind === 'bool') value = goBool(raw);
    else if (kind === 'list') {
      value = [...(Array.isArray(previous?.value) ? previous.value : []), ...splitList(raw)];
    } else if (kind === 'map') {
      const merged: Record<string, string> = previous && isMap(previous.value) ? { ...previous.value } : {};
      for (const item of splitList(raw)) {
        const at = item.indexOf('=');
        if (at < 0) merged[item] = '';
        else merged[item.slice(0, at).trim()] = item.slice(at + 1).trim();
      }
      value = merged;
    } else value = raw;
    flags.set(name, { value, occurrences });
  }
  return { flags, positional };
}

function isMap(value: FlagValue): value is Record<string, string> {
  return typeof value === 'object' && !Array.isArray(value);
}

/** The arguments after argv[0] and any subcommand words (`hyperkube kubelet`, `k3s server`). */
export function componentArgs(argv: readonly string[]): string[] {
  let start = 1;
  const base = (argv[0] ?? '').split('/').pop() ?? '';
  if (base === 'hyperkube' || base === 'k3s' || base === 'rke2') {
    while (start < argv.length && !(argv[start] as string).startsWith('-')) start++;
  }
  return argv.slice(start);
}

/** Splits a shell-like command line (systemd ExecStart, env-file values): quotes, backslash escapes. */
export function splitCommandLine(text: string): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quote) {
      if (ch === quote) quote = null;
      else if (ch === '\\' && quote === '"' && i + 1 < text.length) current += text[++i];
      else current += ch;
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (ch === '\\' && i + 1 < text.length) {
      const next = text[++i] as string;
      // A backslash-newline continues the line; anything else is taken literally.
      if (next !== '\n') {
        current += next;
        inWord = true;
      }
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return words;
}
