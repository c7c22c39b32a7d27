/**
 * kubeward as a library: load manifests, run the rule catalog, and format reports.
 *
 * @packageDocumentation
 */
export { scan, scanUnits, type ScanOptions } from './engine/scan.js';
export type { Finding, ResourceSummary, RuleInfo, ScanResult, Suppression } from './engine/result.js';
export {
  defaultConfig,
  parseConfig,
  PRESETS,
  type Exemption,
  type KubewardConfig,
  type RuleSetting,
} from './engine/config.js';
export { allRules, inPreset, selectRules } from './engine/registry.js';
export { defineRule, type Rule, type RuleMeta, type RuleContext, type PresetName } from './engine/rule.js';
export { UsageError, InputError, InternalError } from './base/errors.js';
export { loadInputs, type LoadOptions, type LoadedUnit } from './load/inputs.js';
export { loadText } from './load/documents.js';
export { readConfigFile, findConfigFile } from './load/config-file.js';
export {
  workloadOf,
  isWorkload,
  WORKLOAD_KINDS,
  type WorkloadView,
  type ContainerView,
} from './model/workload.js';
export type { Problem, Resource, ResourceRef, Severity, SourceLocation } from './model/types.js';
export { VERSION } from './version.js';
export {
  evaluatePod,
  evaluateResources,
  evaluateWithNamespaces,
  formatPssText,
  formatPssJson,
  podInputOf,
  parsePolicyVersion,
  PSS_CHECKS,
  type PssCheckId,
  type PssLevel,
  type PolicyVersion,
  type PssReport,
  type PssResult,
  type PssVerdict,
} from './analysis/pss/index.js';
export { collectFacts, type CollectOptions } from './node/probe/collect.js';
export {
  evaluate as evaluateNode,
  selectBenchmark,
  type CheckResult,
  type NodeReport,
  type Selection,
  type Status as NodeStatus,
} from './node/evaluate.js';
export { parseFacts, validateFacts, stringifyFacts, type NodeFacts } from './node/facts.js';
export { BENCHMARKS, benchmarkById } from './node/benchmarks/index.js';
export { formatNodeReport, NODE_FORMATS, type NodeFormat } from './node/report/index.js';
export {
  analyzeNetpol,
  NetpolAnalysis,
  type NetpolOptions,
  type Connection,
  type DirectionVerdict,
} from './analysis/netpol/analysis.js';
export { coverage, type CoverageReport } from './analysis/netpol/coverage.js';
export { formatConnections, formatConnectionStream, type ListFormat } from './analysis/netpol/format.js';
export type {
  Endpoint,
  NetpolNote,
  PolicyInfo,
  RuleInfo as NetpolRuleInfo,
} from './analysis/netpol/types.js';
export {
  clusterSource,
  connectCluster,
  listKinds,
  kindsForRules,
  clusterFile,
  CLUSTER_KINDS,
  ApiResponseError,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_REQUEST_TIMEOUT,
  type ApiResponse,
  type ClusterConnection,
  type ClusterConnectOptions,
  type ClusterSourceOptions,
  type KindInfo,
  type ListOptions,
  type ListStats,
} from './load/cluster.js';
export { snapshotYaml } from './load/cluster-snapshot.js';
export {
  RbacGraph,
  identityOf,
  ruleAllows,
  type AccessRequest,
  type Grant,
  type Identity,
  type PolicyRule,
  type SubjectRef,
} from './analysis/rbac/index.js';
export { whoCan, can, parseAccessRequest, parseSubject } from './analysis/rbac/report.js';
