import { collectOutput, type ReportWriter } from './writer.js';
import type { KubesecReport, KubesecRuleRef } from '../analysis/kubesec/score.js';

/** A JSON node with its keys in a fixed order, as Go marshals a struct. */
type Node = { raw: string } | Node[] | { entries: [string, Node][] };

/**
 * A string as Go's `encoding/json` writes it (HTML escaping on, as `json.Marshal` does): `<`, `>` and
 * `&` become `\u003c`, `\u003e`, `\u0026`; U+2028/U+2029 are escaped; control characters use `\n`, `\r`,
 * `\t`, `\b`, `\f` (Go 1.22 and later) or `\u00XX`; a lone surrogate, which Go would have read as invalid
 * UTF-8, becomes `\ufffd`.
 */
function goString(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += text[i]! + text[i + 1]!;
        i++;
      } else {
        out += '\\ufffd';
      }
      continue;
    }
    if (code >= 0xdc00 && code <= 0xdfff) {
      out += '\\ufffd';
      continue;
    }
    switch (code) {
      case 0x22:
        out += '\\"';
        continue;
      case 0x5c:
        out += '\\\\';
        continue;
      case 0x0a:
        out += '\\n';
        continue;
      case 0x0d:
        out += '\\r';
        continue;
      case 0x09:
        out += '\\t';
        continue;
      case 0x08:
        out += '\\b';
        continue;
      case 0x0c:
        out += '\\f';
        continue;
    }
    if (
      code < 0x20 ||
      code === 0x3c ||
      code === 0x3e ||
      code === 0x26 ||
      code === 0x2028 ||
      code === 0x2029
    ) {
      out += '\\u' + code.toString(16).padStart(4, '0');
      continue;
    }
    out += text[i]!;
  }
  return out + '"';
}

/** Go's `json.Indent(…, "", "  ")` layout: empty arrays and objects stay `[]` and `{}`. */
function render(node: Node, depth: number): string {
  const pad = '  '.repeat(depth + 1);
  const close = '  '.repeat(depth);
  if (Array.isArray(node)) {
    if (node.length === 0) return '[]';
    return `[\n${node.map((item) => pad + render(item, depth + 1)).join(',\n')}\n${close}]`;
  }
  if ('raw' in node) return node.raw;
  if (node.entries.length === 0) return '{}';
  const lines = node.entries.map(([key, value]) => `${pad}${goString(key)}: ${render(value, depth + 1)}`);
  return `{\n${lines.join(',\n')}\n${close}}`;
}

const str = (text: string): Node => ({ raw: goString(text) });
const int = (n: number): Node => ({ raw: String(n) });

function ruleRefNode(ref: KubesecRuleRef): Node {
  const entries: [string, Node][] = [
    ['id', str(ref.id)],
    ['selector', str(ref.selector)],
    ['reason', str(ref.reason)],
  ];
  // omitempty: zero weight and empty href are left out.
  if (ref.weight !== undefined && ref.weight !== 0) entries.push(['weight', int(ref.weight)]);
  if (ref.href !== undefined && ref.href !== '') entries.push(['href', str(ref.href)]);
  entries.push(['points', int(ref.points)]);
  return { entries };
}

function reportNode(report: KubesecReport): Node {
  const entries: [string, Node][] = [
    ['object', str(report.object)],
    ['valid', { raw: report.valid ? 'true' : 'false' }],
    ['fileName', str(report.fileName)],
  ];
  if (report.message !== '') entries.push(['message', str(report.message)]);
  entries.push(['score', int(report.score)]);
  // `scoring` is a struct, so Go always writes it; its three lists are omitempty.
  const scoring: [string, Node][] = [];
  for (const key of ['critical', 'passed', 'advise'] as const) {
    const refs = report.scoring[key];
    if (refs.length > 0) scoring.push([key, refs.map(ruleRefNode)]);
  }
  entries.push(['scoring', { entries: scoring }]);
  return { entries };
}

/**
 * The exact bytes `kubesec scan` prints for these reports: one JSON array (marshalled by Go with HTML
 * escaping, indented by two spaces) followed by the newline of `fmt.Println`. Pass the reports of all
 * documents of all inputs, in input order.
 */
export function formatKubesec(reports: readonly KubesecReport[]): string {
  return collectOutput((out) => writeKubesec(reports, out));
}

/** Writes the {@link formatKubesec} bytes to `out` one report at a time. */
export function writeKubesec(reports: Iterable<KubesecReport>, out: ReportWriter): void {
  let first = true;
  for (const report of reports) {
    out.write(`${first ? '[\n' : ',\n'}  ${render(reportNode(report), 1)}`);
    first = false;
  }
  out.write(first ? '[]\n' : '\n]\n');
}
