import { loadText } from '../load/documents.js';
import type { Problem } from '../model/types.js';
import type { KubewardConfig } from './config.js';
import type { Finding } from './result.js';
import type { AnyRule, RuleOptionSpec } from './rule.js';
import { checkCluster, checkResource, resolveOptions } from './run.js';
import { kindSelected, ResourceIndex } from '../model/resource-index.js';
import type { JsonValue } from '../model/types.js';
import { pushAll } from '../model/array.js';

/** Result of running one rule on YAML text. */
export interface RuleRun {
  findings: Finding[];
  problems: Problem[];
}

/**
 * Runs a single rule over YAML text (one or more documents, seen together by a cluster-scope rule), with
 * its default options unless others are given. Used by the rule harness and by rules' own tests.
 */
export function runRule(
  rule: AnyRule,
  yaml: string,
  options?: Record<string, JsonValue>,
  config: Pick<KubewardConfig, 'exemptions' | 'annotationExemptions'> = {
    exemptions: [],
    annotationExemptions: true,
  },
): RuleRun {
  const loaded = loadText(yaml, { file: 'example.yaml' });
  const problems = [...loaded.problems];
  const active = [
    {
      rule,
      severity: rule.meta.severity,
      options: resolveOptions(rule.meta.options as Record<string, RuleOptionSpec>, options),
    },
  ];
  const findings = loaded.resources.flatMap((r) => checkResource(r, active, config, problems));
  if (rule.scope === 'cluster') {
    const kept = loaded.resources.filter((r) => kindSelected(rule.meta.kinds, r));
    pushAll(findings, checkCluster(new ResourceIndex(kept), active, config, problems));
  }
  return { findings, problems };
}
