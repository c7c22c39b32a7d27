/** An inclusive range of addresses of one IP family, as integers. */
export interface IpRange {
  family: 4 | 6;
  start: bigint;
  end: bigint;
}

const V4_MAX = (1n << 32n) - 1n;
const V6_MAX = (1n << 128n) - 1n;

/** The whole address space of a family. */
export function universe(family: 4 | 6): IpRange {
  return { family, start: 0n, end: family === 4 ? V4_MAX : V6_MAX };
}

function parseV4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = (value << 8n) | BigInt(Number(part));
  }
  return value;
}

function parseV6(text: string): bigint | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(text)) return undefined;
  let head = text;
  let tail = '';
  const double = text.indexOf('::');
  if (double !== -1) {
    if (text.indexOf('::', double + 1) !== -1) return undefined;
    head = text.slice(0, double);
    tail = text.slice(double + 2);
  }
  const groups = (s: string): number[] | undefined => {
    if (s === '') return [];
    const out: number[] = [];
    const items = s.split(':');
    for (let i = 0; i < items.length; i++) {
      const item = items[i] as string;
      if (i === items.length - 1 && item.includes('.')) {
        const v4 = parseV4(item);
        if (v4 === undefined) return undefined;
        out.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      } else if (/^[0-9a-fA-F]{1,4}$/.test(item)) out.push(parseInt(item, 16));
      else return undefined;
    }
    return out;
  };
  const h = groups(head);
  const t = groups(tail);
  if (!h || !t) return undefined;
  const missing = 8 - h.length - t.length;
  if ((double === -1 && missing !== 0) || (double !== -1 && missing < 1)) return undefined;
  const all = [...h, ...Array<number>(double === -1 ? 0 : missing).fill(0), ...t];
  let value = 0n;
  for (const g of all) value = (value << 16n) | BigInt(g);
  return value;
}

/** Parses an address (`10.0.0.1`, `fd00::1`); undefined when it is not one. */
export function parseAddress(text: string): { family: 4 | 6; value: bigint } | undefined {
  const v4 = parseV4(text);
  if (v4 !== undefined) return { family: 4, value: v4 };
  const v6 = text.includes(':') ? parseV6(text) : undefined;
  return v6 === undefined ? undefined : { family: 6, value: v6 };
}

/**
 * Parses a CIDR (`10.0.0.0/8`; a bare address counts as a host route) into its range. Host bits set below
 * the prefix are ignored, as the API server's parser does for NetworkPolicy ipBlocks.
 */
export function parseCidr(text: string): IpRange | undefined {
  const slash = text.indexOf('/');
  const address = parseAddress(slash === -1 ? text : text.slice(0, slash));
  if (!address) return undefined;
  const bits = address.family === 4 ? 32 : 128;
  const prefixText = slash === -1 ? String(bits) : text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > bits) return undefined;
  const hostBits = BigInt(bits - prefix);
  const start = (address.value >> hostBits) << hostBits;
  return { family: address.family, start, end: start + (1n << hostBits) - 1n };
}

/** Formats an address in its family's usual notation (IPv6 compressed). */
export function formatAddress(family: 4 | 6, value: bigint): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 255n)).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn));
  // Compress the longest run of two or more zero groups.
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart === -1) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

/** `start-end`, netpol-analyzer's notation for an address range. */
export function formatRange(range: IpRange): string {
  return `${formatAddress(range.family, range.start)}-${formatAddress(range.family, range.end)}`;
}

/** Whether `inner` lies inside `outer`. */
export function rangeContains(outer: IpRange, inner: IpRange): boolean {
  return outer.family === inner.family && outer.start <= inner.start && inner.end <= outer.end;
}

/** The smallest list of CIDRs covering exactly a range. */
export function rangeToCidrs(range: IpRange): string[] {
  const bits = range.family === 4 ? 32 : 128;
  const out: string[] = [];
  let start = range.start;
  while (start <= range.end) {
    let size = 0;
    // Grow the block while it stays aligned and inside the range.
    while (size < bits) {
      const next = size + 1;
      const blockSize = 1n << BigInt(next);
      if (start % blockSize !== 0n || start + blockSize - 1n > range.end) break;
      size = next;
    }
    out.push(`${formatAddress(range.family, start)}/${bits - size}`);
    start += 1n << BigInt(size);
  }
  return out;
}
