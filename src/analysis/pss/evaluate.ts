import type { Resource } from '../../model/types.js';
import { workloadOf } from '../../model/workload.js';
import { PSS_CHECKS, type CheckRevision, type PodInput, type PssCheck, type PssCheckId } from './checks.js';
import { effectiveMinor, formatLevelVersion, type PolicyVersion, type PssLevel } from './version.js';

/** One check a pod fails. */
export interface PssViolation {
  /** Upstream check id, e.g. `allowPrivilegeEscalation`. */
  check: PssCheckId;
  reason: string;
  detail: string;
  /** JSON pointers of the offending fields inside the resource. */
  paths: string[];
}

/** The verdict for one pod at one level and version. */
export interface PssVerdict {
  allowed: boolean;
  /** In the order the API server lists them. */
  violations: PssViolation[];
}

/** The newest minor any check has a revision for: what `latest` evaluates as. */
export const MAX_CHECK_MINOR: number = Math.max(
  ...PSS_CHECKS.flatMap((c) => c.revisions.map((r) => r.minMinor)),
);

function revisionAt(check: PssCheck, minor: number): CheckRevision | undefined {
  let found: CheckRevision | undefined;
  for (const revision of check.revisions) if (revision.minMinor <= minor) found = revision;
  return found;
}

function byId(a: PssCheck, b: PssCheck): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

// The API server orders results by id (byte order), baseline checks first, so messages are stable.
const ORDERED: readonly PssCheck[] = [
  ...PSS_CHECKS.filter((c) => c.level === 'baseline').sort(byId),
  ...PSS_CHECKS.filter((c) => c.level === 'restricted').sort(byId),
];

/** The checks (with the revision that applies) evaluated for a level at a version, in message order. */
export function checksFor(
  level: PssLevel,
  version: PolicyVersion,
): { check: PssCheck; revision: CheckRevision }[] {
  if (level === 'privileged') return [];
  const minor = effectiveMinor(version, MAX_CHECK_MINOR);
  const active = ORDERED.flatMap((check) => {
    if (level === 'baseline' && check.level === 'restricted') return [];
    const revision = revisionAt(check, minor);
    return revision ? [{ check, revision }] : [];
  });
  if (level === 'baseline') return active;
  const overridden = new Set(active.flatMap((a) => a.revision.overrides ?? []));
  return active.filter((a) => !overridden.has(a.check.id));
}

/**
 * Evaluates a single check at a version, ignoring which other checks run at any level (used by the `pss/`
 * rules, one per check). Undefined when the pod passes or the check does not exist at that version.
 */
export function evaluateCheck(
  id: PssCheckId,
  pod: PodInput,
  version: PolicyVersion,
): PssViolation | undefined {
  const check = PSS_CHECKS.find((c) => c.id === id);
  const revision = check && revisionAt(check, effectiveMinor(version, MAX_CHECK_MINOR));
  const failure = revision?.evaluate(pod);
  return failure ? { check: id, ...failure } : undefined;
}

/** Evaluates a pod against a level and version, as pod-security-admission does. */
export function evaluatePod(pod: PodInput, level: PssLevel, version: PolicyVersion): PssVerdict {
  const violations: PssViolation[] = [];
  for (const { check, revision } of checksFor(level, version)) {
    const failure = revision.evaluate(pod);
    if (failure) violations.push({ check: check.id, ...failure });
  }
  return { allowed: violations.length === 0, violations };
}

/** `reason (detail), reason, …`: how the API server joins violations in its messages. */
export function forbiddenDetail(violations: readonly Pick<PssViolation, 'reason' | 'detail'>[]): string {
  return violations.map((v) => (v.detail === '' ? v.reason : `${v.reason} (${v.detail})`)).join(', ');
}

/** The API server's warning text: `would violate PodSecurity "restricted:latest": …`. */
export function wouldViolateMessage(
  level: PssLevel,
  version: PolicyVersion,
  violations: readonly PssViolation[],
): string {
  return `would violate PodSecurity "${formatLevelVersion(level, version)}": ${forbiddenDetail(violations)}`;
}

/** The pod a resource carries (its own spec for a Pod, its template otherwise), or undefined. */
export function podInputOf(resource: Resource): PodInput | undefined {
  const view = workloadOf(resource);
  if (!view) return undefined;
  return {
    metadata: view.podMetadata,
    metadataPointer: view.podMetadataPointer,
    spec: view.podSpec,
    specPointer: view.podSpecPointer,
    containers: view.containers.map((c) => ({
      // Admission sees the raw name; the view's "#index" placeholder is for reports only.
      name: typeof c.spec.name === 'string' ? c.spec.name : '',
      spec: c.spec,
      pointer: c.pointer,
    })),
  };
}
