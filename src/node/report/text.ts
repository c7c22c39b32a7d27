import type { NodeReport } from '../evaluate.js';
import { escapeText } from '../../report/escape.js';
import { assessment, countResults, sectionResults } from './common.js';

const COLORS: Record<string, string> = {
  PASS: '\u001b[32m',
  FAIL: '\u001b[31m',
  WARN: '\u001b[33m',
  INFO: '\u001b[34m',
  NOT_APPLICABLE: '\u001b[90m',
};
const RESET = '\u001b[0m';

/** Options of {@link formatNodeText}. */
export interface TextOptions {
  color?: boolean;
}

/**
 * kube-bench-style text report: per section, `[STATUS] id text` lines under `[INFO]` section and group
 * headings, then `== Remediations ==` (with the observed value and its source for every FAIL and WARN) and
 * `== Summary ==`; a total summary at the end. Preceded by what was checked and why that benchmark.
 * Values from the node are escaped with {@link escapeText}.
 */
export function formatNodeText(report: NodeReport, options: TextOptions = {}): string {
  const tag = (status: string): string =>
    options.color ? `${COLORS[status] ?? ''}[${status}]${RESET}` : `[${status}]`;
  const lines: string[] = [];
  // Host names, versions, paths and observed values come from the node (or a facts file), so every line is
  // escaped; only the status tag, with its colour, is added after escaping.
  const add = (...texts: string[]): void => {
    for (const text of texts) lines.push(escapeText(text));
  };
  const tagged = (status: string, text: string): void => {
    lines.push(`${tag(status)} ${escapeText(text)}`);
  };
  const node = report.node;
  add(`${report.benchmark.title} (${report.benchmark.id})`);
  add(`benchmark: ${report.selection.reason}`);
  add(
    `node: ${node.hostname ?? '(unknown host)'}; platform ${node.platform.name}; Kubernetes ${node.kubernetesVersion.version ?? 'unknown'}`,
  );
  add(
    `components: ${node.components.length > 0 ? node.components.map((c) => `${c.name} (${c.source})`).join(', ') : 'none found'}`,
  );
  for (const section of report.sections) {
    add('');
    tagged('INFO', `${section.id} ${section.text}`);
    for (const group of section.groups) {
      if (group.id !== section.id) tagged('INFO', `${group.id} ${group.text}`);
      for (const r of group.results) tagged(r.status, `${r.id} ${r.text} ${assessment(r)}`);
    }
    const results = sectionResults(section);
    const attention = results.filter((r) => r.status === 'FAIL' || r.status === 'WARN');
    add('', `== Remediations ${section.nodeType} ==`);
    for (const r of attention) {
      add(`${r.id} ${r.remediation}`, `    expected: ${r.expected}`);
      if (r.observed !== null) add(`    observed: ${r.observed}`);
      if (r.source !== null) add(`    source:   ${r.source}`);
      if (r.reason !== undefined) add(`    note:     ${r.reason}`);
    }
    add('', `== Summary ${section.nodeType} ==`, ...summaryLines(countResults(results)));
  }
  add('', '== Summary total ==', ...summaryLines(report.totals));
  return `${lines.join('\n')}\n`;
}

function summaryLines(t: NodeReport['totals']): string[] {
  return [
    `${t.PASS} checks PASS`,
    `${t.FAIL} checks FAIL`,
    `${t.WARN} checks WARN`,
    `${t.INFO} checks INFO`,
    `${t.NOT_APPLICABLE} checks NOT_APPLICABLE`,
  ];
}
