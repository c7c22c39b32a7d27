import type { SourceLocation } from '../../model/types.js';
import { compareText, type NetpolAnalysis } from './analysis.js';
import type { ParsedPolicy } from './policies.js';
import type { Direction, PolicyInfo, RuleInfo, WorkloadEndpoint } from './types.js';
import { escapeText } from '../../report/escape.js';

/** A workload that no policy isolates in some direction. */
export interface UnisolatedWorkload {
  workload: WorkloadEndpoint;
  location: SourceLocation;
}

/** A rule that no traffic can ever match, and why. */
export interface DeadRule {
  rule: RuleInfo;
  reason: string;
}

/** What `kubeward netpol coverage` reports. */
export interface CoverageReport {
  workloads: number;
  notIsolated: Record<Direction, UnisolatedWorkload[]>;
  /** Namespaces (with workloads or a Namespace object) without a policy isolating every pod, per direction. */
  withoutDefaultDeny: Record<Direction, string[]>;
  selectsNothing: PolicyInfo[];
  deadRules: DeadRule[];
  /** Namespaces assumed to exist because something lives in them. */
  assumedNamespaces: string[];
}

/** Whether a policy isolates every pod of a namespace (present and future) in a direction. */
export function isDefaultDeny(policy: ParsedPolicy, namespace: string, direction: Direction): boolean {
  return (
    policy.info.types.includes(direction) && policy.selectsWholeNamespace && policy.coversNamespace(namespace)
  );
}

/** Policies that select no workload of the input. */
export function policiesSelectingNothing(analysis: NetpolAnalysis): ParsedPolicy[] {
  return analysis.policies.filter((p) => analysis.selectedWorkloads(p).length === 0);
}

/** Rules that can never match any traffic between the endpoints of the input. */
export function deadRules(analysis: NetpolAnalysis): DeadRule[] {
  const out: DeadRule[] = [];
  for (const policy of analysis.policies) {
    const selected = analysis.selectedWorkloads(policy);
    for (const { rule, src, dst } of analysis.ruleSets(policy)) {
      const info = rule.info;
      if (!policy.info.types.includes(info.direction)) {
        out.push({
          rule: info,
          reason: `${policy.info.kind === 'NetworkPolicy' ? 'policyTypes' : 'types'} does not include ${info.direction === 'ingress' ? 'Ingress' : 'Egress'}`,
        });
        continue;
      }
      if (!rule.valid) {
        out.push({ rule: info, reason: 'the rule is invalid (see the errors above)' });
        continue;
      }
      if (selected.length === 0) continue;
      const peers = info.direction === 'ingress' ? src : dst;
      if (peers && peers.isEmpty()) {
        out.push({
          rule: info,
          reason: `its ${info.direction === 'ingress' ? 'sources' : 'destinations'} match no endpoint of the input`,
        });
        continue;
      }
      const local = info.direction === 'ingress' ? dst : src;
      if (local && !selected.some((w) => local.has(w.index))) {
        out.push({ rule: info, reason: 'it matches none of the workloads its policy selects' });
        continue;
      }
      // Named ports resolve at the destination: the selected pods for ingress, the peers for egress.
      const destinations =
        info.direction === 'ingress'
          ? selected
          : peers
            ? analysis.endpoints.filter((e) => peers.has(e.index))
            : analysis.endpoints;
      const conns = analysis.ruleConnections(rule, destinations);
      if (conns.isEmpty())
        out.push({
          rule: info,
          reason: 'its ports match no port of any destination (a named port no container declares?)',
        });
    }
  }
  return out;
}

/** Computes the coverage report. */
export function coverage(analysis: NetpolAnalysis): CoverageReport {
  const notIsolated: CoverageReport['notIsolated'] = { ingress: [], egress: [] };
  for (const w of analysis.workloads) {
    for (const direction of ['ingress', 'egress'] as const) {
      if (!analysis.isIsolated(w, direction))
        notIsolated[direction].push({ workload: w, location: w.resource.source.locate('') });
    }
  }
  const namespaces = analysis.namespaces;
  const withoutDefaultDeny: CoverageReport['withoutDefaultDeny'] = { ingress: [], egress: [] };
  for (const ns of namespaces) {
    for (const direction of ['ingress', 'egress'] as const) {
      if (!analysis.policies.some((p) => isDefaultDeny(p, ns, direction)))
        withoutDefaultDeny[direction].push(ns);
    }
  }
  return {
    workloads: analysis.workloads.length,
    notIsolated,
    withoutDefaultDeny,
    selectsNothing: policiesSelectingNothing(analysis).map((p) => p.info),
    deadRules: deadRules(analysis),
    assumedNamespaces: analysis.assumedNamespaces,
  };
}

function loc(l: SourceLocation): string {
  return `${l.file}:${l.line}`;
}

/** Text form of the coverage report; every line escaped with {@link escapeText}. */
export function formatCoverage(report: CoverageReport): string {
  const lines: string[] = [];
  const section = (title: string, items: string[]): void => {
    lines.push(`${title}: ${items.length}`);
    for (const item of items) lines.push(`  ${item}`);
    lines.push('');
  };
  for (const direction of ['ingress', 'egress'] as const) {
    section(
      `workloads not isolated for ${direction} (of ${report.workloads})`,
      report.notIsolated[direction].map((u) => `${u.workload.display} (${loc(u.location)})`),
    );
  }
  for (const direction of ['ingress', 'egress'] as const) {
    section(
      `namespaces without a default deny for ${direction}`,
      report.withoutDefaultDeny[direction].map((ns) =>
        report.assumedNamespaces.includes(ns) ? `${ns} (no Namespace object in the input)` : ns,
      ),
    );
  }
  section(
    'policies that select nothing',
    report.selectsNothing.map((p) => `${p.label} (${loc(p.location)})`),
  );
  section(
    'rules that can never match',
    report.deadRules.map(
      (d) =>
        `${d.rule.policy.label} ${d.rule.direction} rule ${d.rule.index + 1} (${loc(d.rule.location)}): ${d.reason}`,
    ),
  );
  return lines.map(escapeText).join('\n');
}

/** JSON form of the coverage report. */
export function coverageJson(report: CoverageReport): unknown {
  const w = (list: UnisolatedWorkload[]): unknown[] =>
    list.map((u) => ({ workload: u.workload.display, location: u.location }));
  return {
    workloads: report.workloads,
    notIsolated: { ingress: w(report.notIsolated.ingress), egress: w(report.notIsolated.egress) },
    withoutDefaultDeny: report.withoutDefaultDeny,
    selectsNothing: report.selectsNothing.map((p) => ({ policy: p.label, location: p.location })),
    deadRules: report.deadRules.map((d) => ({
      policy: d.rule.policy.label,
      direction: d.rule.direction,
      rule: d.rule.index + 1,
      location: d.rule.location,
      reason: d.reason,
    })),
    assumedNamespaces: [...report.assumedNamespaces].sort(compareText),
  };
}
