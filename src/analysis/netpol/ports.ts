/** Protocols whose traffic is described by destination port ranges. */
export const PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'] as const;

/** A protocol with ports. */
export type PortProtocol = (typeof PORT_PROTOCOLS)[number];

/** Lowest and highest port a connection set distinguishes (port 0 is not a connectable port). */
export const MIN_PORT = 1;
export const MAX_PORT = 65535;

/** An inclusive range of ports of one protocol. */
export interface PortRange {
  protocol: PortProtocol;
  from: number;
  to: number;
}

/**
 * The partition of all traffic into equivalence classes ("atoms") that no policy tells apart: for each
 * port protocol, the port axis is cut at every boundary any policy or named port mentions, and every other
 * protocol a Calico rule names gets its own atom, with one last atom for every protocol nobody names. A
 * connection set is then a bit set over atoms, so union, intersection and difference are word operations
 * instead of interval arithmetic repeated for every pair of endpoints.
 */
export class PortSpace {
  /** Start port of each port atom (ascending); atom i covers starts[i]..starts[i+1]-1. */
  readonly starts: number[];
  /** Named non-port protocols (ICMP, ICMPv6, UDPLite, `47`…), each one atom. */
  readonly others: string[];
  readonly bits: number;
  readonly words: number;
  private readonly otherIndex = new Map<string, number>();

  constructor(boundaries: Iterable<number>, otherProtocols: Iterable<string>) {
    const cuts = new Set<number>([MIN_PORT]);
    for (const b of boundaries) if (b > MIN_PORT && b <= MAX_PORT) cuts.add(b);
    this.starts = [...cuts].sort((a, b) => a - b);
    this.others = [...new Set(otherProtocols)].sort(compareProtocolNames);
    this.others.forEach((p, i) => this.otherIndex.set(p, i));
    // 3 port protocols × atoms, then named other protocols, then one atom for all remaining protocols.
    this.bits = PORT_PROTOCOLS.length * this.starts.length + this.others.length + 1;
    this.words = Math.ceil(this.bits / 32);
  }

  private atomOf(port: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] as number) <= port) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private protocolBase(protocol: PortProtocol): number {
    return PORT_PROTOCOLS.indexOf(protocol) * this.starts.length;
  }

  /** The empty set. */
  none(): ConnSet {
    return new ConnSet(this, new Uint32Array(this.words));
  }

  /** Every protocol and port. */
  all(): ConnSet {
    const set = this.none();
    for (let i = 0; i < this.bits; i++) set.words[i >> 5]! |= 1 << (i & 31);
    return set;
  }

  /**
   * A port range of one protocol. The range must align with atom boundaries, which holds for every range
   * that was given to the constructor as `from` and `to + 1`.
   */
  range(protocol: PortProtocol, from = MIN_PORT, to = MAX_PORT): ConnSet {
    const set = this.none();
    const base = this.protocolBase(protocol);
    const first = this.atomOf(Math.max(from, MIN_PORT));
    const last = this.atomOf(Math.min(to, MAX_PORT));
    for (let a = first; a <= last; a++) set.setBit(base + a);
    return set;
  }

  /** All traffic of a protocol named by Calico (a port protocol means all its ports). */
  protocol(name: string): ConnSet {
    const canonical = canonicalProtocol(name);
    if ((PORT_PROTOCOLS as readonly string[]).includes(canonical))
      return this.range(canonical as PortProtocol);
    const index = this.otherIndex.get(canonical);
    const set = this.none();
    set.setBit(index === undefined ? this.bits - 1 : PORT_PROTOCOLS.length * this.starts.length + index);
    return set;
  }

  /** Every port protocol, every port (what a port list without protocol restriction means in Calico). */
  allPortProtocols(): ConnSet {
    const set = this.none();
    for (let i = 0; i < PORT_PROTOCOLS.length * this.starts.length; i++) set.setBit(i);
    return set;
  }

  /** Decodes a set into sorted port ranges and other protocol names. */
  describe(set: ConnSet): { ranges: PortRange[]; others: string[]; rest: boolean } {
    const ranges: PortRange[] = [];
    const n = this.starts.length;
    PORT_PROTOCOLS.forEach((protocol, p) => {
      let open: PortRange | undefined;
      for (let a = 0; a < n; a++) {
        const from = this.starts[a] as number;
        const to = a + 1 < n ? (this.starts[a + 1] as number) - 1 : MAX_PORT;
        if (set.hasBit(p * n + a)) {
          if (open) open.to = to;
          else {
            open = { protocol, from, to };
            ranges.push(open);
          }
        } else open = undefined;
      }
    });
    const others = this.others.filter((_, i) => set.hasBit(PORT_PROTOCOLS.length * n + i));
    return { ranges, others, rest: set.hasBit(this.bits - 1) };
  }

  /**
   * netpol-analyzer's connection text: `All Connections`, `No Connections`, or protocols in name order,
   * each followed by its ports (`SCTP 9003,TCP 80-90,8080,UDP 53`).
   */
  format(set: ConnSet): string {
    if (set.isEmpty()) return 'No Connections';
    if (set.isFull()) return 'All Connections';
    const { ranges, others, rest } = this.describe(set);
    const parts: { name: string; text: string }[] = [];
    for (const protocol of PORT_PROTOCOLS) {
      const mine = ranges.filter((r) => r.protocol === protocol);
      if (mine.length === 0) continue;
      const ports = mine.map((r) => (r.from === r.to ? `${r.from}` : `${r.from}-${r.to}`)).join(',');
      parts.push({ name: protocol, text: `${protocol} ${ports}` });
    }
    for (const other of others)
      parts.push({ name: other, text: /^\d+$/.test(other) ? `protocol ${other}` : other });
    parts.sort((a, b) => compareProtocolNames(a.name, b.name));
    if (rest) parts.push({ name: '~', text: 'other protocols' });
    return parts.map((p) => p.text).join(',');
  }
}

/** Protocol names in output order: alphabetical by name, numbered protocols last by number. */
function compareProtocolNames(a: string, b: string): number {
  const an = /^\d+$/.test(a);
  const bn = /^\d+$/.test(b);
  if (an !== bn) return an ? 1 : -1;
  if (an && bn) return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Calico protocol names and their IANA numbers; numbers of known protocols are read as names. */
const PROTOCOL_NUMBERS: Readonly<Record<string, string>> = {
  '1': 'ICMP',
  '6': 'TCP',
  '17': 'UDP',
  '58': 'ICMPv6',
  '132': 'SCTP',
  '136': 'UDPLite',
};

const PROTOCOL_NAMES: Readonly<Record<string, string>> = {
  tcp: 'TCP',
  udp: 'UDP',
  sctp: 'SCTP',
  icmp: 'ICMP',
  icmpv6: 'ICMPv6',
  udplite: 'UDPLite',
};

/** Canonical spelling of a protocol given as a Calico name or number; undefined when not a protocol. */
export function canonicalProtocol(value: string | number): string {
  const text = String(value).trim();
  if (/^\d+$/.test(text)) return PROTOCOL_NUMBERS[String(Number(text))] ?? String(Number(text));
  return PROTOCOL_NAMES[text.toLowerCase()] ?? text;
}

/** True when the value names a protocol Calico accepts (a known name, or a number 1–255). */
export function isValidProtocol(value: string | number): boolean {
  const text = String(value).trim();
  if (/^\d+$/.test(text)) return Number(text) >= 1 && Number(text) <= 255;
  return PROTOCOL_NAMES[text.toLowerCase()] !== undefined;
}

/** A set of connections (protocols × ports) over a {@link PortSpace}. */
export class ConnSet {
  constructor(
    readonly space: PortSpace,
    readonly words: Uint32Array,
  ) {}

  setBit(i: number): void {
    this.words[i >> 5]! |= 1 << (i & 31);
  }

  hasBit(i: number): boolean {
    return ((this.words[i >> 5] as number) & (1 << (i & 31))) !== 0;
  }

  clone(): ConnSet {
    return new ConnSet(this.space, this.words.slice());
  }

  isEmpty(): boolean {
    for (const w of this.words) if (w !== 0) return false;
    return true;
  }

  isFull(): boolean {
    const full = this.space.all();
    return this.equals(full);
  }

  equals(other: ConnSet): boolean {
    for (let i = 0; i < this.words.length; i++) if (this.words[i] !== other.words[i]) return false;
    return true;
  }

  /** Whether every connection of `other` is in this set. */
  contains(other: ConnSet): boolean {
    for (let i = 0; i < this.words.length; i++) {
      const o = other.words[i] as number;
      if (((this.words[i] as number) & o) >>> 0 !== o >>> 0) return false;
    }
    return true;
  }

  union(other: ConnSet): ConnSet {
    const out = this.clone();
    for (let i = 0; i < out.words.length; i++) out.words[i]! |= other.words[i] as number;
    return out;
  }

  intersect(other: ConnSet): ConnSet {
    const out = this.clone();
    for (let i = 0; i < out.words.length; i++) out.words[i]! &= other.words[i] as number;
    return out;
  }

  minus(other: ConnSet): ConnSet {
    const out = this.clone();
    for (let i = 0; i < out.words.length; i++) out.words[i]! &= ~(other.words[i] as number);
    return out;
  }

  /** In-place union (for accumulation loops). */
  addAll(other: ConnSet): void {
    for (let i = 0; i < this.words.length; i++) this.words[i]! |= other.words[i] as number;
  }

  /** Stable text key of the set, for caching. */
  key(): string {
    return Array.from(this.words, (w) => w.toString(36)).join('.');
  }

  toString(): string {
    return this.space.format(this);
  }
}
