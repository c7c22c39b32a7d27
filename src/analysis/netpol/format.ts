import type { Connection, DirectionVerdict } from './analysis.js';
import { compareText } from './analysis.js';
import type { ConnSet } from './ports.js';
import type { Endpoint, NetpolNote, RuleInfo } from './types.js';
import { csvField, escapeText, markdownCell } from '../../report/escape.js';

/** Output formats of `kubeward netpol list`. */
export const LIST_FORMATS = ['txt', 'json', 'csv', 'md', 'dot'] as const;

/** An output format of `kubeward netpol list`. */
export type ListFormat = (typeof LIST_FORMATS)[number];

// Escaped first, so that a DOT file shown in a terminal is as safe as the text formats.
function dotString(text: string): string {
  return `"${escapeText(text).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** One connection as the list formats print it. */
interface Row {
  src: string;
  dst: string;
  conn: string;
}

/** Bytes gathered before a piece of the list is handed to the writer. */
const CHUNK_SIZE = 1 << 16;

/**
 * Formats the connection list. `txt`, `csv`, `md` and `json` follow netpol-analyzer's connlist formats
 * (`src => dst : conns`, sorted by source then destination) so that the two tools can be diffed. Names
 * from the input go through {@link escapeText} in every format but `json`; `md` cells also escape `|`,
 * `csv` fields are guarded against spreadsheet formulas.
 */
export function formatConnections(connections: Iterable<Connection>, format: ListFormat): string {
  let out = '';
  for (const piece of formatConnectionStream(connections, format)) out += piece;
  return out;
}

/**
 * {@link formatConnections} in pieces of about 64 KiB, so that a list of millions of connections is written
 * as it is produced instead of being held whole. `dot` declares every node before the first edge, so it
 * iterates `connections` twice (pass a re-iterable such as `NetpolAnalysis.connectionStream()`).
 */
export function* formatConnectionStream(
  connections: Iterable<Connection>,
  format: ListFormat,
): Generator<string> {
  if (format === 'dot') {
    yield* formatDot(connections);
    return;
  }
  // Connection sets are shared between pairs, and runs of one set are common; print each one once.
  const connText = new WeakMap<ConnSet, string>();
  let lastSet: ConnSet | undefined;
  let lastText = '';
  const rowOf = (c: Connection): Row => {
    if (c.conns !== lastSet) {
      lastSet = c.conns;
      let text = connText.get(c.conns);
      if (text === undefined) {
        text = c.conns.toString();
        connText.set(c.conns, text);
      }
      lastText = text;
    }
    return { src: c.src.display, dst: c.dst.display, conn: lastText };
  };
  const line = LINE[format];
  let chunk = HEADER[format];
  let first = true;
  for (const c of connections) {
    chunk += line(rowOf(c), first);
    first = false;
    if (chunk.length >= CHUNK_SIZE) {
      yield chunk;
      chunk = '';
    }
  }
  if (format === 'json') chunk += first ? '[]\n' : '\n]\n';
  if (chunk) yield chunk;
}

/** Text before the first row. */
const HEADER: Record<Exclude<ListFormat, 'dot'>, string> = {
  txt: '',
  // JSON opens its array with the first row, as an empty list prints `[]`.
  json: '',
  csv: 'src,dst,conn\n',
  md: '| src | dst | conn |\n|-----|-----|------|\n',
};

/** One row of each format; `json` rows are what `JSON.stringify(rows, null, 2)` prints for them. */
const LINE: Record<Exclude<ListFormat, 'dot'>, (r: Row, first: boolean) => string> = {
  txt: (r) => `${escapeText(r.src)} => ${escapeText(r.dst)} : ${escapeText(r.conn)}\n`,
  json: (r, first) =>
    `${first ? '[\n' : ',\n'}  {\n    "src": ${JSON.stringify(r.src)},\n    "dst": ${JSON.stringify(r.dst)},\n    "conn": ${JSON.stringify(r.conn)}\n  }`,
  csv: (r) => `${csvField(r.src)},${csvField(r.dst)},${csvField(r.conn)}\n`,
  md: (r) => `| ${markdownCell(r.src)} | ${markdownCell(r.dst)} | ${markdownCell(r.conn)} |\n`,
};

function* formatDot(connections: Iterable<Connection>): Generator<string> {
  const nodes = new Map<string, Endpoint>();
  for (const c of connections) {
    nodes.set(c.src.display, c.src);
    nodes.set(c.dst.display, c.dst);
  }
  const byNamespace = new Map<string, Endpoint[]>();
  const external: Endpoint[] = [];
  for (const e of [...nodes.values()].sort((a, b) => compareText(a.display, b.display))) {
    if (e.type === 'workload') {
      const list = byNamespace.get(e.namespace) ?? [];
      list.push(e);
      byNamespace.set(e.namespace, list);
    } else external.push(e);
  }
  const lines = ['digraph {'];
  for (const ns of [...byNamespace.keys()].sort(compareText)) {
    lines.push(`\tsubgraph ${dotString(`cluster_${ns}`)} {`);
    for (const e of byNamespace.get(ns) ?? []) {
      const label = e.type === 'workload' ? `${e.name}[${e.kind}]` : e.display;
      lines.push(`\t\t${dotString(e.display)} [label=${dotString(label)} color="blue" fontcolor="blue"]`);
    }
    lines.push(`\t\tlabel=${dotString(ns)}`, '\t}');
  }
  for (const e of external)
    lines.push(`\t${dotString(e.display)} [label=${dotString(e.display)} color="red2" fontcolor="red2"]`);
  let chunk = lines.join('\n') + '\n';
  for (const c of connections) {
    chunk += `\t${dotString(c.src.display)} -> ${dotString(c.dst.display)} [label=${dotString(c.conns.toString())} color="gold2" fontcolor="darkgreen"]\n`;
    if (chunk.length >= CHUNK_SIZE) {
      yield chunk;
      chunk = '';
    }
  }
  yield chunk + '}\n';
}

/** `file:line` of a location. */
export function where(location: { file: string; line: number }): string {
  return `${location.file}:${location.line}`;
}

/** How a rule is named in explanations: `NetworkPolicy shop/web ingress rule 1 (file:line)`. */
export function describeRule(rule: RuleInfo): string {
  return `${rule.policy.label} ${rule.direction} rule ${rule.index + 1} (${where(rule.location)})`;
}

/** The result of `explain` for one pair, ready to print. */
export interface Explanation {
  src: Endpoint;
  dst: Endpoint;
  /** What was asked (`All Connections` when no --port was given). */
  asked: ConnSet;
  allowed: ConnSet;
  egress: DirectionVerdict;
  ingress: DirectionVerdict;
}

function directionLines(v: DirectionVerdict, other: Endpoint): string[] {
  const title =
    v.direction === 'egress'
      ? `egress from ${v.endpoint.display} to ${other.display}`
      : `ingress to ${v.endpoint.display} from ${other.display}`;
  const lines = [`${title}: ${v.allowed.isEmpty() ? 'denied' : `allowed ${v.allowed.toString()}`}`];
  if (v.endpoint.type === 'external') {
    lines.push('  external endpoint: no policy applies on this side');
    return lines;
  }
  if (!v.isolated) {
    lines.push(
      `  not isolated for ${v.direction}: no policy selects ${v.endpoint.display} for ${v.direction}, so everything is allowed`,
    );
    return lines;
  }
  lines.push(`  isolated for ${v.direction} by:`);
  for (const p of v.policies)
    lines.push(
      `    ${p.label} (${where(p.location)})${p.kind === 'NetworkPolicy' ? '' : ` tier ${p.tier}, order ${Number.isFinite(p.order) ? p.order : 'unset'}`}`,
    );
  for (const step of v.steps) {
    const conns = step.conns.toString();
    switch (step.kind) {
      case 'rule': {
        const rule = step.rule as RuleInfo;
        const verb =
          step.action === 'Allow'
            ? 'allows'
            : step.action === 'Deny'
              ? 'denies'
              : step.action === 'Pass'
                ? 'passes to the next tier'
                : 'logs';
        lines.push(`  ${describeRule(rule)} ${verb}: ${conns}`);
        break;
      }
      case 'tier-default':
        lines.push(
          step.action === 'Pass'
            ? `  tier ${step.tier}: no rule decided ${conns}; the tier's defaultAction Pass sends it on`
            : `  ${step.tier === 'default' && v.policies.every((p) => p.kind === 'NetworkPolicy') ? 'no rule of these policies allows' : `tier ${step.tier}: no rule decided`} ${conns}: denied (isolated endpoints deny what no rule allows)`,
        );
        break;
      case 'profile':
        lines.push(`  no tier decided ${conns}: allowed by the namespace profile (as for unselected pods)`);
        break;
      case 'not-isolated':
        break;
    }
  }
  return lines;
}

/**
 * Text form of an explanation: the verdict, then each direction's deciding policies and rules with file:line;
 * every line escaped with {@link escapeText}.
 */
export function formatExplanation(x: Explanation): string {
  const asked = x.asked.isFull() ? 'all connections' : x.asked.toString();
  const verdict = x.allowed.isEmpty()
    ? 'DENIED'
    : x.allowed.equals(x.asked)
      ? `ALLOWED ${x.allowed.toString()}`
      : `PARTLY ALLOWED: ${x.allowed.toString()}`;
  const lines = [
    `${x.src.display} => ${x.dst.display} (${asked}): ${verdict}`,
    '',
    ...directionLines(x.egress, x.dst),
    '',
    ...directionLines(x.ingress, x.src),
  ];
  return lines.map(escapeText).join('\n') + '\n';
}

/** JSON form of an explanation. */
export function explanationJson(x: Explanation): unknown {
  const dir = (v: DirectionVerdict): unknown => ({
    direction: v.direction,
    endpoint: v.endpoint.display,
    isolated: v.isolated,
    allowed: v.allowed.toString(),
    policies: v.policies.map((p) => ({ policy: p.label, tier: p.tier, location: p.location })),
    steps: v.steps
      .filter((s) => s.kind !== 'not-isolated')
      .map((s) => ({
        kind: s.kind,
        action: s.action,
        conns: s.conns.toString(),
        ...(s.rule
          ? {
              policy: s.rule.policy.label,
              rule: s.rule.index + 1,
              direction: s.rule.direction,
              location: s.rule.location,
            }
          : {}),
        ...(s.tier ? { tier: s.tier } : {}),
      })),
  });
  return {
    src: x.src.display,
    dst: x.dst.display,
    asked: x.asked.toString(),
    allowed: x.allowed.toString(),
    verdict: x.allowed.isEmpty() ? 'denied' : x.allowed.equals(x.asked) ? 'allowed' : 'partly-allowed',
    egress: dir(x.egress),
    ingress: dir(x.ingress),
  };
}

/** One line per note: `file:line: level: message`, escaped with {@link escapeText}. */
export function formatNotes(notes: readonly NetpolNote[]): string {
  return notes
    .map((n) => `${escapeText(`${n.location ? `${where(n.location)}: ` : ''}${n.level}: ${n.message}`)}\n`)
    .join('');
}

/** A port range asked about on the command line. */
export interface PortQuery {
  protocol: 'TCP' | 'UDP' | 'SCTP';
  from: number;
  to: number;
}

/** Parses `--port` values: `80`, `80/TCP`, `TCP/80`, `53/udp`, `8000-8080/tcp`; undefined when malformed. */
export function parsePortQuery(text: string): PortQuery | undefined {
  const m = /^(?:(tcp|udp|sctp)\/)?(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/i.exec(text.trim());
  if (!m || (m[1] && m[4])) return undefined;
  const protocol = (m[1] ?? m[4] ?? 'TCP').toUpperCase() as PortQuery['protocol'];
  const from = Number(m[2]);
  const to = m[3] ? Number(m[3]) : from;
  if (from < 1 || to > 65535 || to < from) return undefined;
  return { protocol, from, to };
}
