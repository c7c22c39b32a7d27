import type { CheckResult, SectionResult, Status, Totals } from '../evaluate.js';
import { STATUSES } from '../evaluate.js';

/** Counts of a list of results by status. */
export function countResults(results: readonly CheckResult[]): Totals {
  const totals = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Totals;
  for (const r of results) totals[r.status]++;
  return totals;
}

/** Every result of a section. */
export function sectionResults(section: SectionResult): CheckResult[] {
  return section.groups.flatMap((g) => g.results);
}

/** `(Automated)` or `(Manual)`, as the benchmark titles end. */
export function assessment(r: CheckResult): string {
  return r.automated ? '(Automated)' : '(Manual)';
}

/** `observed 600 /etc/x (from …)`, or the reason alone when nothing was observed. */
export function evidence(r: CheckResult): string {
  const parts: string[] = [];
  parts.push(`expected ${r.expected}`);
  if (r.observed !== null) parts.push(`observed ${r.observed}`);
  if (r.source !== null) parts.push(`source ${r.source}`);
  if (r.reason !== undefined) parts.push(r.reason);
  return parts.join('; ');
}

/** Statuses that a summary line reports, in order. */
export const SUMMARY_STATUSES: readonly Status[] = STATUSES;
