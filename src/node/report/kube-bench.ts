import type { CheckResult, NodeReport } from '../evaluate.js';
import { kubernetesMinor } from '../evaluate.js';
import { assessment } from './common.js';

// kube-bench has no NOT_APPLICABLE: such checks are written as INFO (kube-bench's status for skipped
// checks) with the reason, so that consumers that count statuses keep working.
function kbStatus(r: CheckResult): 'PASS' | 'FAIL' | 'WARN' | 'INFO' {
  return r.status === 'NOT_APPLICABLE' ? 'INFO' : r.status;
}

const KB_VERSION: Record<string, string> = { 'cis-1.12': 'cis-1.12', 'eks-1.8': 'eks-1.8.0' };

/**
 * The JSON shape of `kube-bench --json` (v0.15): `{"Controls": [...], "Totals": {...}}`, one Controls entry
 * per section with kube-bench's key names (including its Go-named `AuditEnv`, `AuditConfig`, `IsMultiple`).
 * `audit` names what kubeward read instead of a shell command; `actual_value` is the observed value.
 */
export function formatKubeBench(report: NodeReport): string {
  const minor = kubernetesMinor(report.node.kubernetesVersion.version);
  const totals = { total_pass: 0, total_fail: 0, total_warn: 0, total_info: 0 };
  const controls = report.sections.map((section) => {
    const t = { total_pass: 0, total_fail: 0, total_warn: 0, total_info: 0 };
    const tests = section.groups.map((group) => {
      const g = { pass: 0, fail: 0, warn: 0, info: 0 };
      const results = group.results.map((r) => {
        const status = kbStatus(r);
        const key = status.toLowerCase() as 'pass' | 'fail' | 'warn' | 'info';
        g[key]++;
        t[`total_${key}`]++;
        totals[`total_${key}`]++;
        return {
          test_number: r.id,
          test_desc: `${r.text} ${assessment(r)}`,
          audit: r.source ?? '',
          AuditEnv: '',
          AuditConfig: '',
          type: r.automated ? '' : 'manual',
          remediation: r.remediation,
          test_info: [r.remediation],
          status,
          actual_value: r.observed ?? '',
          scored: r.automated,
          IsMultiple: false,
          expected_result: r.expected,
          reason: r.reason ?? '',
        };
      });
      return { section: group.id, type: '', ...g, desc: group.text, results };
    });
    return {
      id: section.id,
      version: KB_VERSION[report.benchmark.id] ?? report.benchmark.id,
      detected_version: minor === null ? '' : `1.${minor}`,
      text: section.text,
      node_type: section.nodeType,
      tests,
      ...t,
    };
  });
  return `${JSON.stringify({ Controls: controls, Totals: totals }, null, 2)}\n`;
}
