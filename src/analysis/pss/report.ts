import type { Problem, Resource, ResourceRef, SourceLocation } from '../../model/types.js';
import { evaluatePod, forbiddenDetail, podInputOf } from './evaluate.js';
import {
  MODES,
  namespacePolicies,
  type LevelVersion,
  type Mode,
  type NamespacePolicy,
} from './namespaces.js';
import { formatVersion, type PolicyVersion, type PssLevel } from './version.js';
import type { PssCheckId } from './checks.js';
import { escapeText } from '../../report/escape.js';

/** One violation as reported: the upstream check id and the API server's wording. */
export interface PssReportedViolation {
  check: PssCheckId;
  reason: string;
  detail: string;
}

/** The verdict of one mode (or of the single requested level). */
export interface PssEvaluation {
  level: PssLevel;
  /** `latest` or `v1.N`. */
  version: string;
  allowed: boolean;
  violations: PssReportedViolation[];
}

/** One pod-bearing resource judged. In namespace mode, the top-level verdict is the enforce mode's. */
export interface PssResult extends PssEvaluation {
  resource: ResourceRef;
  location: SourceLocation;
  /** Namespace mode only: whose labels applied, and the audit and warn verdicts. */
  policy?: { namespace: string | null; labelled: boolean; audit: PssEvaluation; warn: PssEvaluation };
}

/** Everything `kubeward pss` reports. */
export interface PssReport {
  /** The fixed level and version, or undefined in namespace mode. */
  target?: { level: PssLevel; version: string };
  results: PssResult[];
  problems: Problem[];
}

function refOf(r: Resource): ResourceRef {
  return { apiVersion: r.apiVersion, kind: r.kind, namespace: r.namespace, name: r.name };
}

function evaluation(resource: Resource, lv: LevelVersion): PssEvaluation | undefined {
  const pod = podInputOf(resource);
  if (!pod) return undefined;
  const verdict = evaluatePod(pod, lv.level, lv.version);
  return {
    level: lv.level,
    version: formatVersion(lv.version),
    allowed: verdict.allowed,
    violations: verdict.violations.map(({ check, reason, detail }) => ({ check, reason, detail })),
  };
}

/** Judges every pod-bearing resource against one level and version. */
export function evaluateResources(
  resources: readonly Resource[],
  level: PssLevel,
  version: PolicyVersion,
  problems: Problem[] = [],
): PssReport {
  const results: PssResult[] = [];
  for (const r of resources) {
    const e = evaluation(r, { level, version });
    if (e) results.push({ resource: refOf(r), location: sourceLocation(r), ...e });
  }
  return { target: { level, version: formatVersion(version) }, results, problems };
}

function sourceLocation(r: Resource): SourceLocation {
  return { file: r.source.file, line: r.source.line, column: r.source.column };
}

/**
 * Judges every pod-bearing resource against the Pod Security Admission labels of its own namespace (from the
 * Namespace objects in the same input); pods in other namespaces, or with no namespace, use `defaults`.
 */
export function evaluateWithNamespaces(
  resources: readonly Resource[],
  defaults: NamespacePolicy,
  problems: Problem[] = [],
): PssReport {
  const all = [...problems];
  const policies = namespacePolicies(resources, defaults, all);
  const results: PssResult[] = [];
  for (const r of resources) {
    const labelled = r.namespace !== null && policies.has(r.namespace);
    const policy = (r.namespace !== null ? policies.get(r.namespace) : undefined) ?? defaults;
    const enforce = evaluation(r, policy.enforce);
    const audit = evaluation(r, policy.audit);
    const warn = evaluation(r, policy.warn);
    if (!enforce || !audit || !warn) continue;
    results.push({
      resource: refOf(r),
      location: sourceLocation(r),
      ...enforce,
      policy: { namespace: r.namespace, labelled, audit, warn },
    });
  }
  return { results, problems: all };
}

/** Whether every resource is allowed (by the enforce mode, in namespace mode). */
export function allAllowed(report: PssReport): boolean {
  return report.results.every((r) => r.allowed);
}

function displayName(ref: ResourceRef): string {
  return ref.namespace === null ? ref.name : `${ref.namespace}/${ref.name}`;
}

function levelVersionOf(e: PssEvaluation): string {
  return `${e.level}:${e.version}`;
}

function modeLine(mode: Mode, e: PssEvaluation, ref: ResourceRef): string | undefined {
  if (e.allowed) return undefined;
  const detail = forbiddenDetail(e.violations);
  if (mode !== 'enforce') return `${mode}: would violate PodSecurity "${levelVersionOf(e)}": ${detail}`;
  // A Pod is rejected outright; a controller is accepted, but the pods it creates are rejected.
  const prefix = ref.kind === 'Pod' ? `pods "${ref.name}" is forbidden: ` : '';
  return `enforce: ${prefix}violates PodSecurity "${levelVersionOf(e)}": ${detail}`;
}

/**
 * Text report: one line per resource (more in namespace mode), worded as the API server words it. Every
 * line goes through {@link escapeText}, so names, namespaces and file names from the input cannot break
 * a line, drive the terminal or forge a CI log line.
 */
export function formatPssText(report: PssReport): string {
  const lines: string[] = [];
  for (const r of report.results) {
    const head = `${r.location.file}:${r.location.line} ${r.resource.kind} ${displayName(r.resource)}`;
    if (!r.policy) {
      lines.push(
        r.allowed
          ? `${head}: allowed by PodSecurity "${levelVersionOf(r)}"`
          : `${head}: would violate PodSecurity "${levelVersionOf(r)}": ${forbiddenDetail(r.violations)}`,
      );
      continue;
    }
    const evaluations: Record<Mode, PssEvaluation> = {
      enforce: r,
      audit: r.policy.audit,
      warn: r.policy.warn,
    };
    const source = r.policy.labelled ? `namespace ${r.policy.namespace ?? ''}` : 'default policy';
    const modes = MODES.map((m) => `${m}=${levelVersionOf(evaluations[m])}`).join(', ');
    const reported = MODES.flatMap((m) => modeLine(m, evaluations[m], r.resource) ?? []);
    if (reported.length === 0) lines.push(`${head}: allowed (${source}: ${modes})`);
    else {
      lines.push(`${head} (${source}: ${modes}):`);
      for (const line of reported) lines.push(`  ${line}`);
    }
  }
  const notAllowed = report.results.filter((r) => !r.allowed).length;
  const total = report.results.length;
  const against = report.target
    ? `against PodSecurity "${report.target.level}:${report.target.version}"`
    : "against their namespaces' enforce policies";
  lines.push(
    `${total} pod-bearing ${total === 1 ? 'resource' : 'resources'} checked ${against}: ${total - notAllowed} allowed, ${notAllowed} not allowed`,
  );
  return lines.map(escapeText).join('\n') + '\n';
}

/** JSON report: `{ results: [...], problems: [...] }`, keys in a fixed order. */
export function formatPssJson(report: PssReport): string {
  const evaluationJson = (e: PssEvaluation): PssEvaluation => ({
    level: e.level,
    version: e.version,
    allowed: e.allowed,
    violations: e.violations.map((v) => ({ check: v.check, reason: v.reason, detail: v.detail })),
  });
  const results = report.results.map((r) => ({
    resource: {
      apiVersion: r.resource.apiVersion,
      kind: r.resource.kind,
      namespace: r.resource.namespace,
      name: r.resource.name,
    },
    location: { file: r.location.file, line: r.location.line, column: r.location.column },
    ...evaluationJson(r),
    ...(r.policy
      ? {
          policy: {
            namespace: r.policy.namespace,
            labelled: r.policy.labelled,
            audit: evaluationJson(r.policy.audit),
            warn: evaluationJson(r.policy.warn),
          },
        }
      : {}),
  }));
  const problems = report.problems.map((p) => ({
    code: p.code,
    level: p.level,
    message: p.message,
    location: { file: p.location.file, line: p.location.line, column: p.location.column },
  }));
  return JSON.stringify({ results, problems }, null, 2) + '\n';
}
