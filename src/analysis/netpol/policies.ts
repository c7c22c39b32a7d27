import { asArray, asObject, isObject, joinPointer } from '../../model/json.js';
import type { JsonObject, JsonValue, Resource } from '../../model/types.js';
import { apiGroup } from '../../model/workload.js';
import { parseCalicoSelector, SelectorSyntaxError, type CalicoSelector } from './calico-selector.js';
import { parseCidr, rangeContains, type IpRange } from './ip.js';
import {
  compileLabelSelector,
  type LabelSelector,
  type Labels,
  type SelectorError,
} from './label-selector.js';
import { canonicalProtocol, isValidProtocol, MAX_PORT, MIN_PORT, type PortProtocol } from './ports.js';
import type {
  Action,
  Direction,
  Endpoint,
  NetpolNote,
  PolicyInfo,
  PolicyKind,
  RuleInfo,
  WorkloadEndpoint,
} from './types.js';

/** The label every namespace carries with its own name (GA in Kubernetes 1.22). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';
/** The label Calico gives namespaces (for namespaceSelector) and service accounts (for their selectors). */
export const CALICO_NAME_LABEL = 'projectcalico.org/name';
/** Name of Calico's default tier, which also holds the Kubernetes policies. */
export const DEFAULT_TIER = 'default';
/** Order of the default tier when no Tier object says otherwise. */
export const DEFAULT_TIER_ORDER = 1_000_000;
/** Order Calico gives Kubernetes NetworkPolicies inside the default tier. */
export const KUBERNETES_POLICY_ORDER = 1000;

/** What the analysis knows about the cluster besides workloads: namespace and service-account labels. */
export interface ClusterFacts {
  namespaceLabels(namespace: string): Labels;
  /** Labels of a service account (plus `projectcalico.org/name`). */
  serviceAccountLabels(namespace: string, name: string): Labels;
}

/** Tests whether an endpoint belongs to a set; `all` short-cuts the common "anything" case. */
export type Matcher =
  | { all: true }
  | {
      all: false;
      test: (e: Endpoint) => boolean;
      /** When given, workloads of namespaces it rejects never match (lets the analysis skip them in bulk). */
      workloadNamespaces?: (namespace: string) => boolean;
    };

const ANY: Matcher = { all: true };

/** One term of a port list: a numeric range or a named port of a protocol. */
export type PortTerm =
  { protocol: PortProtocol; from: number; to: number } | { protocol: PortProtocol; name: string };

/** Which connections a rule covers; named ports resolve against the destination endpoint. */
export interface ConnSpec {
  /** Port terms the rule lists, or `all` when it lists none. */
  include: PortTerm[] | 'all';
  /** Calico `protocol` (all ports of it unless ports are listed). */
  protocol?: string;
  notProtocol?: string;
  exclude: PortTerm[];
}

/** A rule after parsing: which sources, which destinations, which connections, what to do. */
export interface ParsedRule {
  info: RuleInfo;
  src: Matcher;
  dst: Matcher;
  conn: ConnSpec;
  /** False when the rule is invalid (it then matches nothing). */
  valid: boolean;
  /** Peers written as ipBlocks / nets only (used by coverage to judge "can never match"). */
  describesExternalOnly: boolean;
}

/** A policy after parsing. */
export interface ParsedPolicy {
  info: PolicyInfo;
  /** Whether the policy selects a workload. */
  selects(workload: WorkloadEndpoint): boolean;
  /** True when the policy selects every pod of its scope (empty podSelector / `all()`). */
  selectsWholeNamespace: boolean;
  /** GlobalNetworkPolicy: the namespaces it covers. */
  coversNamespace(namespace: string): boolean;
  ingress: ParsedRule[];
  egress: ParsedRule[];
}

/** A Calico Tier. */
export interface TierInfo {
  name: string;
  order: number;
  defaultAction: 'Deny' | 'Pass';
}

/** Everything the parser collected to build the address and port partitions. */
export interface ParseCollector {
  cidrs: IpRange[];
  portBoundaries: number[];
  namedPorts: Set<string>;
  otherProtocols: Set<string>;
  notes: NetpolNote[];
}

/** Whether a resource is a Kubernetes NetworkPolicy. */
export function isKubernetesPolicy(r: Pick<Resource, 'apiVersion' | 'kind'>): boolean {
  return r.kind === 'NetworkPolicy' && apiGroup(r.apiVersion) === 'networking.k8s.io';
}

const CALICO_GROUPS = ['projectcalico.org', 'crd.projectcalico.org'];

/** Whether a resource is a Calico NetworkPolicy, GlobalNetworkPolicy or Tier. */
export function isCalicoResource(r: Pick<Resource, 'apiVersion' | 'kind'>, kind?: string): boolean {
  return (
    CALICO_GROUPS.includes(apiGroup(r.apiVersion)) &&
    (kind === undefined ? ['NetworkPolicy', 'GlobalNetworkPolicy', 'Tier'].includes(r.kind) : r.kind === kind)
  );
}

/** Namespace a namespaced object is analysed in: its own, or `default` when unset (as kubectl would). */
export function effectiveNamespace(r: Pick<Resource, 'namespace'>): string {
  return r.namespace ?? 'default';
}

function note(
  collector: ParseCollector,
  resource: Resource,
  pointer: string,
  level: NetpolNote['level'],
  message: string,
): void {
  collector.notes.push({ level, message, location: resource.source.locate(pointer) });
}

function addRangeBoundaries(collector: ParseCollector, from: number, to: number): void {
  collector.portBoundaries.push(from, to + 1);
}

function portNumber(value: JsonValue | undefined): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  return undefined;
}

/**
 * The directions a policy's explicit list names: `policyTypes` of a Kubernetes policy, `types` of a Calico
 * one. Entries other than `Ingress` and `Egress` are reported and ignored.
 */
function listedDirections(
  resource: Resource,
  spec: JsonObject,
  field: 'policyTypes' | 'types',
  collector: ParseCollector,
): Direction[] {
  const types: Direction[] = [];
  asArray(spec[field]).forEach((t, i) => {
    if (t === 'Ingress') types.push('ingress');
    else if (t === 'Egress') types.push('egress');
    else
      note(
        collector,
        resource,
        `/spec/${field}/${i}`,
        'error',
        `${field} entry ${JSON.stringify(t)} is neither Ingress nor Egress`,
      );
  });
  return types;
}

// ---------------------------------------------------------------------------------------------------------
// Kubernetes NetworkPolicy

/**
 * Parses a `networking.k8s.io/v1` NetworkPolicy with the API's defaulting: a missing podSelector is `{}`,
 * missing `policyTypes` is `[Ingress]` plus `Egress` when `egress` has at least one rule, a missing port
 * protocol is TCP, missing or empty `from`/`to`/`ports` match everything. Invalid parts are reported and
 * match nothing, so a broken policy still isolates what it selects but never opens traffic.
 */
export function parseKubernetesPolicy(
  resource: Resource,
  id: number,
  facts: ClusterFacts,
  collector: ParseCollector,
): ParsedPolicy {
  const spec = asObject(resource.object.spec) ?? {};
  const namespace = effectiveNamespace(resource);
  const selectorErrors: SelectorError[] = [];
  const podSelector = compileLabelSelector(spec.podSelector, '/spec/podSelector', selectorErrors);
  // The API server defaults policyTypes when it is missing *or empty* (`len(policyTypes) == 0`).
  const explicitTypes = asArray(spec.policyTypes).length > 0;
  let types: Direction[];
  if (explicitTypes) types = listedDirections(resource, spec, 'policyTypes', collector);
  else {
    types = ['ingress'];
    if (asArray(spec.egress).length > 0) types.push('egress');
  }
  const info: PolicyInfo = {
    id,
    kind: 'NetworkPolicy',
    namespace,
    name: resource.name,
    label: `NetworkPolicy ${namespace}/${resource.name}`,
    resource,
    location: resource.source.locate(''),
    tier: DEFAULT_TIER,
    order: KUBERNETES_POLICY_ORDER,
    types,
    typesExplicit: explicitTypes,
  };
  const rulesOf = (direction: Direction): ParsedRule[] => {
    const list = direction === 'ingress' ? spec.ingress : spec.egress;
    const peersKey = direction === 'ingress' ? 'from' : 'to';
    return asArray(list).map((raw, index) => {
      const pointer = `/spec/${direction}/${index}`;
      const rule = asObject(raw) ?? {};
      let valid = isObject(raw) || raw === null;
      const ruleInfo: RuleInfo = {
        policy: info,
        direction,
        index,
        action: 'Allow',
        pointer,
        location: resource.source.locate(pointer),
      };
      const peers = asArray(rule[peersKey]);
      let peerMatcher: Matcher = ANY;
      let externalOnly = false;
      if (peers.length > 0) {
        const tests: ((e: Endpoint) => boolean)[] = [];
        const nsFilters: ((ns: string) => boolean)[] = [];
        externalOnly = true;
        peers.forEach((rawPeer, pi) => {
          const peerPointer = `${pointer}/${peersKey}/${pi}`;
          const test = kubernetesPeer(
            resource,
            rawPeer,
            peerPointer,
            namespace,
            facts,
            collector,
            selectorErrors,
          );
          if (test) {
            tests.push(test.test);
            nsFilters.push(test.namespaces);
          }
          if (!test?.external) externalOnly = false;
        });
        peerMatcher = {
          all: false,
          test: (e) => tests.some((t) => t(e)),
          workloadNamespaces: (ns) => nsFilters.some((f) => f(ns)),
        };
      }
      const conn = kubernetesPorts(resource, asArray(rule.ports), `${pointer}/ports`, collector);
      if (!conn) valid = false;
      const other: Matcher = ANY;
      return {
        info: ruleInfo,
        src: direction === 'ingress' ? peerMatcher : other,
        dst: direction === 'ingress' ? other : peerMatcher,
        conn: conn ?? { include: [], exclude: [] },
        valid,
        describesExternalOnly: externalOnly,
      };
    });
  };
  const ingress = rulesOf('ingress');
  const egress = rulesOf('egress');
  if (!types.includes('ingress') && ingress.length > 0)
    note(
      collector,
      resource,
      '/spec/ingress',
      'warning',
      `${info.label} has ingress rules but policyTypes does not list Ingress: the rules are ignored`,
    );
  if (!types.includes('egress') && egress.length > 0)
    note(
      collector,
      resource,
      '/spec/egress',
      'warning',
      `${info.label} has egress rules but policyTypes does not list Egress: the rules are ignored`,
    );
  for (const e of selectorErrors)
    note(collector, resource, e.pointer, 'error', `invalid selector: ${e.message}`);
  return {
    info,
    selects: (w) => w.namespace === namespace && podSelector.matches(w.labels),
    selectsWholeNamespace: podSelector.empty,
    coversNamespace: (ns) => ns === namespace,
    ingress,
    egress,
  };
}

function kubernetesPeer(
  resource: Resource,
  raw: JsonValue,
  pointer: string,
  policyNamespace: string,
  facts: ClusterFacts,
  collector: ParseCollector,
  selectorErrors: SelectorError[],
): { test: (e: Endpoint) => boolean; external: boolean; namespaces: (ns: string) => boolean } | undefined {
  const peer = asObject(raw);
  if (!peer) {
    note(collector, resource, pointer, 'error', 'peer must be an object');
    return undefined;
  }
  const has = (k: string): boolean => peer[k] !== undefined && peer[k] !== null;
  if (has('ipBlock')) {
    if (has('podSelector') || has('namespaceSelector')) {
      note(
        collector,
        resource,
        pointer,
        'error',
        'a peer may not combine ipBlock with podSelector or namespaceSelector; the peer matches nothing',
      );
      return undefined;
    }
    const block = asObject(peer.ipBlock) ?? {};
    const cidrText = typeof block.cidr === 'string' ? block.cidr : '';
    const cidr = parseCidr(cidrText);
    if (!cidr || !cidrText.includes('/')) {
      note(
        collector,
        resource,
        `${pointer}/ipBlock/cidr`,
        'error',
        `ipBlock.cidr ${JSON.stringify(block.cidr ?? null)} is not a CIDR; the peer matches nothing`,
      );
      return undefined;
    }
    collector.cidrs.push(cidr);
    const excepts: IpRange[] = [];
    let ok = true;
    asArray(block.except).forEach((x, i) => {
      const at = `${pointer}/ipBlock/except/${i}`;
      const range = typeof x === 'string' && x.includes('/') ? parseCidr(x) : undefined;
      if (!range) {
        note(
          collector,
          resource,
          at,
          'error',
          `except entry ${JSON.stringify(x)} is not a CIDR; the peer matches nothing`,
        );
        ok = false;
      } else if (!rangeContains(cidr, range) || (range.start === cidr.start && range.end === cidr.end)) {
        note(
          collector,
          resource,
          at,
          'error',
          `except ${String(x)} must be strictly inside ${cidrText}; the peer matches nothing`,
        );
        ok = false;
      } else {
        excepts.push(range);
        collector.cidrs.push(range);
      }
    });
    if (!ok) return undefined;
    return {
      external: true,
      namespaces: () => false,
      // ipBlock is for addresses outside the cluster; pod addresses are not known from manifests.
      test: (e) =>
        e.type === 'external' &&
        rangeContains(cidr, e.range) &&
        !excepts.some((x) => rangeContains(x, e.range)),
    };
  }
  if (!has('podSelector') && !has('namespaceSelector')) {
    note(
      collector,
      resource,
      pointer,
      'error',
      'peer names none of podSelector, namespaceSelector, ipBlock; it matches nothing',
    );
    return undefined;
  }
  const pod: LabelSelector | undefined = has('podSelector')
    ? compileLabelSelector(peer.podSelector, `${pointer}/podSelector`, selectorErrors)
    : undefined;
  const ns: LabelSelector | undefined = has('namespaceSelector')
    ? compileLabelSelector(peer.namespaceSelector, `${pointer}/namespaceSelector`, selectorErrors)
    : undefined;
  const nsCache = new Map<string, boolean>();
  const nsMatches = (namespace: string): boolean => {
    if (!ns) return namespace === policyNamespace;
    let hit = nsCache.get(namespace);
    if (hit === undefined) {
      hit = ns.matches(facts.namespaceLabels(namespace));
      nsCache.set(namespace, hit);
    }
    return hit;
  };
  return {
    external: false,
    namespaces: nsMatches,
    test: (e) => e.type === 'workload' && nsMatches(e.namespace) && (!pod || pod.matches(e.labels)),
  };
}

function kubernetesPorts(
  resource: Resource,
  ports: JsonValue[],
  pointer: string,
  collector: ParseCollector,
): ConnSpec | undefined {
  if (ports.length === 0) return { include: 'all', exclude: [] };
  const include: PortTerm[] = [];
  let valid = true;
  ports.forEach((raw, i) => {
    const at = `${pointer}/${i}`;
    const entry = asObject(raw) ?? {};
    const protocolValue = entry.protocol ?? 'TCP';
    if (protocolValue !== 'TCP' && protocolValue !== 'UDP' && protocolValue !== 'SCTP') {
      note(
        collector,
        resource,
        `${at}/protocol`,
        'error',
        `protocol ${JSON.stringify(protocolValue)} is not TCP, UDP or SCTP; the port entry matches nothing`,
      );
      valid = false;
      return;
    }
    const protocol = protocolValue as PortProtocol;
    const port = entry.port;
    const endPort = entry.endPort;
    if (port === undefined || port === null) {
      if (endPort !== undefined && endPort !== null) {
        note(
          collector,
          resource,
          `${at}/endPort`,
          'error',
          'endPort requires a numeric port; the port entry matches nothing',
        );
        valid = false;
        return;
      }
      include.push({ protocol, from: MIN_PORT, to: MAX_PORT });
      return;
    }
    if (typeof port === 'string') {
      if (endPort !== undefined && endPort !== null) {
        note(
          collector,
          resource,
          `${at}/endPort`,
          'error',
          `endPort cannot be used with the named port "${port}"; the port entry matches nothing`,
        );
        valid = false;
        return;
      }
      include.push({ protocol, name: port });
      collector.namedPorts.add(`${protocol}/${port}`);
      return;
    }
    const from = portNumber(port);
    if (from === undefined || from < MIN_PORT || from > MAX_PORT) {
      note(
        collector,
        resource,
        `${at}/port`,
        'error',
        `port ${JSON.stringify(port)} is not a port number (1-65535) or name`,
      );
      valid = false;
      return;
    }
    let to = from;
    if (endPort !== undefined && endPort !== null) {
      const end = portNumber(endPort);
      if (end === undefined || end < from || end > MAX_PORT) {
        note(
          collector,
          resource,
          `${at}/endPort`,
          'error',
          `endPort ${JSON.stringify(endPort)} must be a port number not below port ${from}`,
        );
        valid = false;
        return;
      }
      to = end;
    }
    include.push({ protocol, from, to });
    addRangeBoundaries(collector, from, to);
  });
  // A port list whose every entry was invalid matches nothing; valid entries still count.
  return valid || include.length > 0 ? { include, exclude: [] } : undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Calico projectcalico.org/v3 NetworkPolicy and GlobalNetworkPolicy

/** Labels Calico sees on a workload endpoint: its pod labels plus the namespace it lives in. */
export function calicoEndpointLabels(w: WorkloadEndpoint, facts: ClusterFacts): Labels {
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(facts.namespaceLabels(w.namespace))) labels[`pcns.${k}`] = v;
  Object.assign(labels, w.labels);
  labels['projectcalico.org/namespace'] = w.namespace;
  labels['projectcalico.org/orchestrator'] = 'k8s';
  labels['projectcalico.org/serviceaccount'] = w.serviceAccount;
  return labels;
}

function calicoNamespaceLabels(namespace: string, facts: ClusterFacts): Labels {
  return { ...facts.namespaceLabels(namespace), [CALICO_NAME_LABEL]: namespace };
}

/** Longest selector quoted whole in a message; longer ones are cut, so a hostile one cannot flood stderr. */
const QUOTED_SELECTOR_LIMIT = 120;

function quoteSelector(value: string): string {
  if (value.length <= QUOTED_SELECTOR_LIMIT) return JSON.stringify(value);
  return `${JSON.stringify(value.slice(0, QUOTED_SELECTOR_LIMIT))}… (${value.length} characters)`;
}

function selectorField(
  resource: Resource,
  value: JsonValue | undefined,
  pointer: string,
  collector: ParseCollector,
): CalicoSelector | null | undefined {
  // undefined: field absent; null: invalid (matches nothing).
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    note(collector, resource, pointer, 'error', 'selector must be a string');
    return null;
  }
  try {
    return parseCalicoSelector(value);
  } catch (error) {
    if (error instanceof SelectorSyntaxError) {
      const at = resource.source.locate(pointer);
      collector.notes.push({
        level: 'error',
        message: `invalid selector ${quoteSelector(value)}: ${error.message} (column ${error.column} of the expression); it matches nothing`,
        location: at,
      });
      return null;
    }
    throw error;
  }
}

/** Parses a Calico `NetworkPolicy` (namespaced) or `GlobalNetworkPolicy`. */
export function parseCalicoPolicy(
  resource: Resource,
  id: number,
  facts: ClusterFacts,
  collector: ParseCollector,
  tiers: ReadonlyMap<string, TierInfo>,
): ParsedPolicy {
  const global = resource.kind === 'GlobalNetworkPolicy';
  const spec = asObject(resource.object.spec) ?? {};
  const namespace = global ? null : effectiveNamespace(resource);
  const kind: PolicyKind = global ? 'GlobalNetworkPolicy' : 'CalicoNetworkPolicy';
  const tier = typeof spec.tier === 'string' && spec.tier !== '' ? spec.tier : DEFAULT_TIER;
  if (tier !== DEFAULT_TIER && !tiers.has(tier))
    note(
      collector,
      resource,
      '/spec/tier',
      'warning',
      `tier "${tier}" is not in the input; it is assumed to have no order (last) and defaultAction Deny`,
    );
  const order = typeof spec.order === 'number' ? spec.order : Number.POSITIVE_INFINITY;
  const hasIngress = asArray(spec.ingress).length > 0;
  const hasEgress = asArray(spec.egress).length > 0;
  // Calico defaults types when the list is missing or empty, like Kubernetes does with policyTypes.
  const explicitTypes = asArray(spec.types).length > 0;
  let types: Direction[];
  if (explicitTypes) types = listedDirections(resource, spec, 'types', collector);
  else if (hasEgress && !hasIngress) types = ['egress'];
  else if (hasEgress && hasIngress) types = ['ingress', 'egress'];
  else types = ['ingress'];
  const label = global
    ? `GlobalNetworkPolicy ${resource.name}`
    : `Calico NetworkPolicy ${namespace}/${resource.name}`;
  const info: PolicyInfo = {
    id,
    kind,
    namespace,
    name: resource.name,
    label,
    resource,
    location: resource.source.locate(''),
    tier,
    order,
    types,
    typesExplicit: explicitTypes,
  };
  const hostOnly = spec.doNotTrack === true || spec.preDNAT === true;
  if (hostOnly)
    note(
      collector,
      resource,
      spec.doNotTrack === true ? '/spec/doNotTrack' : '/spec/preDNAT',
      'info',
      `${label} applies to host endpoints only (doNotTrack/preDNAT); host endpoints are not analysed, so it is ignored`,
    );

  const selector = selectorField(resource, spec.selector, '/spec/selector', collector);
  const saSelector = selectorField(
    resource,
    spec.serviceAccountSelector,
    '/spec/serviceAccountSelector',
    collector,
  );
  const nsSelector = global
    ? selectorField(resource, spec.namespaceSelector, '/spec/namespaceSelector', collector)
    : undefined;
  const nsCache = new Map<string, boolean>();
  const coversNamespace = (ns: string): boolean => {
    if (namespace !== null) return ns === namespace;
    if (nsSelector === null) return false;
    if (!nsSelector) return true;
    let hit = nsCache.get(ns);
    if (hit === undefined) {
      hit = nsSelector.matches({ labels: calicoNamespaceLabels(ns, facts) });
      nsCache.set(ns, hit);
    }
    return hit;
  };
  const selects = (w: WorkloadEndpoint): boolean => {
    if (hostOnly || selector === null || saSelector === null) return false;
    if (!coversNamespace(w.namespace)) return false;
    if (selector && !selector.matches({ labels: calicoEndpointLabels(w, facts) })) return false;
    if (
      saSelector &&
      !saSelector.matches({ labels: facts.serviceAccountLabels(w.namespace, w.serviceAccount) })
    )
      return false;
    return true;
  };
  const rulesOf = (direction: Direction): ParsedRule[] =>
    asArray(direction === 'ingress' ? spec.ingress : spec.egress).map((raw, index) =>
      calicoRule(resource, raw, `/spec/${direction}/${index}`, {
        info,
        direction,
        index,
        namespace,
        facts,
        collector,
      }),
    );
  return {
    info,
    selects,
    selectsWholeNamespace:
      !hostOnly && (selector === undefined || selector?.isAll === true) && saSelector === undefined,
    coversNamespace,
    ingress: rulesOf('ingress'),
    egress: rulesOf('egress'),
  };
}

interface RuleContext {
  info: PolicyInfo;
  direction: Direction;
  index: number;
  namespace: string | null;
  facts: ClusterFacts;
  collector: ParseCollector;
}

const ACTIONS: readonly Action[] = ['Allow', 'Deny', 'Pass', 'Log'];
const RULE_FIELDS = new Set([
  'action',
  'protocol',
  'notProtocol',
  'icmp',
  'notICMP',
  'ipVersion',
  'source',
  'destination',
  'http',
  'metadata',
]);

function calicoRule(resource: Resource, raw: JsonValue, pointer: string, ctx: RuleContext): ParsedRule {
  const { collector } = ctx;
  const rule = asObject(raw) ?? {};
  let valid = true;
  const action = rule.action;
  if (typeof action !== 'string' || !(ACTIONS as readonly string[]).includes(action)) {
    note(
      collector,
      resource,
      `${pointer}/action`,
      'error',
      `rule action ${JSON.stringify(action ?? null)} is not Allow, Deny, Pass or Log; the rule is ignored`,
    );
    valid = false;
  }
  for (const key of Object.keys(rule)) {
    if (!RULE_FIELDS.has(key))
      note(collector, resource, `${pointer}/${key}`, 'warning', `unknown rule field "${key}" is ignored`);
  }
  if (rule.http !== undefined)
    note(
      collector,
      resource,
      `${pointer}/http`,
      'warning',
      'http (application layer) matches are not analysed; the rule is treated as matching every request',
    );
  if (rule.icmp !== undefined || rule.notICMP !== undefined)
    note(
      collector,
      resource,
      `${pointer}/${rule.icmp !== undefined ? 'icmp' : 'notICMP'}`,
      'warning',
      'ICMP type/code matches are not analysed; the rule is treated as matching all ICMP',
    );
  const info: RuleInfo = {
    policy: ctx.info,
    direction: ctx.direction,
    index: ctx.index,
    action: valid ? (action as Action) : 'Log',
    pointer,
    location: resource.source.locate(pointer),
  };
  const protocolOf = (key: 'protocol' | 'notProtocol'): string | undefined | null => {
    const value = rule[key];
    if (value === undefined || value === null) return undefined;
    if ((typeof value !== 'string' && typeof value !== 'number') || !isValidProtocol(value)) {
      note(
        collector,
        resource,
        `${pointer}/${key}`,
        'error',
        `${key} ${JSON.stringify(value)} is not a protocol name or number 1-255; the rule is ignored`,
      );
      return null;
    }
    const canonical = canonicalProtocol(value);
    if (!['TCP', 'UDP', 'SCTP'].includes(canonical)) collector.otherProtocols.add(canonical);
    return canonical;
  };
  const protocol = protocolOf('protocol');
  const notProtocol = protocolOf('notProtocol');
  if (protocol === null || notProtocol === null) valid = false;
  const source = asObject(rule.source);
  const destination = asObject(rule.destination);
  const src = entityRule(resource, source, `${pointer}/source`, ctx, 'source', protocol ?? undefined);
  const dst = entityRule(
    resource,
    destination,
    `${pointer}/destination`,
    ctx,
    'destination',
    protocol ?? undefined,
  );
  if (!src.valid || !dst.valid) valid = false;
  if (rule.ipVersion !== undefined && rule.ipVersion !== 4 && rule.ipVersion !== 6) {
    note(
      collector,
      resource,
      `${pointer}/ipVersion`,
      'error',
      'ipVersion must be 4 or 6; the rule is ignored',
    );
    valid = false;
  }
  const ipVersion = rule.ipVersion === 4 || rule.ipVersion === 6 ? rule.ipVersion : undefined;
  const familyOk = (e: Endpoint): boolean =>
    ipVersion === undefined || e.type === 'workload' || e.range.family === ipVersion;
  const conn: ConnSpec = {
    include: dst.ports ?? 'all',
    ...(protocol ? { protocol } : {}),
    ...(notProtocol ? { notProtocol } : {}),
    exclude: dst.notPorts ?? [],
  };
  const withFamily = (m: Matcher): Matcher =>
    ipVersion === undefined ? m : { all: false, test: (e) => familyOk(e) && (m.all || m.test(e)) };
  return {
    info,
    src: withFamily(src.matcher),
    dst: withFamily(dst.matcher),
    conn,
    valid,
    describesExternalOnly: ctx.direction === 'ingress' ? src.externalOnly : dst.externalOnly,
  };
}

interface EntityResult {
  matcher: Matcher;
  valid: boolean;
  externalOnly: boolean;
  ports?: PortTerm[];
  notPorts?: PortTerm[];
}

function entityRule(
  resource: Resource,
  entity: JsonObject | undefined,
  pointer: string,
  ctx: RuleContext,
  side: 'source' | 'destination',
  protocol: string | undefined,
): EntityResult {
  const { collector, facts } = ctx;
  if (!entity) return { matcher: ANY, valid: true, externalOnly: false };
  let valid = true;
  const tests: ((e: Endpoint) => boolean)[] = [];
  const cidrList = (key: 'nets' | 'notNets'): IpRange[] | undefined => {
    const list = entity[key];
    if (list === undefined || list === null) return undefined;
    const out: IpRange[] = [];
    asArray(list).forEach((x, i) => {
      const range = typeof x === 'string' ? parseCidr(x) : undefined;
      if (!range) {
        note(
          collector,
          resource,
          `${pointer}/${key}/${i}`,
          'error',
          `${key} entry ${JSON.stringify(x)} is not a CIDR; the rule is ignored`,
        );
        valid = false;
      } else {
        out.push(range);
        collector.cidrs.push(range);
      }
    });
    return out;
  };
  const nets = cidrList('nets');
  const notNets = cidrList('notNets');
  // Pod addresses are unknown in manifests: a pod is taken to lie outside every listed net.
  if (nets) tests.push((e) => e.type === 'external' && nets.some((n) => rangeContains(n, e.range)));
  if (notNets) tests.push((e) => !(e.type === 'external' && notNets.some((n) => rangeContains(n, e.range))));
  const selector = selectorField(resource, entity.selector, `${pointer}/selector`, collector);
  const notSelector = selectorField(resource, entity.notSelector, `${pointer}/notSelector`, collector);
  const namespaceSelector = selectorField(
    resource,
    entity.namespaceSelector,
    `${pointer}/namespaceSelector`,
    collector,
  );
  if (selector === null || notSelector === null || namespaceSelector === null) valid = false;
  const nsCache = new Map<string, boolean>();
  const inScope = (e: Endpoint): e is WorkloadEndpoint => {
    if (e.type !== 'workload') return false;
    if (namespaceSelector) {
      let hit = nsCache.get(e.namespace);
      if (hit === undefined) {
        hit = namespaceSelector.matches({ labels: calicoNamespaceLabels(e.namespace, facts) });
        nsCache.set(e.namespace, hit);
      }
      return hit;
    }
    // In a namespaced policy, rule selectors see only the policy's namespace.
    return ctx.namespace === null || e.namespace === ctx.namespace;
  };
  if (namespaceSelector || selector) {
    tests.push(
      (e) => inScope(e) && (!selector || selector.matches({ labels: calicoEndpointLabels(e, facts) })),
    );
  }
  if (notSelector)
    tests.push((e) => !(inScope(e) && notSelector.matches({ labels: calicoEndpointLabels(e, facts) })));
  const serviceAccounts = asObject(entity.serviceAccounts);
  if (serviceAccounts) {
    const names = asArray(serviceAccounts.names).map(String);
    const saSelector = selectorField(
      resource,
      serviceAccounts.selector,
      `${pointer}/serviceAccounts/selector`,
      collector,
    );
    if (saSelector === null) valid = false;
    tests.push(
      (e) =>
        inScope(e) &&
        (names.length === 0 || names.includes(e.serviceAccount)) &&
        (!saSelector ||
          saSelector.matches({ labels: facts.serviceAccountLabels(e.namespace, e.serviceAccount) })),
    );
  }
  if (entity.services !== undefined) {
    note(
      collector,
      resource,
      `${pointer}/services`,
      'warning',
      'services matches are not analysed; the rule is ignored',
    );
    valid = false;
  }
  const portList = (key: 'ports' | 'notPorts'): PortTerm[] | undefined => {
    const list = entity[key];
    if (list === undefined || list === null) return undefined;
    if (side === 'source') {
      note(
        collector,
        resource,
        `${pointer}/${key}`,
        'warning',
        `source ${key} (client ports) are not analysed; the constraint is ignored`,
      );
      return undefined;
    }
    if (!protocol || !['TCP', 'UDP', 'SCTP'].includes(protocol)) {
      note(
        collector,
        resource,
        `${pointer}/${key}`,
        'error',
        `${key} require protocol TCP, UDP or SCTP on the rule; the rule is ignored`,
      );
      valid = false;
      return undefined;
    }
    const p = protocol as PortProtocol;
    const out: PortTerm[] = [];
    asArray(list).forEach((x, i) => {
      const at = `${pointer}/${key}/${i}`;
      if (typeof x === 'number' && Number.isInteger(x) && x >= MIN_PORT && x <= MAX_PORT) {
        out.push({ protocol: p, from: x, to: x });
        addRangeBoundaries(collector, x, x);
        return;
      }
      if (typeof x === 'string') {
        const m = /^(\d+):(\d+)$/.exec(x);
        if (m) {
          const from = Number(m[1]);
          const to = Number(m[2]);
          if (from >= MIN_PORT && to <= MAX_PORT && from <= to) {
            out.push({ protocol: p, from, to });
            addRangeBoundaries(collector, from, to);
            return;
          }
        } else if (/^\d+$/.test(x) && Number(x) >= MIN_PORT && Number(x) <= MAX_PORT) {
          out.push({ protocol: p, from: Number(x), to: Number(x) });
          addRangeBoundaries(collector, Number(x), Number(x));
          return;
        } else if (/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/i.test(x)) {
          out.push({ protocol: p, name: x });
          collector.namedPorts.add(`${p}/${x}`);
          return;
        }
      }
      note(
        collector,
        resource,
        at,
        'error',
        `${key} entry ${JSON.stringify(x)} is not a port, "from:to" range or port name; the rule is ignored`,
      );
      valid = false;
    });
    return out;
  };
  const ports = portList('ports');
  const notPorts = portList('notPorts');
  const externalOnly = nets !== undefined && !selector && !namespaceSelector && !serviceAccounts;
  return {
    matcher: tests.length === 0 ? ANY : { all: false, test: (e) => tests.every((t) => t(e)) },
    valid,
    externalOnly,
    ...(ports ? { ports } : {}),
    ...(notPorts ? { notPorts } : {}),
  };
}

/** Reads a Calico Tier. */
export function parseTier(resource: Resource, collector: ParseCollector): TierInfo {
  const spec = asObject(resource.object.spec) ?? {};
  const defaultAction = spec.defaultAction === 'Pass' ? 'Pass' : 'Deny';
  if (spec.defaultAction !== undefined && spec.defaultAction !== 'Pass' && spec.defaultAction !== 'Deny')
    note(
      collector,
      resource,
      '/spec/defaultAction',
      'error',
      `defaultAction ${JSON.stringify(spec.defaultAction)} is not Deny or Pass; Deny is assumed`,
    );
  return {
    name: resource.name,
    order:
      typeof spec.order === 'number'
        ? spec.order
        : resource.name === DEFAULT_TIER
          ? DEFAULT_TIER_ORDER
          : Number.POSITIVE_INFINITY,
    defaultAction,
  };
}

/** Pointer of a rule's peers list (`from`/`to` for Kubernetes, `source`/`destination` for Calico). */
export function peersPointer(rule: RuleInfo): string {
  if (rule.policy.kind === 'NetworkPolicy')
    return joinPointer(rule.pointer, rule.direction === 'ingress' ? 'from' : 'to');
  return joinPointer(rule.pointer, rule.direction === 'ingress' ? 'source' : 'destination');
}
