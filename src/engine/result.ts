import type { Problem, ResourceRef, Severity, SourceLocation } from '../model/types.js';
import type { RuleInfo, RuleRefs, Suppression } from '../model/report.js';
import type { KubesecReport } from '../analysis/kubesec/score.js';

export type { Suppression } from '../model/report.js';

/** One rule violation on one resource. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  title: string;
  message: string;
  resource: ResourceRef;
  /** Name of the container the finding is about, when it is about one. */
  container?: string;
  /** JSON pointer of the offending field (or of where a missing field belongs). */
  path: string;
  /** Position of the field, or of its nearest existing parent, in the input file. */
  location: SourceLocation;
  remediation: string;
  refs: Required<RuleRefs>;
  /** Stable hash of rule, resource and path (not the message), for baselines. */
  fingerprint: string;
  suppressed?: Suppression;
}

/** Summary of one scanned resource. */
export interface ResourceSummary extends ResourceRef {
  source: { file: string; docIndex: number; line: number; column: number };
  /** kubesec-compatible score (sum of the points of matching kubesec checks). */
  score: number;
}

export type { RuleInfo } from '../model/report.js';

/** Everything a scan produced; reporters are pure functions of this. */
export interface ScanResult {
  tool: { name: 'kubeward'; version: string };
  resources: ResourceSummary[];
  findings: Finding[];
  problems: Problem[];
  /** The rules that ran, sorted by id. */
  rules: RuleInfo[];
  /** Non-empty documents read. */
  documents: number;
  /** kubesec v2 reports, one per document, when the scan was asked for them. */
  kubesec?: KubesecReport[];
}
