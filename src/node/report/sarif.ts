import type { Log, ReportingDescriptor, Result } from 'sarif';
import { VERSION } from '../../version.js';
import type { CheckResult, NodeReport, Status } from '../evaluate.js';
import { INFORMATION_URI, SARIF_SCHEMA_URI } from '../../report/sarif.js';

// SARIF `kind` per status; only failures carry a level other than `none` (SARIF §3.27.9 requires `none`
// for every other kind).
const KIND: Record<Status, NonNullable<Result['kind']>> = {
  PASS: 'pass',
  FAIL: 'fail',
  WARN: 'review',
  INFO: 'informational',
  NOT_APPLICABLE: 'notApplicable',
};

/**
 * SARIF 2.1.0 log of a node run: one rule per check (`<benchmark>/<id>`, e.g. `cis-1.12/1.2.15`), one
 * result per check with `kind` pass/fail/review/informational/notApplicable, FAIL results at level
 * `error`; the message gives expected and observed values and the source. The node is the logical location.
 */
export function formatNodeSarif(report: NodeReport): string {
  return `${JSON.stringify(sarifLog(report), null, 2)}\n`;
}

function sarifLog(report: NodeReport): Log {
  const checks = report.sections.flatMap((s) => s.groups.flatMap((g) => g.results));
  const ruleId = (r: CheckResult): string => `${report.benchmark.id}/${r.id}`;
  const node = report.node.hostname ?? 'node';
  const rules: ReportingDescriptor[] = checks.map((r) => ({
    id: ruleId(r),
    name: `${report.benchmark.id} ${r.id}`,
    shortDescription: { text: r.text },
    fullDescription: { text: `${r.text} (${r.automated ? 'Automated' : 'Manual'}, Level ${r.level})` },
    help: { text: r.remediation },
    defaultConfiguration: { level: r.automated ? 'error' : 'warning' },
    properties: { tags: ['security', 'kubernetes', 'cis', report.benchmark.id] },
  }));
  const results: Result[] = checks.map((r, i) => ({
    ruleId: ruleId(r),
    ruleIndex: i,
    kind: KIND[r.status],
    level: r.status === 'FAIL' ? 'error' : 'none',
    message: { text: message(r) },
    locations: [{ logicalLocations: [{ kind: 'resource', name: node, fullyQualifiedName: `node/${node}` }] }],
    properties: { status: r.status, expected: r.expected, observed: r.observed, source: r.source },
  }));
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'kubeward', version: VERSION, informationUri: INFORMATION_URI, rules } },
        results,
      },
    ],
  };
}

function message(r: CheckResult): string {
  const parts = [`${r.status}: ${r.text}.`, `Expected ${r.expected}.`];
  if (r.observed !== null) parts.push(`Observed ${r.observed}.`);
  if (r.source !== null) parts.push(`Source: ${r.source}.`);
  if (r.reason !== undefined) parts.push(`${r.reason}.`);
  return parts.join(' ');
}
