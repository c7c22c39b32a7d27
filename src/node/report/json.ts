import { VERSION } from '../../version.js';
import type { NodeReport } from '../evaluate.js';

/**
 * kubeward's own JSON report of a node run: `tool`, `benchmark`, `selection` (what was asked and why this
 * benchmark), `node` (host, platform and version with evidence, components and where each was found),
 * `totals` by status, and `sections[].groups[].results[]` with `status`, `expected`, `observed`, `source`
 * and `reason` per check.
 */
export function formatNodeJson(report: NodeReport): string {
  const out = {
    tool: { name: 'kubeward', version: VERSION },
    benchmark: report.benchmark,
    selection: report.selection,
    node: report.node,
    totals: report.totals,
    sections: report.sections,
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}
