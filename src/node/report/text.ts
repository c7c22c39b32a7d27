import type { NodeReport } from '../evaluate.js';
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
 */
export function formatNodeText(report: NodeReport, options: TextOptions = {}): string {
  const tag = (status: string): string =>
    options.color ? `${COLORS[status] ?? ''}[${status}]${RESET}` : `[${status}]`;
  const lines: string[] = [];
  const node = report.node;
  lines.push(`${report.benchmark.title} (${report.benchmark.id})`);
  lines.push(`benchmark: ${report.selection.reason}`);
  lines.push(
    `node: ${node.hostname ?? '(unknown host)'}; platform ${node.platform.name}; Kubernetes ${node.kubernetesVersion.version ?? 'unknown'}`,
  );
  lines.push(
    `components: ${node.components.length > 0 ? node.components.map((c) => `${c.name} (${c.source})`).join(', ') : 'none found'}`,
  );
  for (const section of report.sections) {
    lines.push('');
    lines.push(`${tag('INFO')} ${section.id} ${section.text}`);
    for (const group of section.groups) {
      if (group.id !== section.id) lines.push(`${tag('INFO')} ${group.id} ${group.text}`);
      for (const r of group.results) lines.push(`${tag(r.status)} ${r.id} ${r.text} ${assessment(r)}`);
    }
    const results = sectionResults(section);
    const attention = results.filter((r) => r.status === 'FAIL' || r.status === 'WARN');
    lines.push('');
    lines.push(`== Remediations ${section.nodeType} ==`);
    for (const r of attention) {
      lines.push(`${r.id} ${r.remediation}`);
      lines.push(`    expected: ${r.expected}`);
      if (r.observed !== null) lines.push(`    observed: ${r.observed}`);
      if (r.source !== null) lines.push(`    source:   ${r.source}`);
      if (r.reason !== undefined) lines.push(`    note:     ${r.reason}`);
    }
    lines.push('');
    lines.push(`== Summary ${section.nodeType} ==`);
    lines.push(...summaryLines(countResults(results)));
  }
  lines.push('');
  lines.push('== Summary total ==');
  lines.push(...summaryLines(report.totals));
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
