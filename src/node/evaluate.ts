import { UsageError } from '../base/errors.js';
import type { JsonObject, JsonValue } from '../model/types.js';
import { BENCHMARKS, benchmarkById } from './benchmarks/index.js';
import type { Benchmark, CheckDef, Expect, FileRef, SettingRef, Test } from './benchmarks/types.js';
import type { ComponentFacts, ComponentName, FileFacts, NodeFacts } from './facts.js';
import { componentArgs, goBool, parseArgs, splitList, type ParsedArgs, type ParsedFlag } from './flags.js';

/** Verdict of one check. */
export type Status = 'PASS' | 'FAIL' | 'WARN' | 'INFO' | 'NOT_APPLICABLE';

/** Result statuses in report order. */
export const STATUSES: readonly Status[] = ['PASS', 'FAIL', 'WARN', 'INFO', 'NOT_APPLICABLE'];

/** The result of one check on one node. */
export interface CheckResult {
  id: string;
  text: string;
  level: 1 | 2;
  automated: boolean;
  component: ComponentName | null;
  status: Status;
  /** What the test requires, e.g. `--profiling = false`. */
  expected: string;
  /** The value found (for files: `600 /etc/…` per file), or null when nothing was observed. */
  observed: string | null;
  /** Where the value came from: a flag occurrence, a config key, an environment variable, or the default. */
  source: string | null;
  /** Why the status is WARN, INFO or NOT_APPLICABLE (or why a PASS/FAIL relied on a default). */
  reason?: string;
  remediation: string;
}

/** A group of results. */
export interface GroupResult {
  id: string;
  text: string;
  results: CheckResult[];
}

/** A section of results. */
export interface SectionResult {
  id: string;
  text: string;
  nodeType: string;
  groups: GroupResult[];
}

/** Counts per status. */
export type Totals = Record<Status, number>;

/** Everything a reporter needs about one run. */
export interface NodeReport {
  benchmark: { id: string; title: string };
  selection: { requested: string; reason: string };
  node: {
    hostname: string | null;
    platform: NodeFacts['platform'];
    kubernetesVersion: NodeFacts['kubernetesVersion'];
    components: { name: ComponentName; source: string }[];
    collector: NodeFacts['collector'];
  };
  sections: SectionResult[];
  totals: Totals;
}

/** The benchmark chosen for a node and why. */
export interface Selection {
  benchmark: Benchmark;
  requested: string;
  reason: string;
}

/** Parses `v1.32.3`, `1.32`, `v1.32.3-eks-abc` into its minor version (32), or null. */
export function kubernetesMinor(version: string | null): number | null {
  const m = version === null ? null : /^v?1\.(\d+)/.exec(version);
  return m ? Number(m[1]) : null;
}

/**
 * Picks the benchmark. An explicit id is used as given (unknown ids are a usage error). `auto` chooses from
 * the detected platform and Kubernetes version and throws a {@link UsageError} (exit 2) when they do not
 * determine a benchmark this build has, rather than falling back silently.
 */
export function selectBenchmark(facts: NodeFacts, requested: string): Selection {
  if (requested !== 'auto') {
    const benchmark = benchmarkById(requested);
    if (!benchmark) {
      throw new UsageError(
        `unknown benchmark "${requested}" (expected auto or one of ${BENCHMARKS.map((b) => b.id).join(', ')})`,
      );
    }
    return { benchmark, requested, reason: `requested with --benchmark ${requested}` };
  }
  const { platform, kubernetesVersion } = facts;
  const platformText = `platform ${platform.name}${platform.evidence.length > 0 ? ` (${platform.evidence.join('; ')})` : ''}`;
  const minor = kubernetesMinor(kubernetesVersion.version);
  const versionText =
    kubernetesVersion.version === null
      ? 'Kubernetes version unknown'
      : `Kubernetes ${kubernetesVersion.version}${kubernetesVersion.evidence.length > 0 ? ` (${kubernetesVersion.evidence.join('; ')})` : ''}`;
  const refuse = (why: string, hint: string): never => {
    throw new UsageError(
      `cannot choose a benchmark automatically: ${why}.\n  detected: ${platformText}; ${versionText}\n  ${hint}`,
    );
  };
  const pick = (id: string): Selection => {
    const benchmark = benchmarkById(id) as Benchmark;
    const [lo, hi] = benchmark.kubernetesMinors;
    if (minor === null) {
      return refuse(
        'the Kubernetes version could not be detected',
        `pass --kube-version vX.Y.Z, or --benchmark ${id} (${benchmark.title} covers 1.${lo}–1.${hi})`,
      );
    }
    if (minor < lo || minor > hi) {
      return refuse(
        `no benchmark in this build covers Kubernetes 1.${minor} on ${platform.name}`,
        `${benchmark.title} covers 1.${lo}–1.${hi}; pass --benchmark ${id} to run it anyway`,
      );
    }
    return {
      benchmark,
      requested,
      reason: `${platformText}; ${versionText} → ${id} (${benchmark.title} covers 1.${lo}–1.${hi})`,
    };
  };
  switch (platform.name) {
    case 'eks':
      return pick('eks-1.8');
    case 'kubeadm':
    case 'unknown':
      return pick('cis-1.12');
    case 'gke':
    case 'aks':
    case 'k3s':
    case 'rke2':
      return refuse(
        `this build has no ${platform.name.toUpperCase()} benchmark`,
        `pass --benchmark cis-1.12 to run the generic CIS Kubernetes Benchmark (results for components the distribution manages may not apply)`,
      );
  }
}

/** Evaluates every check of a benchmark against the facts. Pure: same facts, same report. */
export function evaluate(facts: NodeFacts, selection: Selection): NodeReport {
  const ctx = new Context(facts);
  const totals = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Totals;
  const sections = selection.benchmark.sections.map((section) => ({
    id: section.id,
    text: section.text,
    nodeType: section.nodeType,
    groups: section.groups.map((group) => ({
      id: group.id,
      text: group.text,
      results: group.checks.map((check) => {
        const result = evaluateCheck(check, ctx);
        totals[result.status]++;
        return result;
      }),
    })),
  }));
  return {
    benchmark: { id: selection.benchmark.id, title: selection.benchmark.title },
    selection: { requested: selection.requested, reason: selection.reason },
    node: {
      hostname: facts.hostname ?? null,
      // Rebuilt with a fixed key order, so the report does not depend on the key order of the facts file.
      platform: { name: facts.platform.name, evidence: [...facts.platform.evidence] },
      kubernetesVersion: {
        version: facts.kubernetesVersion.version,
        evidence: [...facts.kubernetesVersion.evidence],
      },
      components: [...ctx.components.values()]
        .map((c) => ({ name: c.facts.name, source: describeSource(c.facts) }))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
      collector:
        facts.collector.root === undefined
          ? { mode: facts.collector.mode }
          : { mode: facts.collector.mode, root: facts.collector.root },
    },
    sections,
    totals,
  };
}

/** `process 1234`, `static pod /etc/kubernetes/manifests/etcd.yaml`, … */
export function describeSource(c: ComponentFacts): string {
  const s = c.source;
  switch (s.kind) {
    case 'process':
      return `process ${s.pid ?? '?'}`;
    case 'static-pod':
      return `static pod ${s.path ?? '?'}`;
    case 'systemd':
      return `systemd unit ${s.path ?? '?'}`;
    case 'embedded':
      return `embedded in ${s.path ?? 'another process'}${s.pid !== undefined ? ` (process ${s.pid})` : ''}`;
  }
}

interface Component {
  facts: ComponentFacts;
  args: ParsedArgs;
}

class Context {
  readonly components = new Map<ComponentName, Component>();
  readonly files: Record<string, FileFacts>;
  readonly users: Set<string> | null;
  constructor(readonly facts: NodeFacts) {
    // The first entry per name wins: collectors list the most direct source (a process) first.
    for (const c of facts.components) {
      if (!this.components.has(c.name))
        this.components.set(c.name, { facts: c, args: parseArgs(componentArgs(c.argv), c.name) });
    }
    this.files = facts.files;
    this.users = facts.users ? new Set(facts.users) : null;
  }
}

// A test outcome before it becomes a check status: `warn` = could not be decided (unreadable file, value
// not visible), `info` = nothing to check (no such file).
interface Outcome {
  verdict: 'pass' | 'fail' | 'warn' | 'info';
  expected: string;
  observed: string | null;
  source: string | null;
  reason?: string;
}

function evaluateCheck(check: CheckDef, ctx: Context): CheckResult {
  const base = {
    id: check.id,
    text: check.text,
    level: check.level,
    automated: check.automated,
    component: check.component,
    remediation: check.remediation,
  };
  if (check.component !== null && !ctx.components.has(check.component)) {
    return {
      ...base,
      status: 'NOT_APPLICABLE',
      expected: check.test ? describeTest(check.test) : 'manual review',
      observed: null,
      source: null,
      reason: `${check.component} does not run on this node`,
    };
  }
  if (!check.test) {
    return {
      ...base,
      status: 'WARN',
      expected: 'manual review',
      observed: null,
      source: null,
      reason: 'manual check: kubeward cannot verify this from the node; review it by hand',
    };
  }
  const outcome = runTest(check.test, check.component, ctx);
  let status: Status;
  let reason = outcome.reason;
  switch (outcome.verdict) {
    case 'pass':
      status = 'PASS';
      break;
    case 'fail':
      status = check.automated ? 'FAIL' : 'WARN';
      if (!check.automated) reason = joinReason('manual check: the test did not pass; review it', reason);
      break;
    case 'warn':
      status = 'WARN';
      break;
    case 'info':
      status = 'INFO';
      break;
  }
  const result: CheckResult = {
    ...base,
    status,
    expected: outcome.expected,
    observed: outcome.observed,
    source: outcome.source,
    remediation: check.remediation,
  };
  if (reason !== undefined) result.reason = reason;
  return result;
}

function joinReason(a: string, b: string | undefined): string {
  return b === undefined ? a : `${a}; ${b}`;
}

function runTest(test: Test, component: ComponentName | null, ctx: Context): Outcome {
  switch (test.kind) {
    case 'setting':
      return settingTest(test.setting, test.expect, component, ctx);
    case 'all':
    case 'any': {
      const outcomes = test.of.map((t) => runTest(t, component, ctx));
      const verdicts = outcomes.map((o) => o.verdict);
      let verdict: Outcome['verdict'];
      if (test.kind === 'all') {
        verdict = verdicts.includes('fail')
          ? 'fail'
          : verdicts.includes('warn')
            ? 'warn'
            : verdicts.every((v) => v === 'info')
              ? 'info'
              : 'pass';
      } else {
        verdict = verdicts.includes('pass')
          ? 'pass'
          : verdicts.includes('warn')
            ? 'warn'
            : verdicts.includes('fail')
              ? 'fail'
              : 'info';
      }
      const reasons = outcomes.map((o) => o.reason).filter((r): r is string => r !== undefined);
      const joiner = test.kind === 'all' ? ' AND ' : ' OR ';
      const out: Outcome = {
        verdict,
        expected: outcomes.map((o) => o.expected).join(joiner),
        observed: outcomes.map((o) => o.observed ?? '(unset)').join('; '),
        source: outcomes.map((o) => o.source ?? '(none)').join('; '),
      };
      if (reasons.length > 0) out.reason = reasons.join('; ');
      return out;
    }
    case 'file-mode':
    case 'file-owner':
      return fileTest(test, ctx);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Settings

/** A setting as the component sees it. */
interface Observation {
  value: string | string[] | null;
  source: string;
  /** True when the value is the component's default (not written anywhere). */
  isDefault: boolean;
  /** Something the reader should know about how the value was resolved (an ignored flag). */
  note?: string;
}

function settingName(ref: SettingRef): string {
  return ref.featureGate
    ? `feature gate ${ref.featureGate}`
    : `--${ref.flag}${ref.config ? ` / ${ref.config}` : ''}`;
}

/**
 * True when the component replaces its parsed flags with the `--config` file: kube-proxy loads the file
 * over everything but its logging flags and `--hostname-override` ("This parameter is ignored if a config
 * file is specified by --config"; kubernetes/kubernetes#108737), so there the file and its defaults win.
 */
export function configReplacesFlags(component: ComponentFacts): boolean {
  return component.name === 'kube-proxy' && component.config !== undefined && component.config.path !== null;
}

/**
 * Resolves a setting the way the component does: a command-line flag wins (except where the config file
 * replaces the flags, see {@link configReplacesFlags}); then the config file (after drop-ins); then, for
 * etcd, the `ETCD_*` environment variable; then the component default.
 */
export function observeSetting(
  component: ComponentFacts,
  ref: SettingRef,
): Observation | 'invisible' | { unreadable: string } | { elsewhere: string } {
  const args = parseArgs(componentArgs(component.argv), component.name);
  const given = args.flags.get(ref.flag);
  const other = ref.supersededBy === undefined ? undefined : args.flags.get(ref.supersededBy);
  if (given === undefined && other !== undefined) {
    const fromFile = supersedingSetting(component, ref, other);
    if (fromFile) return fromFile;
    return {
      elsewhere: `${component.name} is configured by ${other.occurrences.join(' ')} instead of --${ref.flag}, and that file was not collected; review it by hand`,
    };
  }
  if (given === undefined || !configReplacesFlags(component)) return resolveSetting(component, ref, given);
  const obs = resolveSetting(component, ref, undefined);
  const ignored = `flag ${given.occurrences.join(' ')} is ignored: ${component.name} takes its settings from the --config file`;
  if (typeof obs === 'object' && 'value' in obs) obs.note = ignored;
  else if (typeof obs === 'object' && 'unreadable' in obs) obs.unreadable = `${obs.unreadable} (${ignored})`;
  return obs;
}

/**
 * The value of a setting taken from the file that supersedes its flag: for `--authorization-mode`, the
 * authorizer types of the AuthorizationConfiguration named by `--authorization-config`, in chain order.
 * Webhooks are described in the note: on an error a webhook with `failurePolicy: Deny` denies the request
 * outright (one ahead of RBAC that cannot be reached can lock every user out), `NoOpinion` passes it on.
 */
function supersedingSetting(
  component: ComponentFacts,
  ref: SettingRef,
  other: ParsedFlag,
): Observation | { elsewhere: string } | undefined {
  if (ref.supersededBy !== 'authorization-config') return undefined;
  const authz = component.authorization;
  if (authz === undefined) return undefined;
  const given = other.occurrences.join(' ');
  if (authz.authorizers === undefined)
    return {
      elsewhere: `${component.name} is configured by ${given} instead of --${ref.flag}, and that file could not be used: ${authz.error ?? 'unreadable'}`,
    };
  const chain = authz.authorizers;
  const rbacAt = chain.findIndex((a) => a.type === 'RBAC');
  const webhooks = chain.flatMap((a, i) => {
    if (a.type !== 'Webhook') return [];
    const name = `webhook ${a.name ?? `#${i + 1}`} (failurePolicy ${a.failurePolicy ?? 'unset'})`;
    if (a.failurePolicy === 'Deny')
      return [
        rbacAt > i
          ? `${name} comes before RBAC: while it cannot be reached, every request it is asked about is denied and RBAC is never consulted, which can lock the cluster out`
          : `${name} denies the requests it is asked about while it cannot be reached`,
      ];
    return [`${name} passes a request on to the next authorizer when it cannot be reached`];
  });
  const obs: Observation = {
    value: chain.map((a) => a.type),
    source: `authorization config ${authz.path} (${given}): authorizers ${chain.map((a) => a.type).join(', ')}`,
    isDefault: false,
  };
  if (webhooks.length > 0) obs.note = webhooks.join('; ');
  return obs;
}

function resolveSetting(
  component: ComponentFacts,
  ref: SettingRef,
  flag: ParsedFlag | undefined,
): Observation | 'invisible' | { unreadable: string } {
  const where = describeSource(component);
  if (ref.featureGate) {
    const gates = flag?.value;
    if (gates && typeof gates === 'object' && !Array.isArray(gates) && ref.featureGate in gates) {
      return {
        value: goBool(gates[ref.featureGate] as string),
        source: `flag ${flag?.occurrences.join(' ')} (${where})`,
        isDefault: false,
      };
    }
  } else if (flag) {
    const value = Array.isArray(flag.value)
      ? flag.value
      : typeof flag.value === 'string'
        ? flag.value
        : mapText(flag.value);
    return { value, source: `flag ${flag.occurrences.join(' ')} (${where})`, isDefault: false };
  }
  if (ref.config && component.config?.document) {
    const found = lookup(component.config.document, ref.config);
    const zeroDefault =
      ref.configZeroIsDefault === true && typeof found === 'string' && isZeroDuration(found) === true;
    if (found !== undefined && found !== null && found !== '' && !zeroDefault) {
      const files = [component.config.path, ...component.config.dropIns].filter(
        (p): p is string => p !== null,
      );
      return {
        value: jsonText(found),
        source: `config ${files.join(' + ')}: ${ref.config}`,
        isDefault: false,
      };
    }
  }
  // An unreadable config file may hold the value: that is unknown, not the default.
  if (ref.config && component.config && !component.config.document) {
    return { unreadable: component.config.error ?? 'the config file could not be read' };
  }
  if (ref.env && component.env && component.env[ref.env] !== undefined) {
    return {
      value: component.env[ref.env] as string,
      source: `environment ${ref.env}=${component.env[ref.env]} (${where})`,
      isDefault: false,
    };
  }
  if (component.source.kind === 'embedded') return 'invisible';
  const usesConfig = component.config !== undefined;
  const value =
    !usesConfig && ref.default.withoutConfigFile !== undefined
      ? ref.default.withoutConfigFile
      : ref.default.value;
  let note = ref.default.note;
  if (ref.config && component.config?.document) {
    const found = lookup(component.config.document, ref.config);
    if (typeof found === 'string' && ref.configZeroIsDefault === true && isZeroDuration(found) === true)
      note = `${ref.config}: ${found} in the config file is a zero duration, which the component replaces with its default; ${note}`;
  }
  return { value, source: `default: ${note}`, isDefault: true };
}

function mapText(map: Record<string, string>): string {
  return Object.entries(map)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

function lookup(doc: JsonObject, dotted: string): JsonValue | undefined {
  let current: JsonValue | undefined = doc;
  for (const key of dotted.split('.')) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = current[key];
  }
  return current;
}

function jsonText(value: JsonValue): string | string[] {
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

function settingTest(
  ref: SettingRef,
  expect: Expect,
  component: ComponentName | null,
  ctx: Context,
): Outcome {
  const name = settingName(ref);
  const expected = `${name} ${describeExpect(expect)}`;
  const c = component === null ? undefined : ctx.components.get(component);
  if (!c) return { verdict: 'warn', expected, observed: null, source: null, reason: 'no component to read' };
  const obs = observeSetting(c.facts, ref);
  if (obs === 'invisible') {
    return {
      verdict: 'warn',
      expected,
      observed: null,
      source: describeSource(c.facts),
      reason: `${c.facts.name} is embedded in another process, which sets its own values for flags it is not given; set ${name} explicitly to check it`,
    };
  }
  if (typeof obs === 'object' && 'elsewhere' in obs) {
    return {
      verdict: 'warn',
      expected,
      observed: null,
      source: describeSource(c.facts),
      reason: obs.elsewhere,
    };
  }
  if (typeof obs === 'object' && 'unreadable' in obs) {
    return {
      verdict: 'warn',
      expected,
      observed: null,
      source: describeSource(c.facts),
      reason: `${name} is not on the command line and the config file could not be read or decoded: ${obs.unreadable}`,
    };
  }
  const observed = obs.value === null ? null : Array.isArray(obs.value) ? obs.value.join(',') : obs.value;
  const { pass, note } = compare(obs.value, expect);
  const out: Outcome = { verdict: pass ? 'pass' : 'fail', expected, observed, source: obs.source };
  const reasons: string[] = [];
  if (obs.note !== undefined) reasons.push(obs.note);
  if (obs.isDefault) reasons.push(`${name} is not set; judged by the default`);
  if (note) reasons.push(note);
  if (reasons.length > 0) out.reason = reasons.join('; ');
  return out;
}

/** Describes an expectation in words for results. */
export function describeExpect(expect: Expect): string {
  switch (expect.op) {
    case 'eq':
      return `= ${expect.value}`;
    case 'noteq':
      return `≠ ${expect.value}`;
    case 'set':
      return 'is set';
    case 'unset':
      return 'is not set';
    case 'has':
      return `includes ${expect.value}`;
    case 'nothave':
      return `does not include ${expect.value}`;
    case 'gte':
      return `≥ ${expect.value}`;
    case 'subset':
      return `only from ${expect.values.join(',')}`;
    case 'nonzero-duration':
      return 'is a non-zero duration';
    case 'loopback':
      return 'is a loopback address';
  }
}

function compare(value: string | string[] | null, expect: Expect): { pass: boolean; note?: string } {
  const list = value === null ? [] : Array.isArray(value) ? value : splitList(value);
  const text = value === null ? null : Array.isArray(value) ? value.join(',') : value;
  switch (expect.op) {
    // Booleans compare as Go parses them (`--profiling=0` is false); other values compare as written.
    case 'eq':
      return { pass: text !== null && norm(text, expect.value) === expect.value };
    case 'noteq':
      return { pass: text === null || norm(text, expect.value) !== expect.value };
    case 'set':
      return { pass: text !== null && text !== '' };
    case 'unset':
      return { pass: text === null };
    case 'has':
      return { pass: list.includes(expect.value) };
    case 'nothave':
      return { pass: !list.includes(expect.value) };
    case 'gte': {
      if (text === null) return { pass: false };
      if (!/^-?\d+$/.test(text.trim())) return { pass: false, note: `"${text}" is not an integer` };
      return { pass: Number(text) >= expect.value };
    }
    case 'subset': {
      if (value === null) return { pass: false };
      const bad = list.filter((v) => !expect.values.includes(v));
      return bad.length === 0 && list.length > 0
        ? { pass: true }
        : { pass: false, ...(bad.length > 0 ? { note: `not allowed: ${bad.join(',')}` } : {}) };
    }
    case 'nonzero-duration': {
      if (text === null) return { pass: false };
      const zero = isZeroDuration(text);
      if (zero === null) return { pass: false, note: `"${text}" is not a duration` };
      return { pass: !zero };
    }
    case 'loopback':
      return { pass: text !== null && isLoopback(text) };
  }
}

function norm(text: string, expected: string): string {
  return expected === 'true' || expected === 'false' ? goBool(text) : text;
}

/** True for a zero Go duration (`0`, `0s`, `0h0m0s`), false for another duration, null for non-durations. */
export function isZeroDuration(text: string): boolean | null {
  const t = text.trim();
  if (/^[+-]?0+$/.test(t)) return true;
  if (!/^[+-]?(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(t)) return null;
  return [...t.matchAll(/(\d+(?:\.\d+)?)/g)].every((m) => Number(m[1]) === 0);
}

/** True when the host of `host[:port]` is a loopback address. */
export function isLoopback(address: string): boolean {
  let host = address.trim();
  const bracket = /^\[([^\]]*)\](?::\d+)?$/.exec(host);
  if (bracket) host = bracket[1] as string;
  else if ((host.match(/:/g) ?? []).length === 1) host = host.slice(0, host.indexOf(':'));
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

// ---------------------------------------------------------------------------------------------------------
// Files

interface Resolved {
  paths: string[];
  /** How the paths were found, for the result's source. */
  via: string;
  /** Set when no path could be named at all. */
  none?: string;
  /** Set when the paths are not knowable from the node (embedded components). */
  unknown?: string;
}

const MANIFEST_DIRS = ['/etc/kubernetes/manifests', '/var/lib/rancher/rke2/agent/pod-manifests'];
const UNIT_FILE = /^\/(etc|usr\/lib|lib|run)\/systemd\/system\/kubelet\.service(\.d\/[^/]+\.conf)?$/;

function present(meta: FileFacts | undefined): boolean {
  return meta !== undefined && meta.type !== 'missing';
}

function resolveFiles(ref: FileRef, ctx: Context): Resolved {
  const files = ctx.files;
  switch (ref.kind) {
    case 'manifest': {
      const c = ctx.components.get(ref.component)?.facts;
      if (c?.source.kind === 'static-pod' && c.source.path)
        return { paths: [c.source.path], via: 'the manifest the component was read from' };
      const candidates = MANIFEST_DIRS.flatMap((d) =>
        ['yaml', 'yml', 'manifest'].map((ext) => `${d}/${ref.component}.${ext}`),
      );
      const found = candidates.filter((p) => present(files[p]));
      if (found.length > 0) return { paths: found, via: 'static pod manifest directory' };
      return {
        paths: [],
        via: 'static pod manifest directory',
        none: `no static pod manifest for ${ref.component} (looked for ${MANIFEST_DIRS.map((d) => `${d}/${ref.component}.yaml`).join(', ')}); it is not run as a static pod`,
      };
    }
    case 'manifest-dir': {
      const found = Object.keys(files)
        .filter((p) =>
          MANIFEST_DIRS.some((d) => p.startsWith(`${d}/`) && !p.slice(d.length + 1).includes('/')),
        )
        .filter(
          (p) =>
            (p.split('/').pop() ?? '').includes(ref.match) && files[p]?.type !== 'dir' && present(files[p]),
        )
        .sort();
      if (found.length > 0)
        return { paths: found, via: `files named *${ref.match}* in the static pod manifest directory` };
      return {
        paths: [],
        via: 'static pod manifest directory',
        none: `no *${ref.match}* file in ${MANIFEST_DIRS.join(' or ')}`,
      };
    }
    case 'flag-path': {
      const c = ctx.components.get(ref.component);
      if (c?.facts.source.kind === 'embedded' && !c.args.flags.has(ref.flag)) {
        return {
          paths: [],
          via: describeSource(c.facts),
          unknown: `${ref.component} is embedded in another process, which passes --${ref.flag} itself; the file it names is not visible`,
        };
      }
      if (c) {
        const obs = observeSetting(c.facts, {
          flag: ref.flag,
          ...(ref.config ? { config: ref.config } : {}),
          default: { value: null, note: '' },
        });
        if (
          typeof obs === 'object' &&
          'value' in obs &&
          !obs.isDefault &&
          typeof obs.value === 'string' &&
          obs.value !== ''
        ) {
          // A containerised component names paths inside its own mount namespace.
          const inside = c.facts.fsRoot !== undefined ? `${c.facts.fsRoot}${obs.value}` : undefined;
          const via = obs.note === undefined ? obs.source : `${obs.source}; ${obs.note}`;
          if (inside !== undefined && !present(files[obs.value]) && present(files[inside]))
            return { paths: [inside], via: `${via}, inside the component's mount namespace` };
          return { paths: [obs.value], via };
        }
      }
      return { paths: ref.defaults, via: `default path (${ref.component} --${ref.flag} is not set)` };
    }
    case 'kubelet-config': {
      const cfg = ctx.components.get('kubelet')?.facts.config;
      if (!cfg)
        return {
          paths: [],
          via: 'kubelet --config',
          none: 'the kubelet runs without a config file (no --config or --config-dir)',
        };
      const paths = [cfg.path, ...cfg.dropIns].filter((p): p is string => p !== null);
      return { paths, via: 'kubelet --config and --config-dir' };
    }
    case 'kubelet-service': {
      const paths = Object.keys(files)
        .filter((p) => UNIT_FILE.test(p) && present(files[p]))
        .sort();
      if (paths.length === 0)
        return {
          paths: [],
          via: 'systemd unit directories',
          none: 'no kubelet systemd unit or drop-in found',
        };
      return { paths, via: 'systemd unit and drop-ins' };
    }
    case 'paths':
      return { paths: ref.paths, via: 'fixed paths' };
    case 'tree': {
      const re = ref.match ? new RegExp(ref.match) : null;
      const paths = Object.keys(files)
        .filter((p) => ref.dirs.some((d) => p.startsWith(`${d}/`) || (ref.dirsToo === true && p === d)))
        .filter((p) => present(files[p]))
        .filter((p) => (ref.dirsToo === true ? true : files[p]?.type !== 'dir'))
        .filter((p) => re === null || re.test(p))
        .sort();
      if (paths.length === 0)
        return {
          paths: [],
          via: ref.dirs.join(', '),
          none: `no matching files under ${ref.dirs.join(' or ')}`,
        };
      return {
        paths,
        via: `files under ${ref.dirs.filter((d) => paths.some((p) => p.startsWith(d))).join(', ')}`,
      };
    }
  }
}

function fileTest(test: Extract<Test, { kind: 'file-mode' | 'file-owner' }>, ctx: Context): Outcome {
  const expected = test.kind === 'file-mode' ? `permissions ⊆ ${test.max}` : `owner ${test.owner}`;
  const resolved = resolveFiles(test.file, ctx);
  if (resolved.unknown !== undefined)
    return { verdict: 'warn', expected, observed: null, source: resolved.via, reason: resolved.unknown };
  if (resolved.none !== undefined)
    return { verdict: 'info', expected, observed: null, source: resolved.via, reason: resolved.none };
  const failed: string[] = [];
  const passed: string[] = [];
  const unknown: string[] = [];
  const missing: string[] = [];
  const why = new Set<string>();
  for (const path of resolved.paths) {
    const meta = ctx.files[path];
    if (meta === undefined) {
      unknown.push(`${path}: not collected`);
      continue;
    }
    if (meta.type === 'missing') {
      missing.push(path);
      continue;
    }
    if (meta.type === 'unreadable') {
      unknown.push(`${path}: ${meta.error ?? 'unreadable'}`);
      continue;
    }
    if (test.kind === 'file-mode') {
      const actual = parseInt(meta.mode ?? '', 8);
      const allowed = parseInt(test.max, 8);
      const line = `${meta.mode} ${path}`;
      if (Number.isNaN(actual)) unknown.push(`${path}: mode unknown`);
      else if ((actual & ~allowed) === 0) passed.push(line);
      else failed.push(line);
    } else {
      const verdict = ownerVerdict(meta, test.owner, ctx);
      const line = `${ownerText(meta)} ${path}`;
      if (verdict === 'pass') passed.push(line);
      else if (verdict === 'fail') failed.push(line);
      else {
        unknown.push(line);
        why.add(verdict.unknown);
      }
    }
  }
  const observedParts = [...failed, ...unknown, ...passed];
  const out: Outcome = {
    verdict: failed.length > 0 ? 'fail' : unknown.length > 0 ? 'warn' : passed.length > 0 ? 'pass' : 'info',
    expected,
    observed: observedParts.length > 0 ? observedParts.join('; ') : null,
    source: resolved.via,
  };
  const reasons: string[] = [];
  if (unknown.length > 0) reasons.push(`could not decide ${unknown.join('; ')}`, ...why);
  if (missing.length > 0)
    reasons.push(
      `${missing.join(', ')} ${missing.length === 1 ? 'does' : 'do'} not exist (nothing to protect)`,
    );
  if (reasons.length > 0) out.reason = reasons.join('; ');
  return out;
}

function ownerText(meta: FileFacts): string {
  return `${meta.user ?? meta.uid ?? '?'}:${meta.group ?? meta.gid ?? '?'}`;
}

function ownerVerdict(meta: FileFacts, wanted: string, ctx: Context): 'pass' | 'fail' | { unknown: string } {
  const [user, group] = wanted.split(':') as [string, string];
  // root is uid/gid 0 everywhere, so it is compared by number and needs no passwd entry.
  const userOk = user === 'root' ? meta.uid === 0 : meta.user === undefined ? null : meta.user === user;
  const groupOk = group === 'root' ? meta.gid === 0 : meta.group === undefined ? null : meta.group === group;
  if (userOk === false || groupOk === false) {
    // kubeadm runs etcd as root and creates no etcd user (kubernetes/kubeadm#2931): an etcd:etcd check on
    // a node without that user cannot be met and is not a misconfiguration by itself.
    if (ctx.users !== null && !ctx.users.has(user) && meta.uid === 0 && meta.gid === 0) {
      return {
        unknown: `there is no ${user} user on this node (the component runs as root); root:root is the strictest owner available`,
      };
    }
    return 'fail';
  }
  if (userOk === null || groupOk === null)
    return { unknown: `owner names unknown (the node's /etc/passwd or /etc/group was not read)` };
  return 'pass';
}

/** Describes a test in words (for results of checks that did not run). */
export function describeTest(test: Test): string {
  switch (test.kind) {
    case 'setting':
      return `${settingName(test.setting)} ${describeExpect(test.expect)}`;
    case 'all':
      return test.of.map(describeTest).join(' AND ');
    case 'any':
      return test.of.map(describeTest).join(' OR ');
    case 'file-mode':
      return `permissions ⊆ ${test.max}`;
    case 'file-owner':
      return `owner ${test.owner}`;
  }
}

/** Every check of a benchmark, flattened (for tests and docs). */
export function allChecks(benchmark: Benchmark): CheckDef[] {
  return benchmark.sections.flatMap((s) => s.groups.flatMap((g) => g.checks));
}

/** True when any check failed (the CLI exits 1). */
export function hasFailures(report: NodeReport): boolean {
  return report.totals.FAIL > 0;
}
