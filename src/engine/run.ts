import picomatch from 'picomatch';
import type { Problem, Resource, ResourceRef, Severity, SourceLocation } from '../model/types.js';
import { asObject, isObject } from '../model/json.js';
import { isWorkload, workloadOf, type WorkloadView } from '../model/workload.js';
import type { KubewardConfig, Exemption } from './config.js';
import type { Finding, Suppression } from './result.js';
import { fingerprint } from './fingerprint.js';
import { formatMessage, type AnyRule, type RuleOptionSpec, type RuleRefs, type RuleReport } from './rule.js';
import { kindSelected, type ResourceIndex } from '../model/resource-index.js';
import type { JsonValue } from '../model/types.js';
import { pushAll } from '../model/array.js';

/** A rule prepared for a run: effective severity and option values. */
export interface ActiveRule {
  rule: AnyRule;
  severity: Severity;
  options: Record<string, JsonValue>;
}

/** Annotation listing rule ids (or globs) to ignore on this object. */
export const IGNORE_ANNOTATION = 'kubeward.io/ignore';
/** Annotation giving the reason for {@link IGNORE_ANNOTATION}; required. */
export const IGNORE_REASON_ANNOTATION = 'kubeward.io/ignore-reason';

// One filled-in copy per rule, shared by all of its findings: a scan can hold a million findings, and five
// lists per finding were a large part of their memory.
const FULL_REFS = new WeakMap<RuleRefs, Required<RuleRefs>>();

/**
 * Fills every ref list so reporters need no undefined checks. The result is frozen and shared by every
 * call with the same `refs` object.
 */
export function fullRefs(refs: RuleRefs): Required<RuleRefs> {
  let full = FULL_REFS.get(refs);
  if (!full) {
    full = Object.freeze({
      cis: refs.cis ?? [],
      pss: refs.pss ?? [],
      nsa: refs.nsa ?? [],
      mitre: refs.mitre ?? [],
      kubesec: refs.kubesec ?? [],
    });
    FULL_REFS.set(refs, full);
  }
  return full;
}

/** Default option values of a rule, overridden by the configured ones. */
export function resolveOptions(
  specs: Record<string, RuleOptionSpec>,
  configured: Record<string, JsonValue> | undefined,
): Record<string, JsonValue> {
  const values: Record<string, JsonValue> = {};
  for (const [name, spec] of Object.entries(specs)) values[name] = configured?.[name] ?? spec.default;
  return values;
}

/** Builds a finding from a rule's report: message, location, refs, fingerprint and suppression. */
function refOf(resource: Resource): ResourceRef {
  return {
    apiVersion: resource.apiVersion,
    kind: resource.kind,
    namespace: resource.namespace,
    name: resource.name,
  };
}

function makeFinding(
  active: ActiveRule,
  resource: Resource,
  ref: ResourceRef,
  exemptions: readonly Exemption[],
  annotationIgnores: readonly AnnotationIgnore[],
  report: RuleReport<string>,
): Finding {
  const { rule } = active;
  const container = report.container?.name;
  const finding: Finding = {
    ruleId: rule.id,
    severity: active.severity,
    title: rule.meta.title,
    message: formatMessage(rule.meta.messages[report.messageId] ?? report.messageId, {
      ...(container !== undefined ? { container } : {}),
      ...report.data,
    }),
    resource: ref,
    ...(container !== undefined ? { container } : {}),
    path: report.path,
    location: resource.source.locate(report.path),
    remediation: rule.meta.remediation,
    refs: fullRefs(rule.meta.refs),
    fingerprint: fingerprint(rule.id, resource, report.path),
  };
  const suppressed = suppressionFor(finding, resource, exemptions, annotationIgnores);
  if (suppressed) finding.suppressed = suppressed;
  return finding;
}

function ruleError(rule: AnyRule, where: string, location: SourceLocation, error: unknown): Problem {
  return {
    code: 'engine/rule-error',
    level: 'error',
    message: `rule ${rule.id} failed on ${where}: ${error instanceof Error ? error.message : String(error)}`,
    location,
  };
}

/**
 * Objects whose shape the API server would reject, so that rules could only pass them silently: a
 * pod-bearing kind without a pod spec, container lists that are not lists, an object without a name.
 */
function shapeProblems(resource: Resource, workload: WorkloadView | undefined): Problem[] {
  const problems: Problem[] = [];
  const problem = (level: Problem['level'], pointer: string, message: string): void => {
    problems.push({
      code: 'input/invalid-object',
      level,
      message,
      location: resource.source.locate(pointer),
    });
  };
  const label = `${resource.kind}/${resource.name || '(unnamed)'}`;
  // Only for pod-bearing kinds: tool configuration files (Kustomization, Component, …) have no name.
  if (resource.name === '' && isWorkload(resource))
    problem('warning', '/metadata', `${resource.kind} has no metadata.name`);
  // Only where the API requires a pod template: an Argo Rollout may point at a Deployment through
  // `spec.workloadRef` instead, and a PodTemplate's or ReplicationController's template is optional.
  const optionalTemplate =
    resource.kind === 'PodTemplate' ||
    resource.kind === 'ReplicationController' ||
    (resource.kind === 'Rollout' && asObject(asObject(resource.object.spec)?.workloadRef) !== undefined);
  if (isWorkload(resource) && !workload && !optionalTemplate) {
    problem(
      'error',
      '',
      `${label} has no pod spec where its kind keeps one; no workload rule could check it`,
    );
  }
  if (workload) {
    for (const list of ['containers', 'initContainers', 'ephemeralContainers']) {
      const value = workload.podSpec[list];
      if (value !== undefined && value !== null && !Array.isArray(value)) {
        problem(
          'error',
          `${workload.podSpecPointer}/${list}`,
          `${label}: ${list} is not a list; its containers were not checked`,
        );
      }
    }
  }
  return problems;
}

/**
 * Runs the active resource-scope rules on one resource. A rule that throws does not stop the others: its
 * error becomes an `engine/rule-error` problem.
 */
export function checkResource(
  resource: Resource,
  rules: readonly ActiveRule[],
  config: Pick<KubewardConfig, 'exemptions' | 'annotationExemptions'>,
  problems: Problem[],
): Finding[] {
  const findings: Finding[] = [];
  // All findings of the resource share one identity object.
  const ref = refOf(resource);
  const workload = workloadOf(resource);
  pushAll(problems, shapeProblems(resource, workload));
  const annotationIgnores = config.annotationExemptions ? readIgnoreAnnotations(resource, problems) : [];
  for (const active of rules) {
    const { rule } = active;
    if (rule.scope === 'cluster' || !kindSelected(rule.meta.kinds, resource)) continue;
    try {
      rule.check({
        resource,
        workload,
        options: active.options,
        report: (r) =>
          findings.push(makeFinding(active, resource, ref, config.exemptions, annotationIgnores, r)),
      });
    } catch (error) {
      const { file, line, column } = resource.source;
      problems.push(ruleError(rule, `${resource.kind}/${resource.name}`, { file, line, column }, error));
    }
  }
  return findings;
}

/**
 * Runs the active cluster-scope rules over the index of kept resources. Exemptions and annotations apply to
 * the resource each finding is about.
 */
export function checkCluster(
  index: ResourceIndex,
  rules: readonly ActiveRule[],
  config: Pick<KubewardConfig, 'exemptions' | 'annotationExemptions'>,
  problems: Problem[],
): Finding[] {
  const findings: Finding[] = [];
  const ignores = new Map<Resource, AnnotationIgnore[]>();
  // Problems about ignore annotations were already reported when the resource-scope rules ran.
  const scratch: Problem[] = [];
  const ignoresOf = (resource: Resource): AnnotationIgnore[] => {
    if (!config.annotationExemptions) return [];
    let list = ignores.get(resource);
    if (!list) {
      list = readIgnoreAnnotations(resource, scratch);
      ignores.set(resource, list);
    }
    return list;
  };
  for (const active of rules) {
    const { rule } = active;
    if (rule.scope !== 'cluster') continue;
    try {
      rule.check({
        index,
        options: active.options,
        report: (r) =>
          findings.push(
            makeFinding(active, r.resource, refOf(r.resource), config.exemptions, ignoresOf(r.resource), r),
          ),
      });
    } catch (error) {
      problems.push(ruleError(rule, 'the cluster view', { file: '-', line: 1, column: 1 }, error));
    }
  }
  return findings;
}

interface AnnotationIgnore {
  patterns: string[];
  reason: string;
}

// Annotations are read from the object and from its pod template, so a Helm chart that only controls the
// template can still document an exemption.
function readIgnoreAnnotations(resource: Resource, problems: Problem[]): AnnotationIgnore[] {
  const ignores: AnnotationIgnore[] = [];
  const places: [string, JsonValue | undefined][] = [
    [
      '/metadata/annotations',
      (isObject(resource.object.metadata) ? resource.object.metadata : {}).annotations,
    ],
  ];
  const workload = workloadOf(resource);
  if (workload && workload.podMetadataPointer !== '/metadata') {
    places.push([`${workload.podMetadataPointer}/annotations`, workload.podMetadata?.annotations]);
  }
  for (const [pointer, annotations] of places) {
    if (!isObject(annotations)) continue;
    const list = annotations[IGNORE_ANNOTATION];
    if (typeof list !== 'string') continue;
    const reason = annotations[IGNORE_REASON_ANNOTATION];
    if (typeof reason !== 'string' || reason.trim() === '') {
      problems.push({
        code: 'config/invalid',
        level: 'warning',
        message: `${IGNORE_ANNOTATION} on ${resource.kind}/${resource.name} has no ${IGNORE_REASON_ANNOTATION}; the exemption is not applied`,
        location: resource.source.locate(`${pointer}/${IGNORE_ANNOTATION.replace(/\//g, '~1')}`),
      });
      continue;
    }
    ignores.push({
      patterns: list
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      reason,
    });
  }
  return ignores;
}

const matcherCache = new Map<string, (s: string) => boolean>();
function glob(pattern: string): (s: string) => boolean {
  let m = matcherCache.get(pattern);
  if (!m) {
    m = picomatch(pattern, { dot: true });
    matcherCache.set(pattern, m);
  }
  return m;
}

function matchesAny(patterns: string[] | undefined, value: string | undefined | null): boolean {
  if (patterns === undefined) return true;
  if (value === undefined || value === null) return false;
  return patterns.some((p) => glob(p)(value));
}

function suppressionFor(
  finding: Finding,
  resource: Resource,
  exemptions: readonly Exemption[],
  annotationIgnores: readonly AnnotationIgnore[],
): Suppression | undefined {
  for (const e of exemptions) {
    if (
      matchesAny(e.rules, finding.ruleId) &&
      matchesAny(e.namespaces, resource.namespace) &&
      (e.kinds === undefined || e.kinds.includes(resource.kind)) &&
      matchesAny(e.names, resource.name) &&
      matchesAny(e.containers, finding.container)
    ) {
      return { by: 'config', reason: e.reason };
    }
  }
  for (const a of annotationIgnores) {
    if (a.patterns.some((p) => p === '*' || glob(p)(finding.ruleId)))
      return { by: 'annotation', reason: a.reason };
  }
  return undefined;
}
