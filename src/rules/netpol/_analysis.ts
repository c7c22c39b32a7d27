import { analyzeNetpol, type NetpolAnalysis } from '../../analysis/netpol/analysis.js';
import type { ResourceIndex } from '../../model/resource-index.js';

/** Kinds the network-policy analysis reads: workloads, namespaces, service accounts, policies, tiers. */
export const NETPOL_KINDS = [
  'workload',
  'Namespace',
  'ServiceAccount',
  'NetworkPolicy',
  'GlobalNetworkPolicy',
  'Tier',
];

const cache = new WeakMap<ResourceIndex, NetpolAnalysis>();

/** The analysis of a scan's resources, computed once and shared by every netpol rule of the scan. */
export function analysisOf(index: ResourceIndex): NetpolAnalysis {
  let analysis = cache.get(index);
  if (!analysis) {
    analysis = analyzeNetpol(index);
    cache.set(index, analysis);
  }
  return analysis;
}
