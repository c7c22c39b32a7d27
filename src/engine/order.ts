import type { Finding, ResourceSummary, RuleInfo } from './result.js';
import type { Problem, ResourceRef } from '../model/types.js';

import { compare } from '../model/compare.js';

export { compare };

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
