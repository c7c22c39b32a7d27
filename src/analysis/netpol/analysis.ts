import { asArray, asObject } from '../../model/json.js';
import { compare } from '../../model/compare.js';
import type { Resource } from '../../model/types.js';
import { workloadOf } from '../../model/workload.js';
import { ResourceIndex } from '../../model/resource-index.js';
import { Bitset } from './bitset.js';
import { formatRange, parseAddress, universe, type IpRange } from './ip.js';
import { labelsOf, type Labels } from './label-selector.js';
import {
  CALICO_NAME_LABEL,
  DEFAULT_TIER,
  DEFAULT_TIER_ORDER,
  effectiveNamespace,
  isCalicoResource,
  isKubernetesPolicy,
  NAMESPACE_NAME_LABEL,
  parseCalicoPolicy,
  parseKubernetesPolicy,
  parseTier,
  type ClusterFacts,
  type ConnSpec,
  type Matcher,
  type ParseCollector,
  type ParsedPolicy,
  type ParsedRule,
  type PortTerm,
  type TierInfo,
} from './policies.js';
import { ConnSet, PortSpace } from './ports.js';
import type {
  Action,
  ContainerPort,
  Direction,
  Endpoint,
  ExternalEndpoint,
  NetpolNote,
  PolicyInfo,
  RuleInfo,
  WorkloadEndpoint,
} from './types.js';

/** The cloud instance metadata address (AWS, GCP, Azure, OpenStack). */
export const METADATA_ADDRESS = '169.254.169.254';

/** Options of {@link analyzeNetpol}. */
export interface NetpolOptions {
  /**
   * Split 169.254.169.254 out of the external ranges as its own endpoint even when no policy mentions it
   * (default true). Turn off to compare output line by line with netpol-analyzer.
   */
  metadataEndpoint?: boolean;
  /** Port ranges that will be asked about (`explain --port`), so that the port partition has their edges. */
  queryPorts?: readonly { from: number; to: number }[];
}

/** A rule compiled against the endpoint list. */
interface CompiledRule {
  parsed: ParsedRule;
  src: Bitset | null;
  dst: Bitset | null;
  /** Connections when the rule has no named ports; otherwise resolved per destination class. */
  staticConn: ConnSet | undefined;
  byClass: Map<number, ConnSet>;
}

interface CompiledPolicy {
  parsed: ParsedPolicy;
  ingress: CompiledRule[];
  egress: CompiledRule[];
}

/** What one direction's policies say at one endpoint: the applicable tiers, in evaluation order. */
interface Program {
  id: number;
  tiers: { tier: TierInfo; policies: { policy: CompiledPolicy; rules: CompiledRule[] }[] }[];
}

/** One decision taken while evaluating a direction, for `explain`. */
export interface TraceStep {
  kind: 'rule' | 'tier-default' | 'profile' | 'not-isolated';
  action: Action | 'Allow-profile';
  conns: ConnSet;
  rule?: RuleInfo;
  tier?: string;
}

/** The verdict of one direction for one pair of endpoints, with the reasons. */
export interface DirectionVerdict {
  direction: Direction;
  /** The endpoint whose policies were consulted (the source for egress, the destination for ingress). */
  endpoint: Endpoint;
  isolated: boolean;
  /** Policies that select the endpoint for this direction, in evaluation order. */
  policies: PolicyInfo[];
  allowed: ConnSet;
  steps: TraceStep[];
}

/** One allowed connection between two endpoints. */
export interface Connection {
  src: Endpoint;
  dst: Endpoint;
  conns: ConnSet;
}

/**
 * The network-policy view of a set of resources: endpoints (one per workload plus external address ranges),
 * Kubernetes and Calico policies compiled to bit sets over endpoints, and connection sets over the port
 * partition. Evaluation runs on equivalence classes: endpoints that every selector, peer and named port
 * treats alike share a class, and each (program, class, class) result is computed once.
 */
export class NetpolAnalysis {
  readonly endpoints: Endpoint[] = [];
  readonly workloads: WorkloadEndpoint[] = [];
  readonly policies: ParsedPolicy[] = [];
  readonly notes: NetpolNote[] = [];
  readonly namespaces: string[];
  readonly space: PortSpace;
  /** Namespaces that workloads or policies live in but that have no Namespace object in the input. */
  readonly assumedNamespaces: string[];
  private readonly namespaceLabelMap = new Map<string, Labels>();
  private readonly serviceAccountLabelMap = new Map<string, Labels>();
  private readonly tiers = new Map<string, TierInfo>();
  private readonly compiled: CompiledPolicy[] = [];
  /** Compiled policies by the namespace they can select in (`null`: GlobalNetworkPolicies). */
  private readonly compiledByNamespace = new Map<string | null, CompiledPolicy[]>();
  /** Workloads each policy selects, by policy id. */
  private readonly selectedBy: WorkloadEndpoint[][] = [];
  private readonly programIds = new Map<string, Program>();
  private readonly ingressProgram: Program[] = [];
  private readonly egressProgram: Program[] = [];
  private readonly classOf: Int32Array;
  private readonly evalCache = new Map<number, ConnSet>();
  private classCount = 0;
  private readonly full: ConnSet;

  constructor(resources: readonly Resource[] | ResourceIndex, options: NetpolOptions = {}) {
    const index = resources instanceof ResourceIndex ? resources : new ResourceIndex(resources);
    const collector: ParseCollector = {
      cidrs: [],
      portBoundaries: [],
      namedPorts: new Set(),
      otherProtocols: new Set(),
      notes: this.notes,
    };
    const nsObjects = new Set<string>();
    for (const r of index.ofKind('Namespace')) {
      if (r.apiVersion !== 'v1') continue;
      nsObjects.add(r.name);
      this.namespaceLabelMap.set(r.name, { ...labelsOf(r.object.metadata), [NAMESPACE_NAME_LABEL]: r.name });
    }
    for (const r of index.ofKind('ServiceAccount')) {
      if (r.apiVersion !== 'v1') continue;
      const ns = effectiveNamespace(r);
      this.serviceAccountLabelMap.set(`${ns}/${r.name}`, {
        ...labelsOf(r.object.metadata),
        [CALICO_NAME_LABEL]: r.name,
      });
    }
    const facts: ClusterFacts = {
      namespaceLabels: (ns) => this.namespaceLabels(ns),
      serviceAccountLabels: (ns, sa) =>
        this.serviceAccountLabelMap.get(`${ns}/${sa}`) ?? { [CALICO_NAME_LABEL]: sa },
    };

    // Workloads first: policies are parsed against the namespaces they live in.
    const pending: Omit<WorkloadEndpoint, 'index'>[] = [];
    for (const r of index.ofKind('workload')) {
      const view = workloadOf(r);
      if (!view) continue;
      const namespace = effectiveNamespace(r);
      const ports: ContainerPort[] = [];
      for (const c of view.containers) {
        if (c.type === 'ephemeralContainer') continue;
        for (const raw of asArray(c.spec.ports)) {
          const p = asObject(raw);
          if (p && typeof p.name === 'string' && typeof p.containerPort === 'number')
            ports.push({
              name: p.name,
              port: p.containerPort,
              protocol: typeof p.protocol === 'string' && p.protocol !== '' ? p.protocol : 'TCP',
            });
        }
      }
      const sa = view.podSpec.serviceAccountName ?? view.podSpec.serviceAccount;
      pending.push({
        type: 'workload',
        display: `${namespace}/${r.name}[${r.kind}]`,
        namespace,
        name: r.name,
        kind: r.kind,
        labels: labelsOf(view.podMetadata),
        serviceAccount: typeof sa === 'string' && sa !== '' ? sa : 'default',
        hostNetwork: view.podSpec.hostNetwork === true,
        ports,
        resource: r,
      });
    }
    pending.sort((a, b) => compareText(a.display, b.display));

    for (const r of index.ofKind('Tier')) {
      if (isCalicoResource(r, 'Tier')) this.tiers.set(r.name, parseTier(r, collector));
    }
    if (!this.tiers.has(DEFAULT_TIER))
      this.tiers.set(DEFAULT_TIER, { name: DEFAULT_TIER, order: DEFAULT_TIER_ORDER, defaultAction: 'Deny' });

    const policyResources = [...index.ofKind('NetworkPolicy'), ...index.ofKind('GlobalNetworkPolicy')]
      .filter((r) => isKubernetesPolicy(r) || isCalicoResource(r))
      .sort((a, b) => compareText(policySortKey(a), policySortKey(b)));
    for (const r of policyResources) {
      const id = this.policies.length;
      this.policies.push(
        isKubernetesPolicy(r)
          ? parseKubernetesPolicy(r, id, facts, collector)
          : parseCalicoPolicy(r, id, facts, collector, this.tiers),
      );
    }

    const assumed = new Set<string>();
    for (const w of pending) if (!nsObjects.has(w.namespace)) assumed.add(w.namespace);
    for (const p of this.policies)
      if (p.info.namespace !== null && !nsObjects.has(p.info.namespace)) assumed.add(p.info.namespace);
    this.assumedNamespaces = [...assumed].sort(compareText);
    if (this.assumedNamespaces.length > 0)
      this.notes.push({
        level: 'info',
        message: `namespace${this.assumedNamespaces.length === 1 ? '' : 's'} ${this.assumedNamespaces.join(', ')} ${this.assumedNamespaces.length === 1 ? 'has' : 'have'} no Namespace object in the input; assumed to exist with only the ${NAMESPACE_NAME_LABEL} label`,
      });
    this.namespaces = [...new Set([...nsObjects, ...assumed])].sort(compareText);
    if (
      pending.some((w) => w.resource.namespace === null) ||
      this.policies.some((p) => p.info.resource.namespace === null && p.info.kind !== 'GlobalNetworkPolicy')
    )
      this.notes.push({
        level: 'info',
        message: 'objects without metadata.namespace are analysed in the "default" namespace',
      });

    // Endpoints: workloads, then external ranges cut at every CIDR boundary the policies use.
    for (const w of pending) {
      const endpoint = { ...w, index: this.endpoints.length } as WorkloadEndpoint;
      this.endpoints.push(endpoint);
      this.workloads.push(endpoint);
    }
    const metadata = parseAddress(METADATA_ADDRESS);
    const cuts: IpRange[] = [...collector.cidrs];
    if (options.metadataEndpoint !== false && metadata)
      cuts.push({ family: 4, start: metadata.value, end: metadata.value });
    for (const range of externalPartition(cuts)) {
      const isMetadata =
        metadata !== undefined &&
        range.family === 4 &&
        range.start === metadata.value &&
        range.end === metadata.value;
      const endpoint: ExternalEndpoint = {
        type: 'external',
        index: this.endpoints.length,
        display: `${formatRange(range)}[External]`,
        range,
        ...(isMetadata ? { name: 'cloud-metadata' } : {}),
      };
      this.endpoints.push(endpoint);
    }

    // Assumptions the verdicts rest on, said once per workload or rule (in endpoint and policy order).
    for (const w of this.workloads) {
      if (!w.hostNetwork) continue;
      const view = workloadOf(w.resource);
      this.notes.push({
        level: 'warning',
        message: `${w.display} uses hostNetwork: how network policies treat host-network pods is undefined (most CNIs see their traffic as the node's and do not isolate them); it is analysed as a pod`,
        location: w.resource.source.locate(`${view?.podSpecPointer ?? '/spec'}/hostNetwork`),
      });
    }
    const declared = new Set(this.workloads.flatMap((w) => w.ports.map((p) => `${p.protocol}/${p.name}`)));
    for (const p of this.policies) {
      for (const rule of [...p.ingress, ...p.egress]) {
        const terms = [...(rule.conn.include === 'all' ? [] : rule.conn.include), ...rule.conn.exclude];
        const missing = new Set<string>();
        for (const t of terms)
          if ('name' in t && !declared.has(`${t.protocol}/${t.name}`)) missing.add(`${t.protocol}/${t.name}`);
        for (const key of missing) {
          const [protocol, name] = [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)];
          this.notes.push({
            level: 'warning',
            message: `${p.info.label} ${rule.info.direction} rule ${rule.info.index + 1}: no container of the input declares the ${protocol} port named "${name}"; it matches nothing`,
            location: rule.info.location,
          });
        }
      }
    }

    // The port partition: every boundary policies use, plus the container ports named ports resolve to.
    const boundaries = [...collector.portBoundaries];
    for (const q of options.queryPorts ?? []) boundaries.push(q.from, q.to + 1);
    for (const w of this.workloads)
      for (const p of w.ports)
        if (collector.namedPorts.has(`${p.protocol}/${p.name}`)) boundaries.push(p.port, p.port + 1);
    this.space = new PortSpace(boundaries, collector.otherProtocols);
    this.full = this.space.all();

    const n = this.endpoints.length;
    const bitsets = new Map<Matcher, Bitset>();
    const externals = this.endpoints.filter((e) => e.type === 'external');
    const byNamespace = new Map<string, WorkloadEndpoint[]>();
    for (const w of this.workloads) {
      const list = byNamespace.get(w.namespace) ?? [];
      list.push(w);
      byNamespace.set(w.namespace, list);
    }
    const toBitset = (m: Matcher): Bitset | null => {
      if (m.all) return null;
      let set = bitsets.get(m);
      if (!set) {
        const bits = new Bitset(n);
        const filter = m.workloadNamespaces;
        if (filter) {
          for (const [ns, members] of byNamespace)
            if (filter(ns)) for (const w of members) if (m.test(w)) bits.add(w.index);
          for (const e of externals) if (m.test(e)) bits.add(e.index);
        } else for (const e of this.endpoints) if (m.test(e)) bits.add(e.index);
        set = bits;
        bitsets.set(m, set);
      }
      return set;
    };
    const compileRule = (parsed: ParsedRule): CompiledRule => {
      const named = hasNamedPorts(parsed.conn);
      return {
        parsed,
        src: parsed.valid ? toBitset(parsed.src) : new Bitset(n),
        dst: parsed.valid ? toBitset(parsed.dst) : new Bitset(n),
        staticConn: named ? undefined : this.resolveConn(parsed.conn, undefined),
        byClass: new Map(),
      };
    };
    for (const p of this.policies) {
      const c = { parsed: p, ingress: p.ingress.map(compileRule), egress: p.egress.map(compileRule) };
      this.compiled.push(c);
      const list = this.compiledByNamespace.get(p.info.namespace) ?? [];
      list.push(c);
      this.compiledByNamespace.set(p.info.namespace, list);
      this.selectedBy.push([]);
    }
    for (const w of this.workloads) {
      for (const c of [
        ...(this.compiledByNamespace.get(w.namespace) ?? []),
        ...(this.compiledByNamespace.get(null) ?? []),
      ])
        if (c.parsed.selects(w)) this.selectedBy[c.parsed.info.id]!.push(w);
    }

    // Equivalence classes: same membership in every rule set, same named-port resolution.
    const signature: string[][] = Array.from({ length: n }, () => []);
    let setId = 0;
    for (const set of bitsets.values()) {
      const id = setId++;
      set.forEach((i) => signature[i]!.push(String(id)));
    }
    const names = [...collector.namedPorts].sort();
    this.classOf = new Int32Array(n);
    const classIds = new Map<string, number>();
    for (const e of this.endpoints) {
      let key = `${e.type}|${signature[e.index]!.join(',')}`;
      if (e.type === 'workload' && names.length > 0) {
        key += '|' + names.map((np) => namedPortNumbers(e, np).join('/')).join(',');
      }
      let id = classIds.get(key);
      if (id === undefined) {
        id = classIds.size;
        classIds.set(key, id);
      }
      this.classOf[e.index] = id;
    }
    this.classCount = classIds.size;

    // Programs: the ordered applicable policies of each endpoint and direction, shared by identical lists.
    for (const e of this.endpoints) {
      this.ingressProgram.push(this.programFor(e, 'ingress'));
      this.egressProgram.push(this.programFor(e, 'egress'));
    }
  }

  private readonly selectingCache = new Map<Endpoint, CompiledPolicy[]>();

  /** Policies selecting a workload (any direction), computed once per workload. */
  private selecting(w: WorkloadEndpoint): CompiledPolicy[] {
    let list = this.selectingCache.get(w);
    if (!list) {
      list = [
        ...(this.compiledByNamespace.get(w.namespace) ?? []),
        ...(this.compiledByNamespace.get(null) ?? []),
      ].filter((c) => c.parsed.selects(w));
      this.selectingCache.set(w, list);
    }
    return list;
  }

  /** Workloads a policy selects. */
  selectedWorkloads(policy: ParsedPolicy): readonly WorkloadEndpoint[] {
    return this.selectedBy[policy.info.id] ?? [];
  }

  /** Labels of a namespace (its object's labels, or only the name label when it has no object). */
  namespaceLabels(namespace: string): Labels {
    let labels = this.namespaceLabelMap.get(namespace);
    if (!labels) {
      labels = { [NAMESPACE_NAME_LABEL]: namespace };
      this.namespaceLabelMap.set(namespace, labels);
    }
    return labels;
  }

  /** Number of endpoint equivalence classes (for the benchmark and tests). */
  get classes(): number {
    return this.classCount;
  }

  private tierOf(name: string): TierInfo {
    return this.tiers.get(name) ?? { name, order: Number.POSITIVE_INFINITY, defaultAction: 'Deny' };
  }

  private programFor(e: Endpoint, direction: Direction): Program {
    const applicable: CompiledPolicy[] = [];
    if (e.type === 'workload') {
      for (const c of this.selecting(e)) if (c.parsed.info.types.includes(direction)) applicable.push(c);
    }
    applicable.sort((a, b) => {
      const ta = this.tierOf(a.parsed.info.tier);
      const tb = this.tierOf(b.parsed.info.tier);
      return (
        compareNumber(ta.order, tb.order) ||
        compareText(ta.name, tb.name) ||
        compareNumber(a.parsed.info.order, b.parsed.info.order) ||
        compareText(calicoSortName(a.parsed.info), calicoSortName(b.parsed.info))
      );
    });
    const key = `${direction}:${applicable.map((c) => c.parsed.info.id).join(',')}`;
    let program = this.programIds.get(key);
    if (!program) {
      const tiers: Program['tiers'] = [];
      for (const c of applicable) {
        const tier = this.tierOf(c.parsed.info.tier);
        let last = tiers[tiers.length - 1];
        if (!last || last.tier.name !== tier.name) {
          last = { tier, policies: [] };
          tiers.push(last);
        }
        last.policies.push({ policy: c, rules: direction === 'ingress' ? c.ingress : c.egress });
      }
      program = { id: this.programIds.size, tiers };
      this.programIds.set(key, program);
    }
    return program;
  }

  /** Connections of a rule's port spec, with named ports resolved at `dst` (none when dst is external). */
  private resolveConn(spec: ConnSpec, dst: Endpoint | undefined): ConnSet {
    const space = this.space;
    const terms = (list: PortTerm[]): ConnSet => {
      const out = space.none();
      for (const t of list) {
        if ('name' in t) {
          if (dst?.type !== 'workload') continue;
          for (const port of namedPortNumbers(dst, `${t.protocol}/${t.name}`))
            out.addAll(space.range(t.protocol, port, port));
        } else out.addAll(space.range(t.protocol, t.from, t.to));
      }
      return out;
    };
    let set = spec.include === 'all' ? space.all() : terms(spec.include);
    if (spec.protocol) set = set.intersect(space.protocol(spec.protocol));
    if (spec.notProtocol) set = set.minus(space.protocol(spec.notProtocol));
    if (spec.exclude.length > 0) set = set.minus(terms(spec.exclude));
    return set;
  }

  private ruleConn(rule: CompiledRule, dst: Endpoint): ConnSet {
    if (rule.staticConn) return rule.staticConn;
    const cls = this.classOf[dst.index] as number;
    let set = rule.byClass.get(cls);
    if (!set) {
      set = this.resolveConn(rule.parsed.conn, dst);
      rule.byClass.set(cls, set);
    }
    return set;
  }

  /** Runs a direction's program for one pair; with `trace`, records every decision. */
  private run(program: Program, src: Endpoint, dst: Endpoint, start: ConnSet, trace?: TraceStep[]): ConnSet {
    if (program.tiers.length === 0) {
      trace?.push({ kind: 'not-isolated', action: 'Allow', conns: start });
      return start;
    }
    let pending = start.clone();
    const allowed = this.space.none();
    for (const { tier, policies } of program.tiers) {
      const passed = this.space.none();
      const allowedHere = this.space.none();
      for (const { rules } of policies) {
        for (const rule of rules) {
          if (rule.src && !rule.src.has(src.index)) continue;
          if (rule.dst && !rule.dst.has(dst.index)) continue;
          const conns = this.ruleConn(rule, dst);
          const action = rule.parsed.info.action;
          if (trace) {
            // Union semantics: an Allow also "decides" what earlier Allows of the tier already allowed.
            const seen =
              action === 'Allow' ? conns.intersect(pending.union(allowedHere)) : conns.intersect(pending);
            if (!seen.isEmpty() && (rule.parsed.valid || action !== 'Log'))
              trace.push({ kind: 'rule', action, conns: seen, rule: rule.parsed.info });
          }
          const m = conns.intersect(pending);
          if (m.isEmpty() || action === 'Log') continue;
          if (action === 'Allow') {
            allowed.addAll(m);
            allowedHere.addAll(m);
          } else if (action === 'Pass') passed.addAll(m);
          pending = pending.minus(m);
        }
      }
      if (!pending.isEmpty()) {
        trace?.push({ kind: 'tier-default', action: tier.defaultAction, conns: pending, tier: tier.name });
        if (tier.defaultAction === 'Pass') passed.addAll(pending);
      }
      pending = passed;
      if (pending.isEmpty()) break;
    }
    if (!pending.isEmpty()) {
      // Past the last tier, Calico's per-namespace profile allows everything, as Kubernetes does.
      trace?.push({ kind: 'profile', action: 'Allow-profile', conns: pending });
      allowed.addAll(pending);
    }
    return allowed;
  }

  private cached(direction: Direction, program: Program, src: Endpoint, dst: Endpoint): ConnSet {
    if (program.tiers.length === 0) return this.full;
    const c = this.classCount;
    const key =
      ((program.id * 2 + (direction === 'ingress' ? 1 : 0)) * c + (this.classOf[src.index] as number)) * c +
      (this.classOf[dst.index] as number);
    let set = this.evalCache.get(key);
    if (!set) {
      set = this.run(program, src, dst, this.full);
      this.evalCache.set(key, set);
    }
    return set;
  }

  /** Connections allowed from `src` to `dst`: egress at the source and ingress at the destination. */
  allowed(src: Endpoint, dst: Endpoint): ConnSet {
    const eg = this.cached('egress', this.egressProgram[src.index] as Program, src, dst);
    if (eg.isEmpty()) return eg;
    return eg.intersect(this.cached('ingress', this.ingressProgram[dst.index] as Program, src, dst));
  }

  /** Whether any policy isolates the endpoint in a direction. */
  isIsolated(e: Endpoint, direction: Direction): boolean {
    return (
      ((direction === 'ingress' ? this.ingressProgram : this.egressProgram)[e.index] as Program).tiers
        .length > 0
    );
  }

  /** Policies applying to an endpoint in a direction, in evaluation order. */
  policiesFor(e: Endpoint, direction: Direction): PolicyInfo[] {
    const program = (direction === 'ingress' ? this.ingressProgram : this.egressProgram)[e.index] as Program;
    return program.tiers.flatMap((t) => t.policies.map((p) => p.policy.parsed.info));
  }

  /** Every decision of both directions for one pair, restricted to `conns` (default: everything). */
  explain(
    src: Endpoint,
    dst: Endpoint,
    conns: ConnSet = this.full,
  ): { egress: DirectionVerdict; ingress: DirectionVerdict; allowed: ConnSet } {
    const verdict = (direction: Direction): DirectionVerdict => {
      const endpoint = direction === 'egress' ? src : dst;
      const program = (direction === 'egress' ? this.egressProgram : this.ingressProgram)[
        endpoint.index
      ] as Program;
      const steps: TraceStep[] = [];
      const allowed = this.run(program, src, dst, conns, steps);
      return {
        direction,
        endpoint,
        isolated: program.tiers.length > 0,
        policies: this.policiesFor(endpoint, direction),
        allowed,
        steps,
      };
    };
    const egress = verdict('egress');
    const ingress = verdict('ingress');
    return { egress, ingress, allowed: egress.allowed.intersect(ingress.allowed) };
  }

  /** Endpoints a source may reach at all, as a superset: the union of its Allow rules, or everyone. */
  private candidates(program: Program, side: 'src' | 'dst'): Bitset | null {
    if (program.tiers.length === 0) return null;
    const out = new Bitset(this.endpoints.length);
    for (const { tier, policies } of program.tiers) {
      if (tier.defaultAction === 'Pass') return null;
      for (const { rules } of policies) {
        for (const rule of rules) {
          const action = rule.parsed.info.action;
          // A Pass can reach the profile, which allows everything.
          if (action === 'Pass') return null;
          if (action !== 'Allow') continue;
          const set = side === 'dst' ? rule.dst : rule.src;
          if (!set) return null;
          out.or(set);
        }
      }
    }
    return out;
  }

  /**
   * Every allowed connection between two different endpoints, sorted by source then destination display
   * name. Holds every pair in memory: prefer {@link NetpolAnalysis.connectionStream} for output.
   */
  connections(): Connection[] {
    return [...this.connectionStream()];
  }

  /**
   * The connections of {@link NetpolAnalysis.connections}, in the same order, produced one at a time each
   * time the iterable is iterated: memory stays proportional to the endpoints, not to the pairs (N
   * workloads without policies have N² connections). Work is proportional to the candidate pairs that
   * Allow rules (or missing isolation) admit; verdicts are computed per equivalence class and cached.
   * Connection sets may be shared between connections and must not be modified.
   */
  connectionStream(): Iterable<Connection> {
    return { [Symbol.iterator]: () => this.connectionIterator() };
  }

  private displayOrderCache: { order: Endpoint[]; rank: Int32Array } | undefined;

  /** Endpoints sorted by display name (ties in input order), and each endpoint's position in that order. */
  private displayOrder(): { order: Endpoint[]; rank: Int32Array } {
    if (!this.displayOrderCache) {
      const order = [...this.endpoints].sort(
        (a, b) => compareText(a.display, b.display) || compareNumber(a.index, b.index),
      );
      const rank = new Int32Array(order.length);
      order.forEach((e, i) => (rank[e.index] = i));
      this.displayOrderCache = { order, rank };
    }
    return this.displayOrderCache;
  }

  /**
   * Walks the sources in display order and, for each, its candidate destinations in display order, making
   * one connection per call: nothing per pair outlives the caller's use of it, so memory is O(endpoints)
   * however many pairs there are. A plain iterator rather than a generator: the list can run to hundreds
   * of millions of rows.
   */
  private connectionIterator(): Iterator<Connection> {
    const { order } = this.displayOrder();
    // Candidate sets by program, looked up once per endpoint rather than once per pair.
    const egressCandidates = new Map<Program, Bitset | null>();
    const ingressCandidates = new Map<Program, Bitset | null>();
    const candidatesOf = (
      cache: Map<Program, Bitset | null>,
      program: Program,
      side: 'src' | 'dst',
    ): Bitset | null => {
      let set = cache.get(program);
      if (set === undefined) {
        set = this.candidates(program, side);
        cache.set(program, set);
      }
      return set;
    };
    const from = this.endpoints.map((e) =>
      candidatesOf(ingressCandidates, this.ingressProgram[e.index] as Program, 'src'),
    );
    const destinationsOf = (src: Endpoint): readonly Endpoint[] =>
      this.destinations(candidatesOf(egressCandidates, this.egressProgram[src.index] as Program, 'dst'));

    let g = 0; // next source group in `order`
    let src: Endpoint | undefined; // the source being walked, and its destinations
    let dsts: readonly Endpoint[] = [];
    let d = 0;
    let buffer: Connection[] | undefined; // a group of sources sharing a display name, merged
    let at = 0;
    const nextSource = (): boolean => {
      while (g < order.length) {
        let h = g + 1;
        while (h < order.length && (order[h] as Endpoint).display === (order[g] as Endpoint).display) h++;
        if (h - g === 1) {
          src = order[g] as Endpoint;
          dsts = destinationsOf(src);
          d = 0;
          g = h;
          return true;
        }
        // Sources sharing a display name (the same object in two files): the list was once one stable sort
        // by (source, destination) over pairs made in input order; merging this group the same way keeps
        // the bytes identical. Such groups are small.
        const rows: Connection[] = [];
        for (let i = g; i < h; i++) {
          const s = order[i] as Endpoint;
          for (const dst of destinationsOf(s)) {
            const conns = this.pairConnections(s, dst, from);
            if (conns) rows.push({ src: s, dst, conns });
          }
        }
        rows.sort((a, b) => compareText(a.dst.display, b.dst.display));
        g = h;
        if (rows.length > 0) {
          buffer = rows;
          at = 0;
          return true;
        }
      }
      return false;
    };
    return {
      next: (): IteratorResult<Connection> => {
        for (;;) {
          if (buffer) {
            if (at < buffer.length) return { done: false, value: buffer[at++] as Connection };
            buffer = undefined;
          } else if (src) {
            while (d < dsts.length) {
              const dst = dsts[d++] as Endpoint;
              const conns = this.pairConnections(src, dst, from);
              if (conns) return { done: false, value: { src, dst, conns } };
            }
            src = undefined;
          }
          if (!nextSource()) return { done: true, value: undefined };
        }
      },
    };
  }

  /** Destinations a source's candidate set admits (null: every endpoint), by display name then input order. */
  private destinations(reach: Bitset | null): readonly Endpoint[] {
    const { order, rank } = this.displayOrder();
    if (!reach) return order;
    const members: number[] = [];
    reach.forEach((i) => members.push(i));
    members.sort((a, b) => (rank[a] as number) - (rank[b] as number));
    return members.map((i) => this.endpoints[i] as Endpoint);
  }

  /** The connections of a listed pair, or undefined when the list leaves it out (itself, none allowed). */
  private pairConnections(
    src: Endpoint,
    dst: Endpoint,
    from: readonly (Bitset | null)[],
  ): ConnSet | undefined {
    if (dst === src || (src.type === 'external' && dst.type === 'external')) return undefined;
    const admits = from[dst.index];
    if (admits && !admits.has(src.index)) return undefined;
    const conns = this.allowedShared(src, dst);
    return conns.isEmpty() ? undefined : conns;
  }

  /**
   * {@link NetpolAnalysis.allowed} without copying when one direction allows everything: the result may be
   * a cached set, so callers must not modify it.
   */
  private allowedShared(src: Endpoint, dst: Endpoint): ConnSet {
    const eg = this.cached('egress', this.egressProgram[src.index] as Program, src, dst);
    if (eg.isEmpty()) return eg;
    const ing = this.cached('ingress', this.ingressProgram[dst.index] as Program, src, dst);
    if (ing === this.full) return eg;
    if (eg === this.full) return ing;
    return eg.intersect(ing);
  }

  /** The compiled rule list of a policy (for coverage). */
  ruleSets(policy: ParsedPolicy): { rule: ParsedRule; src: Bitset | null; dst: Bitset | null }[] {
    const c = this.compiled[policy.info.id] as CompiledPolicy;
    return [...c.ingress, ...c.egress].map((r) => ({ rule: r.parsed, src: r.src, dst: r.dst }));
  }

  /** Union of the connections a rule covers over a list of destinations (named ports resolved at each). */
  ruleConnections(rule: ParsedRule, destinations: readonly Endpoint[]): ConnSet {
    const out = this.space.none();
    if (destinations.length === 0) return out;
    if (!hasNamedPorts(rule.conn)) return this.resolveConn(rule.conn, destinations[0]);
    for (const d of destinations) out.addAll(this.resolveConn(rule.conn, d));
    return out;
  }

  /** Finds endpoints by `ns/name`, `ns/name[Kind]`, `Kind/ns/name`, an IP address, or `cloud-metadata`. */
  find(query: string): Endpoint[] {
    const q = query.trim();
    if (q === 'cloud-metadata' || q === 'metadata')
      return this.endpoints.filter((e) => e.type === 'external' && e.name === 'cloud-metadata');
    const address = parseAddress(q);
    if (address) {
      return this.endpoints.filter(
        (e) =>
          e.type === 'external' &&
          e.range.family === address.family &&
          e.range.start <= address.value &&
          address.value <= e.range.end,
      );
    }
    const exact = this.endpoints.filter((e) => e.display === q);
    if (exact.length > 0) return exact;
    const kindFirst = /^([A-Za-z]+)\/([^/]+)\/([^/]+)$/.exec(q);
    if (kindFirst)
      return this.workloads.filter(
        (w) =>
          w.kind.toLowerCase() === kindFirst[1]!.toLowerCase() &&
          w.namespace === kindFirst[2] &&
          w.name === kindFirst[3],
      );
    const nsName = /^([^/]+)\/([^/[]+)$/.exec(q);
    if (nsName) return this.workloads.filter((w) => w.namespace === nsName[1] && w.name === nsName[2]);
    return this.workloads.filter((w) => w.name === q);
  }
}

/** Addresses actually contained in the IPv4 space, split at every boundary of the given ranges. */
function externalPartition(ranges: readonly IpRange[]): IpRange[] {
  const out: IpRange[] = [];
  for (const family of [4, 6] as const) {
    const mine = ranges.filter((r) => r.family === family);
    // IPv6 space appears only when some policy names an IPv6 range.
    if (family === 6 && mine.length === 0) continue;
    const u = universe(family);
    const cuts = new Set<bigint>([u.start]);
    for (const r of mine) {
      cuts.add(r.start);
      if (r.end < u.end) cuts.add(r.end + 1n);
    }
    const sorted = [...cuts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    sorted.forEach((start, i) => {
      const next = sorted[i + 1];
      out.push({ family, start, end: next === undefined ? u.end : next - 1n });
    });
  }
  return out;
}

function hasNamedPorts(spec: ConnSpec): boolean {
  const named = (list: PortTerm[]): boolean => list.some((t) => 'name' in t);
  return (spec.include !== 'all' && named(spec.include)) || named(spec.exclude);
}

/** Ports a named port (`TCP/http`) resolves to on a workload's containers. */
function namedPortNumbers(e: Endpoint, key: string): number[] {
  if (e.type !== 'workload') return [];
  const slash = key.indexOf('/');
  const protocol = key.slice(0, slash);
  const name = key.slice(slash + 1);
  return [
    ...new Set(e.ports.filter((p) => p.name === name && p.protocol === protocol).map((p) => p.port)),
  ].sort((a, b) => a - b);
}

function policySortKey(r: Resource): string {
  return `${r.kind}|${r.apiVersion}|${r.namespace ?? ''}|${r.name}|${r.source.file}|${String(r.source.docIndex).padStart(6, '0')}`;
}

function calicoSortName(p: PolicyInfo): string {
  // Calico names Kubernetes policies knp.default.<name> inside the default tier.
  return p.kind === 'NetworkPolicy'
    ? `${p.namespace}/knp.default.${p.name}`
    : `${p.namespace ?? ''}/${p.name}`;
}

/** Code-unit order, independent of locale. */
export const compareText: (a: string, b: string) => number = compare;

function compareNumber(a: number, b: number): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

/** Analyses resources (any kinds; the relevant ones are picked out). */
export function analyzeNetpol(
  resources: readonly Resource[] | ResourceIndex,
  options: NetpolOptions = {},
): NetpolAnalysis {
  return new NetpolAnalysis(resources, options);
}
