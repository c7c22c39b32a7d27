import type { JsonValue, Severity, SourceLocation } from '../model/types.js';
import { SEVERITIES } from '../model/types.js';
import { isObject } from '../model/json.js';
import type { PresetName } from './rule.js';

/** All preset names. */
export const PRESETS: readonly PresetName[] = [
  'recommended',
  'strict',
  'kubesec',
  'pss-baseline',
  'pss-restricted',
  'cis',
  'nsa',
  'all',
];

/** A config exemption: findings matching every given selector are suppressed, with the reason. */
export interface Exemption {
  /** Rule ids or globs (`workload/*`); all rules when absent. */
  rules?: string[];
  /** Namespace globs. */
  namespaces?: string[];
  /** Kind names. */
  kinds?: string[];
  /** Object-name globs. */
  names?: string[];
  /** Container-name globs; a finding not about a container never matches a container exemption. */
  containers?: string[];
  reason: string;
}

/** Per-rule configuration. */
export interface RuleSetting {
  /** `false` turns the rule off; `true` turns it on even when the preset leaves it out. */
  enabled?: boolean;
  severity?: Severity;
  options?: Record<string, JsonValue>;
}

/** The effective configuration of a scan. */
export interface KubewardConfig {
  preset: PresetName;
  rules: Record<string, RuleSetting>;
  exemptions: Exemption[];
  /** Lowest severity that makes the run fail (exit 1); `none` never fails on findings. */
  failOn: Severity | 'none';
  /** Whether `kubeward.io/ignore` annotations suppress findings. */
  annotationExemptions: boolean;
}

/** Defaults used when no config file is found. */
export function defaultConfig(): KubewardConfig {
  return { preset: 'recommended', rules: {}, exemptions: [], failOn: 'high', annotationExemptions: true };
}

/** One problem in a config file, naming the key and where it is. */
export interface ConfigIssue {
  key: string;
  message: string;
  location: SourceLocation;
}

const TOP_KEYS = ['preset', 'rules', 'exemptions', 'failOn', 'annotationExemptions'];
const EXEMPTION_KEYS = ['rules', 'namespaces', 'kinds', 'names', 'containers', 'reason'];

/**
 * Validates a parsed `.kubeward.yaml`. Returns the config merged over the defaults, and every issue found
 * (unknown keys, wrong types, unknown rule ids, exemptions without a reason), each with its key and line.
 */
export function parseConfig(
  value: JsonValue,
  locate: (pointer: string) => SourceLocation,
  knownRuleIds: ReadonlySet<string>,
  knownOptions: (ruleId: string) => Record<string, 'integer' | 'boolean' | 'string-list'> | undefined,
): { config: KubewardConfig; issues: ConfigIssue[] } {
  const config = defaultConfig();
  const issues: ConfigIssue[] = [];
  const issue = (key: string, pointer: string, message: string): void => {
    issues.push({ key, message, location: locate(pointer) });
  };
  if (value === null) return { config, issues };
  if (!isObject(value)) {
    issue('(root)', '', 'the config must be a mapping');
    return { config, issues };
  }
  for (const key of Object.keys(value)) {
    if (!TOP_KEYS.includes(key))
      issue(key, `/${key}`, `unknown key "${key}" (expected one of ${TOP_KEYS.join(', ')})`);
  }
  if (value.preset !== undefined) {
    if (typeof value.preset === 'string' && (PRESETS as readonly string[]).includes(value.preset)) {
      config.preset = value.preset as PresetName;
    } else issue('preset', '/preset', `must be one of ${PRESETS.join(', ')}`);
  }
  if (value.failOn !== undefined) {
    if (typeof value.failOn === 'string' && [...SEVERITIES, 'none'].includes(value.failOn)) {
      config.failOn = value.failOn as Severity | 'none';
    } else issue('failOn', '/failOn', `must be one of ${[...SEVERITIES, 'none'].join(', ')}`);
  }
  if (value.annotationExemptions !== undefined) {
    if (typeof value.annotationExemptions === 'boolean')
      config.annotationExemptions = value.annotationExemptions;
    else issue('annotationExemptions', '/annotationExemptions', 'must be true or false');
  }
  if (value.rules !== undefined) {
    if (!isObject(value.rules)) issue('rules', '/rules', 'must be a mapping of rule id to a setting');
    else {
      for (const [id, raw] of Object.entries(value.rules)) {
        const key = `rules.${id}`;
        const pointer = `/rules/${id.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        if (!knownRuleIds.has(id)) {
          issue(key, pointer, `unknown rule "${id}" (see \`kubeward rules\`)`);
          continue;
        }
        const setting = parseRuleSetting(raw, key, pointer, knownOptions(id) ?? {}, issue);
        if (setting) config.rules[id] = setting;
      }
    }
  }
  if (value.exemptions !== undefined) {
    if (!Array.isArray(value.exemptions)) issue('exemptions', '/exemptions', 'must be a list');
    else {
      value.exemptions.forEach((raw, index) => {
        const key = `exemptions[${index}]`;
        const pointer = `/exemptions/${index}`;
        if (!isObject(raw)) {
          issue(key, pointer, 'must be a mapping');
          return;
        }
        let ok = true;
        for (const k of Object.keys(raw)) {
          if (!EXEMPTION_KEYS.includes(k)) {
            issue(
              `${key}.${k}`,
              `${pointer}/${k}`,
              `unknown key "${k}" (expected one of ${EXEMPTION_KEYS.join(', ')})`,
            );
            ok = false;
          }
        }
        if (typeof raw.reason !== 'string' || raw.reason.trim() === '') {
          issue(`${key}.reason`, pointer, 'every exemption needs a non-empty reason');
          ok = false;
        }
        const exemption: Exemption = { reason: typeof raw.reason === 'string' ? raw.reason : '' };
        for (const field of ['rules', 'namespaces', 'kinds', 'names', 'containers'] as const) {
          const list = raw[field];
          if (list === undefined) continue;
          if (!Array.isArray(list) || !list.every((x) => typeof x === 'string')) {
            issue(`${key}.${field}`, `${pointer}/${field}`, 'must be a list of strings');
            ok = false;
          } else exemption[field] = list as string[];
        }
        if (ok) config.exemptions.push(exemption);
      });
    }
  }
  return { config, issues };
}

function parseRuleSetting(
  raw: JsonValue,
  key: string,
  pointer: string,
  options: Record<string, 'integer' | 'boolean' | 'string-list'>,
  issue: (key: string, pointer: string, message: string) => void,
): RuleSetting | undefined {
  // Shorthands: `off`, `on`, or a severity name.
  if (raw === 'off' || raw === false) return { enabled: false };
  if (raw === 'on' || raw === true) return { enabled: true };
  if (typeof raw === 'string' && (SEVERITIES as readonly string[]).includes(raw)) {
    return { enabled: true, severity: raw as Severity };
  }
  if (!isObject(raw)) {
    issue(key, pointer, `must be "off", "on", a severity (${SEVERITIES.join(', ')}) or a mapping`);
    return undefined;
  }
  const setting: RuleSetting = {};
  for (const [k, v] of Object.entries(raw)) {
    const at = `${pointer}/${k}`;
    if (k === 'enabled') {
      if (typeof v === 'boolean') setting.enabled = v;
      else issue(`${key}.enabled`, at, 'must be true or false');
    } else if (k === 'severity') {
      if (typeof v === 'string' && (SEVERITIES as readonly string[]).includes(v))
        setting.severity = v as Severity;
      else issue(`${key}.severity`, at, `must be one of ${SEVERITIES.join(', ')}`);
    } else if (k === 'options') {
      if (!isObject(v)) {
        issue(`${key}.options`, at, 'must be a mapping');
        continue;
      }
      setting.options = {};
      for (const [name, optionValue] of Object.entries(v)) {
        const type = options[name];
        const optionKey = `${key}.options.${name}`;
        if (!type) {
          const known = Object.keys(options);
          issue(
            optionKey,
            `${at}/${name}`,
            `unknown option "${name}"${known.length ? ` (expected one of ${known.join(', ')})` : ' (this rule has no options)'}`,
          );
        } else if (
          (type === 'integer' && !Number.isInteger(optionValue)) ||
          (type === 'boolean' && typeof optionValue !== 'boolean') ||
          (type === 'string-list' &&
            !(Array.isArray(optionValue) && optionValue.every((x) => typeof x === 'string')))
        ) {
          issue(
            optionKey,
            `${at}/${name}`,
            `must be ${type === 'string-list' ? 'a list of strings' : `a ${type}`}`,
          );
        } else setting.options[name] = optionValue;
      }
    } else issue(`${key}.${k}`, at, `unknown key "${k}" (expected enabled, severity or options)`);
  }
  return setting;
}
