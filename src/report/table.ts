import type { Finding, ScanResult } from '../engine/result.js';
import { compare } from '../model/compare.js';
import { SEVERITIES, type Severity } from '../model/types.js';
import { orderFindings, orderProblems, orderResources } from '../engine/order.js';
import { describeResource, plural, resourceKey, summarize } from './common.js';
import { escapeText as clean } from './escape.js';
import { maxOf, pushAll } from '../model/array.js';

/** Options of {@link formatTable}. */
export interface TableOptions {
  /** Use ANSI colours; the CLI turns this on for a terminal only. */
  color?: boolean;
}

const SGR = {
  bold: '1',
  dim: '2',
  red: '31',
  boldRed: '1;31',
  yellow: '33',
  cyan: '36',
  gray: '90',
  underline: '4',
} as const;

const SEVERITY_STYLE: Record<Severity, keyof typeof SGR> = {
  critical: 'boldRed',
  high: 'red',
  medium: 'yellow',
  low: 'cyan',
  info: 'gray',
};

// Longest rule id that still gets its own aligned column; longer ids push their message right instead of
// widening every line of the group.
const MAX_RULE_COLUMN = 36;

/**
 * Human-readable report for a terminal:
 *
 * - input problems first, one per line: level, `file:line:column`, code, message;
 * - then one block per resource that has unsuppressed findings, in file order, headed
 *   `file:line  Kind namespace/name`, with one line per finding: `line:column`, severity, rule id and
 *   message, plus `(container NAME)` when the message does not already name the container;
 * - a summary line last: resources, findings by severity, suppressed findings, problems by level.
 *
 * Suppressed findings are not listed, only counted. Every text from the input goes through
 * {@link escapeText}, so that a manifest cannot send escape sequences to the terminal, start a line of
 * its own in a CI log or reorder the text with bidi controls. Colours are used only when `options.color`
 * is true.
 */
export function formatTable(result: ScanResult, options: TableOptions = {}): string {
  const paint = (style: keyof typeof SGR, s: string): string =>
    options.color ? `\u001b[${SGR[style]}m${s}\u001b[0m` : s;
  const out: string[] = [];

  const problems = orderProblems(result.problems);
  if (problems.length > 0) {
    out.push(paint('bold', 'Problems'));
    const whereWidth = maxOf(problems.map((p) => clean(where(p.location)).length));
    const codeWidth = maxOf(problems.map((p) => p.code.length));
    for (const p of problems) {
      const prefix =
        `  ${paint(p.level === 'error' ? 'red' : 'yellow', p.level.padEnd(7))}  ` +
        `${clean(where(p.location)).padEnd(whereWidth)}  ${paint('dim', p.code.padEnd(codeWidth))}  `;
      pushAll(out, wrap(prefix, 2 + 7 + 2 + whereWidth + 2 + codeWidth + 2, clean(p.message)));
    }
    out.push('');
  }

  for (const block of resourceBlocks(result)) {
    out.push(
      `${paint('underline', clean(block.header.where))}  ${paint('bold', clean(block.header.resource))}`,
    );
    const lineWidth = maxOf(block.findings.map((f) => position(f).length));
    const ruleWidth = Math.min(MAX_RULE_COLUMN, maxOf(block.findings.map((f) => f.ruleId.length)));
    for (const f of block.findings) {
      const container =
        f.container !== undefined && !f.message.includes(`"${f.container}"`)
          ? ` (container ${f.container})`
          : '';
      const prefix =
        `  ${paint('dim', position(f).padEnd(lineWidth))}  ${paint(SEVERITY_STYLE[f.severity], f.severity.padEnd(8))}  ` +
        `${paint('dim', f.ruleId.padEnd(ruleWidth))}  `;
      const prefixWidth = 2 + lineWidth + 2 + 8 + 2 + Math.max(ruleWidth, f.ruleId.length) + 2;
      pushAll(out, wrap(prefix, prefixWidth, clean(f.message + container)));
    }
    out.push('');
  }

  out.push(paint('bold', summaryLine(result)));
  return `${out.join('\n')}\n`;
}

/** The closing line: `N resources, N findings (…), N suppressed, N problems (…)`. */
export function summaryLine(result: ScanResult): string {
  const s = summarize(result);
  const bySeverity = SEVERITIES.filter((sev) => s.bySeverity[sev] > 0).map(
    (sev) => `${s.bySeverity[sev]} ${sev}`,
  );
  const byLevel = [
    ...(s.errors > 0 ? [plural(s.errors, 'error')] : []),
    ...(s.warnings > 0 ? [plural(s.warnings, 'warning')] : []),
  ];
  return [
    plural(s.resources, 'resource'),
    `${plural(s.findings, 'finding')}${bySeverity.length > 0 ? ` (${bySeverity.join(', ')})` : ''}`,
    `${s.suppressed} suppressed`,
    `${plural(s.problems, 'problem')}${byLevel.length > 0 ? ` (${byLevel.join(', ')})` : ''}`,
  ].join(', ');
}

interface ResourceBlock {
  header: { where: string; resource: string };
  findings: Finding[];
  order: [file: string, docIndex: number, line: number];
}

// Findings are grouped by file and resource identity; the header line comes from the matching resource
// summary, or from the group's first finding when the result has no summary for it.
function resourceBlocks(result: ScanResult): ResourceBlock[] {
  const summaries = new Map<string, ScanResult['resources'][number]>();
  for (const r of orderResources(result.resources)) {
    const key = resourceKey(r.source.file, r);
    if (!summaries.has(key)) summaries.set(key, r);
  }
  const blocks = new Map<string, ResourceBlock>();
  for (const f of orderFindings(result.findings)) {
    if (f.suppressed) continue;
    const key = resourceKey(f.location.file, f.resource);
    let block = blocks.get(key);
    if (!block) {
      const summary = summaries.get(key);
      const file = f.location.file;
      const line = summary ? summary.source.line : f.location.line;
      block = {
        header: { where: `${file}:${line}`, resource: describeResource(f.resource) },
        findings: [],
        order: [file, summary ? summary.source.docIndex : Number.MAX_SAFE_INTEGER, line],
      };
      blocks.set(key, block);
    }
    block.findings.push(f);
  }
  return [...blocks.values()].sort(
    (a, b) =>
      compare(a.order[0], b.order[0]) || compare(a.order[1], b.order[1]) || compare(a.order[2], b.order[2]),
  );
}

/** Lines are wrapped to this many columns (a message word longer than the room left is not split). */
export const WIDTH = 120;

// Continuation lines start under the message, or 4 columns in when the columns before it leave too little
// room; `prefix` may hold colour codes, so its visible width is passed in.
function wrap(prefix: string, prefixWidth: number, message: string): string[] {
  const indent = prefixWidth <= WIDTH - 40 ? prefixWidth : 4;
  const lines: string[] = [];
  let current = '';
  let room = WIDTH - prefixWidth;
  for (const word of message.split(' ')) {
    if (current !== '' && current.length + 1 + word.length > room) {
      lines.push(current);
      current = word;
      room = WIDTH - indent;
    } else {
      current = current === '' ? word : `${current} ${word}`;
    }
  }
  lines.push(current);
  return lines.map((line, i) => (i === 0 ? `${prefix}${line}` : `${' '.repeat(indent)}${line}`));
}

function where(at: { file: string; line: number; column: number }): string {
  return `${at.file}:${at.line}:${at.column}`;
}

function position(f: Finding): string {
  return `${f.location.line}:${f.location.column}`;
}
