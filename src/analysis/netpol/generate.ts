import { dump } from 'js-yaml';
import type { JsonObject, JsonValue } from '../../model/types.js';
import { compareText, METADATA_ADDRESS, type NetpolAnalysis } from './analysis.js';
import { parseAddress, rangeToCidrs, type IpRange } from './ip.js';
import { CALICO_NAME_LABEL, NAMESPACE_NAME_LABEL } from './policies.js';
import { MAX_PORT, MIN_PORT, PORT_PROTOCOLS, type PortProtocol, type PortRange } from './ports.js';
import type { Endpoint, NetpolNote, WorkloadEndpoint } from './types.js';

/** Namespaces `generate default-deny` leaves alone unless named explicitly. */
export const SYSTEM_NAMESPACES = ['kube-system', 'kube-public', 'kube-node-lease'];

/** Options of the generators. */
export interface GenerateOptions {
  /** Emit Calico projectcalico.org/v3 NetworkPolicies instead of Kubernetes ones. */
  calico: boolean;
  /** Namespace and labels of the cluster DNS pods that every namespace keeps reaching on port 53. */
  dnsNamespace: string;
  dnsLabels: Record<string, string>;
}

/** Default generator options: kube-dns in kube-system (`k8s-app: kube-dns`, also used by CoreDNS). */
export const DEFAULT_GENERATE_OPTIONS: GenerateOptions = {
  calico: false,
  dnsNamespace: 'kube-system',
  dnsLabels: { 'k8s-app': 'kube-dns' },
};

const METADATA_CIDR = `${METADATA_ADDRESS}/32`;

function calicoSelector(labels: Record<string, string>): string {
  const keys = Object.keys(labels).sort(compareText);
  if (keys.length === 0) return 'all()';
  return keys.map((k) => `${k} == '${labels[k]}'`).join(' && ');
}

function kubernetesDefaultDeny(namespace: string, o: GenerateOptions): JsonObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'default-deny', namespace },
    spec: {
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
      // Isolates every pod both ways; DNS stays reachable, and 169.254.169.254 stays blocked because no rule
      // allows it.
      egress: [
        {
          to: [
            {
              namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: o.dnsNamespace } },
              podSelector: { matchLabels: { ...o.dnsLabels } },
            },
          ],
          ports: [
            { protocol: 'UDP', port: 53 },
            { protocol: 'TCP', port: 53 },
          ],
        },
      ],
    },
  };
}

function calicoDnsDestination(o: GenerateOptions): JsonObject {
  return {
    selector: calicoSelector(o.dnsLabels),
    namespaceSelector: `${CALICO_NAME_LABEL} == '${o.dnsNamespace}'`,
    ports: [53],
  };
}

function calicoDefaultDeny(namespace: string, o: GenerateOptions): JsonObject {
  return {
    apiVersion: 'projectcalico.org/v3',
    kind: 'NetworkPolicy',
    metadata: { name: 'default-deny', namespace },
    spec: {
      // Low order: the metadata Deny comes before any allow policy of the default tier; with no rule left,
      // the tier's end denies everything else.
      order: 100,
      selector: 'all()',
      types: ['Ingress', 'Egress'],
      egress: [
        { action: 'Deny', destination: { nets: [METADATA_CIDR] } },
        { action: 'Allow', protocol: 'UDP', destination: calicoDnsDestination(o) },
        { action: 'Allow', protocol: 'TCP', destination: calicoDnsDestination(o) },
      ],
    },
  };
}

/** A YAML stream of objects, `---`-separated, deterministic. */
export function toYamlStream(objects: readonly JsonValue[], header?: string): string {
  const docs = objects.map((o) => dump(o, { lineWidth: -1, noRefs: true }));
  return (header ? `# ${header}\n` : '') + docs.join('---\n');
}

/** Default-deny policies (ingress and egress, DNS egress kept, metadata blocked) for each namespace. */
export function generateDefaultDeny(namespaces: readonly string[], options: GenerateOptions): JsonObject[] {
  return [...new Set(namespaces)]
    .sort(compareText)
    .map((ns) => (options.calico ? calicoDefaultDeny(ns, options) : kubernetesDefaultDeny(ns, options)));
}

/** One intended connection, as read from a connection list. */
export interface IntendedConnection {
  src: Endpoint;
  dst: Endpoint;
  ranges: PortRange[];
  /** True for `All Connections`. */
  all: boolean;
  line: number;
}

/**
 * Reads intended connections in netpol-analyzer's txt format (`src => dst : TCP 80,UDP 53`, or `All
 * Connections`; `#` starts a comment), resolving endpoints against the analysis. Errors carry the line.
 */
export function parseConnectionList(
  analysis: NetpolAnalysis,
  text: string,
  file: string,
): { connections: IntendedConnection[]; notes: NetpolNote[] } {
  const connections: IntendedConnection[] = [];
  const notes: NetpolNote[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') return;
    const location = { file, line: i + 1, column: 1 };
    const m = /^(\S+)\s*=>\s*(\S+)\s*:\s*(.+)$/.exec(line);
    if (!m) {
      notes.push({
        level: 'error',
        message: `expected "src => dst : connections", got ${JSON.stringify(line)}`,
        location,
      });
      return;
    }
    const ends: Endpoint[] = [];
    for (const text of [m[1] as string, m[2] as string]) {
      const found = resolveEndpoint(analysis, text);
      if (typeof found === 'string') notes.push({ level: 'error', message: found, location });
      else ends.push(found);
    }
    const conns = parseConnText(m[3] as string);
    if (typeof conns === 'string') notes.push({ level: 'error', message: conns, location });
    if (ends.length !== 2 || typeof conns === 'string') return;
    connections.push({ src: ends[0] as Endpoint, dst: ends[1] as Endpoint, ...conns, line: i + 1 });
  });
  return { connections, notes };
}

function resolveEndpoint(analysis: NetpolAnalysis, text: string): Endpoint | string {
  const external = /^(.+)-(.+)\[External\]$/.exec(text);
  if (external) {
    const a = parseAddress(external[1] as string);
    const b = parseAddress(external[2] as string);
    if (!a || !b || a.family !== b.family || a.value > b.value) return `not an address range: ${text}`;
    // A range of the user's own choosing becomes a synthetic endpoint; it needs no policy of its own.
    return {
      type: 'external',
      index: -1,
      display: text,
      range: { family: a.family, start: a.value, end: b.value },
    };
  }
  const found = analysis.find(text);
  if (found.length === 0) return `no workload ${text} in the input`;
  if (found.length > 1) return `${text} is ambiguous: ${found.map((e) => e.display).join(', ')}`;
  return found[0] as Endpoint;
}

function parseConnText(text: string): { ranges: PortRange[]; all: boolean } | string {
  const t = text.trim();
  if (t === 'All Connections') return { ranges: [], all: true };
  const ranges: PortRange[] = [];
  let protocol: PortProtocol | undefined;
  for (const part of t.split(',')) {
    const item = part.trim();
    const m = /^(?:(TCP|UDP|SCTP)\s+)?(\d+)(?:-(\d+))?$/i.exec(item);
    if (!m)
      return `cannot read ports ${JSON.stringify(item)} (expected e.g. "TCP 80,443,UDP 53" or "All Connections")`;
    if (m[1]) protocol = m[1].toUpperCase() as PortProtocol;
    if (!protocol) return `ports ${JSON.stringify(item)} need a protocol first (TCP, UDP or SCTP)`;
    const from = Number(m[2]);
    const to = m[3] ? Number(m[3]) : from;
    if (from < MIN_PORT || to > MAX_PORT || to < from) return `invalid port range ${item}`;
    ranges.push({ protocol, from, to });
  }
  return { ranges, all: false };
}

interface PeerGroup {
  peer: Endpoint;
  ranges: PortRange[];
  all: boolean;
}

function mergeGroups(
  connections: readonly IntendedConnection[],
  key: (c: IntendedConnection) => Endpoint,
): PeerGroup[] {
  const byPeer = new Map<string, PeerGroup>();
  for (const c of connections) {
    const peer = key(c);
    const group = byPeer.get(peer.display) ?? { peer, ranges: [], all: false };
    group.all ||= c.all;
    // A loop, not push(...ranges): one line of the list may name more ports than the stack holds arguments.
    for (const r of c.ranges) group.ranges.push(r);
    byPeer.set(peer.display, group);
  }
  return [...byPeer.values()].sort((a, b) => compareText(a.peer.display, b.peer.display));
}

function sortedRanges(ranges: readonly PortRange[]): PortRange[] {
  const seen = new Set<string>();
  return [...ranges]
    .sort((a, b) => compareText(a.protocol, b.protocol) || a.from - b.from || a.to - b.to)
    .filter((r) => {
      const k = `${r.protocol}/${r.from}/${r.to}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
}

function excludesMetadata(range: IpRange): string[] {
  const metadata = parseAddress(METADATA_ADDRESS);
  if (!metadata || range.family !== 4 || metadata.value < range.start || metadata.value > range.end)
    return [];
  return [METADATA_CIDR];
}

function kubernetesPeers(policyNamespace: string, peer: Endpoint): JsonObject[] {
  if (peer.type === 'workload') {
    const out: JsonObject = {};
    if (peer.namespace !== policyNamespace)
      out.namespaceSelector = { matchLabels: { [NAMESPACE_NAME_LABEL]: peer.namespace } };
    out.podSelector = { matchLabels: { ...peer.labels } };
    return [out];
  }
  return rangeToCidrs(peer.range).map((cidr) => {
    const sub = parseCidrRange(cidr);
    const except = sub ? excludesMetadata(sub) : [];
    const block: JsonObject = except.length > 0 && cidr !== METADATA_CIDR ? { cidr, except } : { cidr };
    return { ipBlock: block };
  });
}

function parseCidrRange(cidr: string): IpRange | undefined {
  const [addr, bits] = cidr.split('/');
  const a = parseAddress(addr ?? '');
  if (!a) return undefined;
  const width = a.family === 4 ? 32 : 128;
  const host = BigInt(width - Number(bits));
  return { family: a.family, start: a.value, end: a.value + (1n << host) - 1n };
}

function kubernetesPorts(group: PeerGroup): JsonObject[] | undefined {
  if (group.all) return undefined;
  return sortedRanges(group.ranges).map((r) => ({
    protocol: r.protocol,
    port: r.from,
    ...(r.to !== r.from ? { endPort: r.to } : {}),
  }));
}

function calicoEntity(policyNamespace: string, peer: Endpoint): JsonObject {
  if (peer.type === 'workload') {
    return {
      selector: calicoSelector(peer.labels),
      ...(peer.namespace !== policyNamespace
        ? { namespaceSelector: `${CALICO_NAME_LABEL} == '${peer.namespace}'` }
        : {}),
    };
  }
  const except = excludesMetadata(peer.range);
  return { nets: rangeToCidrs(peer.range), ...(except.length > 0 ? { notNets: except } : {}) };
}

function calicoRules(
  policyNamespace: string,
  group: PeerGroup,
  side: 'source' | 'destination',
): JsonObject[] {
  const entity = calicoEntity(policyNamespace, group.peer);
  if (group.all) return [{ action: 'Allow', [side]: entity }];
  const rules: JsonObject[] = [];
  for (const protocol of PORT_PROTOCOLS) {
    const mine = sortedRanges(group.ranges).filter((r) => r.protocol === protocol);
    if (mine.length === 0) continue;
    const ports = mine.map((r) => (r.from === r.to ? r.from : `${r.from}:${r.to}`));
    rules.push(
      side === 'source'
        ? { action: 'Allow', protocol, source: entity, destination: { ports } }
        : { action: 'Allow', protocol, destination: { ...entity, ports } },
    );
  }
  return rules;
}

/**
 * Least-privilege policies from intended connections: per workload, one ingress policy admitting exactly
 * its listed sources and ports and one egress policy reaching exactly its listed destinations; plus a
 * default deny (DNS kept, metadata blocked) in every namespace involved. Connections to the metadata
 * address are refused with a note.
 */
export function generateFromConnections(
  intended: readonly IntendedConnection[],
  options: GenerateOptions,
  analysis: NetpolAnalysis,
): { objects: JsonObject[]; notes: NetpolNote[] } {
  const notes: NetpolNote[] = [];
  const usable = intended.filter((c) => {
    if (
      c.dst.type === 'external' &&
      excludesMetadata(c.dst.range).length > 0 &&
      c.dst.range.start === c.dst.range.end
    ) {
      notes.push({
        level: 'warning',
        message: `line ${c.line}: connections to the cloud metadata address ${METADATA_ADDRESS} are not generated; it stays blocked`,
      });
      return false;
    }
    if (c.src.type === 'external' && c.dst.type === 'external') {
      notes.push({
        level: 'warning',
        message: `line ${c.line}: both ends are external; no policy can express that`,
      });
      return false;
    }
    return true;
  });
  const workloads = new Map<string, WorkloadEndpoint>();
  for (const c of usable)
    for (const e of [c.src, c.dst]) if (e.type === 'workload') workloads.set(e.display, e);
  const objects: JsonObject[] = generateDefaultDeny(
    [...workloads.values()].map((w) => w.namespace),
    options,
  );
  for (const w of [...workloads.values()].sort((a, b) => compareText(a.display, b.display))) {
    if (Object.keys(w.labels).length === 0) {
      notes.push({
        level: 'error',
        message: `${w.display} has no pod template labels; no policy can select it alone`,
      });
      continue;
    }
    const twins = analysis.workloads.filter(
      (o) =>
        o !== w &&
        o.namespace === w.namespace &&
        Object.entries(w.labels).every(([k, v]) => o.labels[k] === v),
    );
    if (twins.length > 0)
      notes.push({
        level: 'warning',
        message: `the labels of ${w.display} also select ${twins.map((t) => t.display).join(', ')}`,
      });
    const ingress = mergeGroups(
      usable.filter((c) => c.dst === w),
      (c) => c.src,
    );
    const egress = mergeGroups(
      usable.filter((c) => c.src === w),
      (c) => c.dst,
    );
    for (const [direction, groups] of [
      ['ingress', ingress],
      ['egress', egress],
    ] as const) {
      if (groups.length === 0) continue;
      const name = `allow-${direction}-${w.name}`.slice(0, 253);
      if (options.calico) {
        objects.push({
          apiVersion: 'projectcalico.org/v3',
          kind: 'NetworkPolicy',
          metadata: { name, namespace: w.namespace },
          spec: {
            order: 1000,
            selector: calicoSelector(w.labels),
            types: [direction === 'ingress' ? 'Ingress' : 'Egress'],
            [direction]: groups.flatMap((g) =>
              calicoRules(w.namespace, g, direction === 'ingress' ? 'source' : 'destination'),
            ),
          },
        });
      } else {
        objects.push({
          apiVersion: 'networking.k8s.io/v1',
          kind: 'NetworkPolicy',
          metadata: { name, namespace: w.namespace },
          spec: {
            podSelector: { matchLabels: { ...w.labels } },
            policyTypes: [direction === 'ingress' ? 'Ingress' : 'Egress'],
            [direction]: groups.map((g) => {
              const ports = kubernetesPorts(g);
              return {
                [direction === 'ingress' ? 'from' : 'to']: kubernetesPeers(w.namespace, g.peer),
                ...(ports ? { ports } : {}),
              };
            }),
          },
        });
      }
    }
  }
  return { objects, notes };
}
