import type { Finding, ResourceSummary, RuleInfo, ScanResult } from '../engine/result.js';
import { SEVERITIES, type Problem, type ResourceRef, type Severity } from '../model/types.js';

// Plain code-unit comparison: `localeCompare` depends on the machine's locale and ICU data, and reports must
// be byte-identical everywhere.
function compare(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Findings in report order: file, line, column, rule id, then resource, JSON pointer and fingerprint as
 * tie-breakers so that the order is total. Returns a new array; the input is not modified.
 */
export function orderFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      compare(a.location.file, b.location.file) ||
      compare(a.location.line, b.location.line) ||
      compare(a.location.column, b.location.column) ||
      compare(a.ruleId, b.ruleId) ||
      compareRefs(a.resource, b.resource) ||
      compare(a.path, b.path) ||
      compare(a.fingerprint, b.fingerprint),
  );
}

/** Problems in report order: file, line, column, code, message. Returns a new array. */
export function orderProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      compare(a.location.file, b.location.file) ||
      compare(a.location.line, b.location.line) ||
      compare(a.location.column, b.location.column) ||
      compare(a.code, b.code) ||
      compare(a.level, b.level) ||
      compare(a.message, b.message),
  );
}

/** Resources in report order: file, document index, line, then identity. Returns a new array. */
export function orderResources(resources: readonly ResourceSummary[]): ResourceSummary[] {
  return [...resources].sort(
    (a, b) =>
      compare(a.source.file, b.source.file) ||
      compare(a.source.docIndex, b.source.docIndex) ||
      compare(a.source.line, b.source.line) ||
      compareRefs(a, b),
  );
}

/** Rules sorted by id. Returns a new array. */
export function orderRules(rules: readonly RuleInfo[]): RuleInfo[] {
  return [...rules].sort((a, b) => compare(a.id, b.id));
}

function compareRefs(a: ResourceRef, b: ResourceRef): number {
  return (
    compare(a.kind, b.kind) ||
    compare(a.namespace ?? '', b.namespace ?? '') ||
    compare(a.name, b.name) ||
    compare(a.apiVersion, b.apiVersion)
  );
}

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
