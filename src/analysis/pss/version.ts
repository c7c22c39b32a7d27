/** A Pod Security Standards level. */
export type PssLevel = 'privileged' | 'baseline' | 'restricted';

/** All levels, least strict first. */
export const PSS_LEVELS: readonly PssLevel[] = ['privileged', 'baseline', 'restricted'];

/** A policy version: `latest` or a `v1.N` minor. */
export type PolicyVersion = { latest: true } | { latest: false; minor: number };

/**
 * The newest Kubernetes minor whose pod-security-admission policy kubeward models. Policy versions above it
 * behave like it, as the API server clamps any version above its newest registered check revision.
 */
export const NEWEST_MINOR = 37;

/** The `latest` policy version. */
export const LATEST: PolicyVersion = { latest: true };

/** A `v1.N` policy version. */
export function minorVersion(minor: number): PolicyVersion {
  return { latest: false, minor };
}

// Same pattern as the API server's label parser: "v1." followed by a number without leading zeros.
const VERSION_PATTERN = /^v1\.([0-9]|[1-9][0-9]*)$/;

/** Parses `latest` or `v1.N`; returns undefined for anything else (the caller decides how to report it). */
export function parsePolicyVersion(text: string): PolicyVersion | undefined {
  if (text === 'latest') return LATEST;
  const m = VERSION_PATTERN.exec(text);
  if (!m) return undefined;
  const minor = Number(m[1]);
  return Number.isSafeInteger(minor) ? minorVersion(minor) : undefined;
}

/** Parses a level name; undefined when it is not one of the three levels. */
export function parseLevel(text: string): PssLevel | undefined {
  return (PSS_LEVELS as readonly string[]).includes(text) ? (text as PssLevel) : undefined;
}

/** `latest` or `v1.N`, as the API server prints versions. */
export function formatVersion(version: PolicyVersion): string {
  return version.latest ? 'latest' : `v1.${version.minor}`;
}

/** `level:version`, as the API server prints a policy in its messages. */
export function formatLevelVersion(level: PssLevel, version: PolicyVersion): string {
  return `${level}:${formatVersion(version)}`;
}

/**
 * The minor a version evaluates as: `latest` and anything newer than the newest check revision resolve to
 * that revision's minor (the API server's registry does the same clamping).
 */
export function effectiveMinor(version: PolicyVersion, maxMinor: number): number {
  return version.latest ? maxMinor : Math.min(version.minor, maxMinor);
}
