import { rules as catalog } from '../rules/index.js';
import type { KubewardConfig } from './config.js';
import type { RuleInfo } from './result.js';
import type { AnyRule, PresetName, RuleOptionSpec } from './rule.js';
import { fullRefs, resolveOptions, type ActiveRule } from './run.js';
import { UsageError } from '../base/errors.js';

/** Base URL of the rule documentation. */
export const DOCS_BASE = 'https://github.com/kubeward/kubeward/blob/main/docs/rules/';

/** Every rule in the catalog, sorted by id. */
export function allRules(): readonly AnyRule[] {
  return catalog;
}

/** Whether a rule belongs to a preset, as computed from its metadata. */
export function inPreset(rule: AnyRule, preset: PresetName): boolean {
  switch (preset) {
    case 'all':
      return true;
    case 'kubesec':
      return (rule.meta.refs.kubesec ?? []).length > 0;
    case 'strict':
      return rule.meta.presets.includes('recommended') || rule.meta.presets.includes('strict');
    default:
      return rule.meta.presets.includes(preset);
  }
}

/** Reporter-facing metadata of a rule. */
export function ruleInfo(rule: AnyRule): RuleInfo {
  return {
    id: rule.id,
    title: rule.meta.title,
    description: rule.meta.description,
    remediation: rule.meta.remediation,
    severity: rule.meta.severity,
    refs: fullRefs(rule.meta.refs),
    helpUri: `${DOCS_BASE}${rule.id}.md`,
  };
}

/** Option types of a rule, for config validation. */
export function optionTypes(ruleId: string): Record<string, RuleOptionSpec['type']> | undefined {
  const rule = catalog.find((r) => r.id === ruleId);
  if (!rule) return undefined;
  const specs = rule.meta.options as Record<string, RuleOptionSpec>;
  return Object.fromEntries(Object.entries(specs).map(([k, v]) => [k, v.type]));
}

/**
 * The rules a configuration selects, with effective severities and options. `only` overrides the preset;
 * an empty `only` or an unknown id in it is a {@link UsageError}.
 */
export function selectRules(
  config: Pick<KubewardConfig, 'preset' | 'rules'>,
  only?: readonly string[],
): ActiveRule[] {
  if (only) {
    // An empty selection would run nothing and pass every input.
    if (only.length === 0) throw new UsageError('no rule selected: name at least one rule id');
    const unknown = only.filter((id) => !catalog.some((r) => r.id === id));
    if (unknown.length > 0)
      throw new UsageError(`unknown rule id(s): ${unknown.join(', ')} (see \`kubeward rules\`)`);
  }
  const selected: ActiveRule[] = [];
  for (const rule of catalog) {
    const setting = config.rules[rule.id];
    const enabled = only
      ? only.includes(rule.id)
      : (setting?.enabled ?? (setting?.severity !== undefined || inPreset(rule, config.preset)));
    if (!enabled) continue;
    selected.push({
      rule,
      severity: setting?.severity ?? rule.meta.severity,
      options: resolveOptions(rule.meta.options as Record<string, RuleOptionSpec>, setting?.options),
    });
  }
  const superseded = new Set(selected.flatMap((a) => a.rule.meta.supersedes ?? []));
  return selected.filter((a) => !superseded.has(a.rule.id));
}
