import type { Problem, ResourceRef, Severity, SourceLocation } from './types.js';

/**
 * The one result model every command produces. A command (scan, node, pss, netpol coverage, rbac …) judges
 * subjects with rules or checks and returns a {@link Report}; every output format is a function of it, so
 * one SARIF writer, one JUnit writer and one JSON envelope serve all commands.
 */

/** References of a rule to the standards and peer scanners it implements. */
export interface RuleRefs {
  /** CIS Kubernetes Benchmark recommendation ids, e.g. `5.2.2`. */
  cis?: string[];
  /** Pod Security Standards controls, e.g. `baseline/privileged`. */
  pss?: string[];
  /** NSA/CISA Kubernetes Hardening Guide sections. */
  nsa?: string[];
  /** MITRE ATT&CK technique ids. */
  mitre?: string[];
  /** kubesec v2 rule ids whose check this rule performs. */
  kubesec?: string[];
}

/** How a result was suppressed. */
export interface Suppression {
  by: 'annotation' | 'config';
  reason: string;
}

/**
 * The verdict of one rule or check on one subject. `fail` is a finding (a scan finding, a FAIL of a
 * benchmark check, a PSS violation); `warn` needs a person to look (a manual benchmark check, a dead
 * network-policy rule); `pass`, `info` and `not-applicable` are reported by commands that list every check.
 */
export type ResultStatus = 'fail' | 'warn' | 'pass' | 'info' | 'not-applicable';

/** Result statuses in report order. */
export const RESULT_STATUSES: readonly ResultStatus[] = ['fail', 'warn', 'pass', 'info', 'not-applicable'];

/** What a check found and expected, for results judged from facts rather than from one field. */
export interface Evidence {
  /** What the check requires, e.g. `--profiling = false`. */
  expected?: string;
  /** The value found, or null when nothing was observed. */
  observed?: string | null;
  /** Where the value came from (a flag, a config key, a file), or null. */
  source?: string | null;
  /** Why the status is what it is when the value alone does not say. */
  reason?: string;
}

/** One verdict of one rule or check on one subject. */
export interface Result {
  /** Rule or check id: `workload/privileged`, `cis-1.12/4.2.1`, `pss/baseline/privileged` … */
  ruleId: string;
  /** Which of the rule's messages this is; stable across wording changes (tests and baselines key on it). */
  messageId: string;
  status: ResultStatus;
  severity: Severity;
  title: string;
  message: string;
  /** The Kubernetes object judged, when the subject is one. */
  resource?: ResourceRef;
  /** Display name of the subject when it is not a Kubernetes object (a node, an RBAC subject, an endpoint). */
  subject?: string;
  /** Name of the container the result is about, when it is about one. */
  container?: string;
  /** JSON pointer of the offending field (or of where a missing field belongs). */
  path?: string;
  /** Position of the field, or of its nearest existing parent, in the input file. */
  location?: SourceLocation;
  remediation: string;
  refs: Required<RuleRefs>;
  /** Stable hash of rule, subject and path (not the message), for baselines. */
  fingerprint: string;
  suppressed?: Suppression;
  evidence?: Evidence;
}

/** Metadata of a rule or check as reporters need it (the catalog of a report). */
export interface RuleInfo {
  id: string;
  title: string;
  description: string;
  remediation: string;
  severity: Severity;
  refs: Required<RuleRefs>;
  helpUri: string;
}

/** Something a command judged: a Kubernetes object, a node, a workload endpoint, an RBAC subject. */
export interface Subject {
  kind: 'resource' | 'node' | 'endpoint' | 'identity';
  /** Display name: `Deployment/shop/web`, a node's hostname, `ServiceAccount:shop/web` … */
  name: string;
  resource?: ResourceRef;
  /** Where the subject was read from, when it came from a file. */
  source?: { file: string; docIndex: number; line: number; column: number };
}

/** Name and version of the tool, as every format reports them. */
export interface ToolInfo {
  name: 'kubeward';
  version: string;
}

/**
 * Everything one command run produced. Formats are pure functions of it. `section` is the command's own data
 * (a scan's resource summaries and kubesec scores, a node run's benchmark sections, a PSS evaluation …), shown
 * by the JSON envelope after `tool` and `summary`, and used by the formats only that command has.
 */
export interface Report<Command extends string = string, Section = unknown> {
  tool: ToolInfo;
  command: Command;
  subjects: Subject[];
  results: Result[];
  problems: Problem[];
  /** The rules or checks that ran, sorted by id. */
  rules: RuleInfo[];
  section: Section;
}
