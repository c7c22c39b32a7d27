import { asObject, joinPointer } from '../../model/json.js';
import type { Problem, Resource } from '../../model/types.js';
import {
  formatLevelVersion,
  LATEST,
  parseLevel,
  parsePolicyVersion,
  type PolicyVersion,
  type PssLevel,
} from './version.js';

/** A level at a version. */
export interface LevelVersion {
  level: PssLevel;
  version: PolicyVersion;
}

/** The three Pod Security Admission modes of a namespace. */
export interface NamespacePolicy {
  enforce: LevelVersion;
  audit: LevelVersion;
  warn: LevelVersion;
}

/** The admission modes, in the order the API server evaluates them. */
export const MODES = ['enforce', 'audit', 'warn'] as const;

/** One admission mode. */
export type Mode = (typeof MODES)[number];

/** Label prefix of Pod Security Admission. */
export const LABEL_PREFIX = 'pod-security.kubernetes.io/';

/** The same level and version for every mode: what an unlabelled namespace gets. */
export function uniformPolicy(level: PssLevel, version: PolicyVersion = LATEST): NamespacePolicy {
  const lv = { level, version };
  return { enforce: lv, audit: lv, warn: lv };
}

/**
 * Resolves a namespace's labels the way the API server does: unset labels keep the defaults; a bad enforce
 * level becomes `restricted`, a bad audit or warn level becomes `privileged` (they fail open), and a bad
 * version becomes `latest`. Each bad label is reported as a warning problem at its position.
 */
export function policyFromLabels(
  namespace: Resource,
  defaults: NamespacePolicy,
  problems: Problem[],
): NamespacePolicy {
  const labels = asObject(asObject(namespace.object.metadata)?.labels);
  const policy: NamespacePolicy = {
    enforce: { ...defaults.enforce },
    audit: { ...defaults.audit },
    warn: { ...defaults.warn },
  };
  if (!labels) return policy;
  const report = (key: string, value: string, expected: string, fallback: string): void => {
    problems.push({
      code: 'config/invalid',
      level: 'warning',
      message: `Namespace ${namespace.name}: label ${key}=${JSON.stringify(value)} is invalid (${expected}); the API server uses ${fallback}`,
      location: namespace.source.locate(joinPointer('/metadata/labels', key)),
    });
  };
  for (const mode of MODES) {
    const levelKey = LABEL_PREFIX + mode;
    const levelValue = labels[levelKey];
    if (levelValue !== undefined) {
      const text = typeof levelValue === 'string' ? levelValue : String(levelValue);
      const level = parseLevel(text);
      if (level) policy[mode].level = level;
      else {
        // Enforce fails closed; audit and warn fail open.
        policy[mode].level = mode === 'enforce' ? 'restricted' : 'privileged';
        report(levelKey, text, 'must be one of privileged, baseline, restricted', policy[mode].level);
      }
    }
    const versionKey = `${levelKey}-version`;
    const versionValue = labels[versionKey];
    if (versionValue !== undefined) {
      const text = typeof versionValue === 'string' ? versionValue : String(versionValue);
      const version = parsePolicyVersion(text);
      if (version) policy[mode].version = version;
      else {
        policy[mode].version = LATEST;
        report(versionKey, text, 'must be "latest" or "v1.x"', 'latest');
      }
    }
  }
  return policy;
}

/** Policies of every Namespace object in the input, by name. */
export function namespacePolicies(
  resources: readonly Resource[],
  defaults: NamespacePolicy,
  problems: Problem[],
): Map<string, NamespacePolicy> {
  const policies = new Map<string, NamespacePolicy>();
  for (const r of resources) {
    if (r.kind === 'Namespace' && r.apiVersion === 'v1' && r.name !== '')
      policies.set(r.name, policyFromLabels(r, defaults, problems));
  }
  return policies;
}

/** `enforce=restricted:latest, audit=…, warn=…`. */
export function describePolicy(policy: NamespacePolicy): string {
  return MODES.map((m) => `${m}=${formatLevelVersion(policy[m].level, policy[m].version)}`).join(', ');
}
