/**
 * Pod Security Standards: every check of pod-security-admission, by level and policy version, with the API
 * server's wording.
 *
 * @packageDocumentation
 */
export {
  PSS_CHECKS,
  type PssCheck,
  type PssCheckId,
  type PodInput,
  type PodContainer,
  type CheckFailure,
} from './checks.js';
export {
  checksFor,
  evaluateCheck,
  evaluatePod,
  forbiddenDetail,
  podInputOf,
  wouldViolateMessage,
  MAX_CHECK_MINOR,
  type PssVerdict,
  type PssViolation,
} from './evaluate.js';
export {
  policyFromLabels,
  namespacePolicies,
  uniformPolicy,
  describePolicy,
  LABEL_PREFIX,
  MODES,
  type NamespacePolicy,
  type LevelVersion,
  type Mode,
} from './namespaces.js';
export {
  evaluateResources,
  evaluateWithNamespaces,
  allAllowed,
  formatPssText,
  formatPssJson,
  type PssReport,
  type PssResult,
  type PssEvaluation,
  type PssReportedViolation,
} from './report.js';
export {
  parsePolicyVersion,
  parseLevel,
  formatVersion,
  formatLevelVersion,
  LATEST,
  NEWEST_MINOR,
  PSS_LEVELS,
  type PolicyVersion,
  type PssLevel,
} from './version.js';
