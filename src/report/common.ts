import type { ScanResult } from '../engine/result.js';
import { SEVERITIES, type ResourceRef, type Severity } from '../model/types.js';

/** Counts shown by every format's summary. */
export interface ReportSummary {
  resources: number;
  /** Unsuppressed findings. */
  findings: number;
  suppressed: number;
  problems: number;
  /** Problems of level `error` (they make the run exit with code 2). */
  errors: number;
  warnings: number;
  /** Unsuppressed findings by severity. */
  bySeverity: Record<Severity, number>;
}

/** Summary counts of a scan result. */
export function summarize(result: ScanResult): ReportSummary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  let suppressed = 0;
  for (const finding of result.findings) {
    if (finding.suppressed) suppressed++;
    else bySeverity[finding.severity]++;
  }
  const errors = result.problems.filter((p) => p.level === 'error').length;
  return {
    resources: result.resources.length,
    findings: result.findings.length - suppressed,
    suppressed,
    problems: result.problems.length,
    errors,
    warnings: result.problems.length - errors,
    bySeverity,
  };
}

/** `Kind namespace/name`, or `Kind name` for an object without a namespace. */
export function describeResource(ref: ResourceRef): string {
  return `${ref.kind} ${ref.namespace === null ? '' : `${ref.namespace}/`}${ref.name}`;
}

/** Identity of a resource within a file, for grouping findings by resource. */
export function resourceKey(file: string, ref: ResourceRef): string {
  return [file, ref.apiVersion, ref.kind, ref.namespace ?? '', ref.name].join('\u0000');
}

/** `count noun`, with a plural `s` unless the count is 1. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Replaces unpaired UTF-16 surrogates with U+FFFD, so that URI encoders and XML writers never fail. */
export function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}
