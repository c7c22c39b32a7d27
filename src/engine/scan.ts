import type { Problem, Resource } from '../model/types.js';
import { loadInputs, DEFAULT_LOAD_OPTIONS, type LoadOptions, type LoadedUnit } from '../load/inputs.js';
import { defaultConfig, type KubewardConfig } from './config.js';
import { ruleInfo, selectRules } from './registry.js';
import type { Finding, ResourceSummary, ScanResult } from './result.js';
import { checkCluster, checkResource } from './run.js';
import { kindSelected, ResourceIndex } from '../model/resource-index.js';
import { orderFindings, orderProblems, orderResources } from './order.js';
import { VERSION } from '../version.js';
import { kubesecReport, kubesecScore, type KubesecReport } from '../analysis/kubesec/score.js';
import { pushAll } from '../model/array.js';

/** Options of {@link scan}. */
export interface ScanOptions {
  config?: KubewardConfig;
  /** Run only these rule ids (overrides the preset). */
  only?: readonly string[];
  load?: Partial<LoadOptions>;
  /** Called once per loaded unit, after its resources were checked (for progress). */
  onUnit?: (unit: LoadedUnit) => void;
  /** Also produce kubesec v2 reports, one per document, in {@link ScanResult.kubesec}. */
  kubesec?: boolean;
}

/**
 * Scans manifests: loads every input, runs the selected rules on each resource as soon as its file is
 * read, and keeps only findings and resource summaries, so memory is bounded by the largest file rather
 * than by the whole input.
 */
export async function scan(paths: readonly string[], options: ScanOptions = {}): Promise<ScanResult> {
  return scanUnits((load) => loadInputs(paths, load), options);
}

/**
 * Scans resources from any source of loaded units (files, a live cluster, an admission request). The source
 * receives the effective load options, including the kubesec document hook when kubesec output is asked for.
 */
export async function scanUnits(
  source: (load: LoadOptions) => AsyncIterable<LoadedUnit>,
  options: ScanOptions = {},
): Promise<ScanResult> {
  const config = options.config ?? defaultConfig();
  const active = selectRules(config, options.only);
  const resources: ResourceSummary[] = [];
  const findings: Finding[] = [];
  const problems: Problem[] = [];
  let documents = 0;
  const kubesec: KubesecReport[] = [];
  const load: LoadOptions = { ...DEFAULT_LOAD_OPTIONS, ...options.load };
  if (options.kubesec) {
    // kubesec names standard input STDIN.
    load.onDocument = (value, file) => kubesec.push(kubesecReport(value, file === '-' ? 'STDIN' : file));
  }
  // Cluster-scope rules see resources side by side, so only the kinds they declared are kept until the end;
  // everything else is dropped as soon as its file has been checked.
  const clusterRules = active.filter((a) => a.rule.scope === 'cluster');
  const keepKinds = clusterRules.flatMap((a) => a.rule.meta.kinds);
  const kept: Resource[] = [];
  for await (const unit of source(load)) {
    documents += unit.documents;
    pushAll(problems, unit.problems);
    for (const resource of unit.resources) {
      pushAll(findings, checkResource(resource, active, config, problems));
      if (keepKinds.length > 0 && kindSelected(keepKinds, resource)) kept.push(resource);
      resources.push({
        apiVersion: resource.apiVersion,
        kind: resource.kind,
        namespace: resource.namespace,
        name: resource.name,
        source: {
          file: resource.source.file,
          docIndex: resource.source.docIndex,
          line: resource.source.line,
          column: resource.source.column,
        },
        score: kubesecScore(resource.object),
      });
    }
    options.onUnit?.(unit);
  }
  if (clusterRules.length > 0)
    pushAll(findings, checkCluster(new ResourceIndex(kept), clusterRules, config, problems));
  return {
    tool: { name: 'kubeward', version: VERSION },
    resources: orderResources(resources),
    findings: orderFindings(findings),
    problems: orderProblems(problems),
    rules: active.map((a) => ({ ...ruleInfo(a.rule), severity: a.severity })),
    documents,
    ...(options.kubesec ? { kubesec } : {}),
  };
}
