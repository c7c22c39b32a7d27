import type { Resource, Severity } from '../model/types.js';
import type { ContainerView, WorkloadView } from '../model/workload.js';
import type { ResourceIndex } from '../model/resource-index.js';

/** Preset names. `all` and `recommended` are computed; the others are listed by rules. */
export type PresetName =
  'recommended' | 'strict' | 'kubesec' | 'pss-baseline' | 'pss-restricted' | 'cis' | 'nsa' | 'all';

/** Presets a rule may list in its metadata (`all` contains every rule implicitly). */
export type RulePreset = Exclude<PresetName, 'all' | 'kubesec'>;

export type { RuleRefs } from '../model/report.js';
import type { RuleRefs } from '../model/report.js';

/** Declaration of one rule option; every option has a default. */
export type RuleOptionSpec =
  | { type: 'integer'; default: number; minimum?: number; description: string }
  | { type: 'boolean'; default: boolean; description: string }
  | { type: 'string-list'; default: string[]; description: string };

/** Value type of an option declaration. */
export type OptionValue<S extends RuleOptionSpec> = S['default'];

/** Resolved option values of a rule. */
export type OptionValues<O extends Record<string, RuleOptionSpec>> = { [K in keyof O]: OptionValue<O[K]> };

/** Rule metadata: everything the docs, presets and reporters need. */
export interface RuleMeta<M extends string, O extends Record<string, RuleOptionSpec>> {
  /** Short title, under 60 characters, no final period. */
  title: string;
  /** What the rule checks and why it matters, in full sentences. */
  description: string;
  /** What to change, in full sentences. */
  remediation: string;
  severity: Severity;
  /** Resource kinds the rule reads: `workload` for every pod-bearing kind, or kind names. */
  kinds: readonly string[];
  refs: RuleRefs;
  presets: readonly RulePreset[];
  options: O;
  /** Message templates; `{{name}}` is replaced from the report's data. */
  messages: Record<M, string>;
  /** Why the rule judges the way it does where scanners disagree (shown in the rule's doc). */
  notes?: string;
  /**
   * Ids of rules this rule replaces when both are selected (a Pod Security Standards restricted check
   * replaces its baseline counterpart, so one problem gives one finding).
   */
  supersedes?: readonly string[];
}

/** One finding as a rule reports it. */
export interface RuleReport<M extends string> {
  messageId: M;
  /** JSON pointer of the offending field, or of where the missing field belongs. */
  path: string;
  /** Container the finding is about, when it is about one. */
  container?: ContainerView;
  data?: Record<string, string | number>;
}

/** What a rule's check receives. */
export interface RuleContext<M extends string, O extends Record<string, RuleOptionSpec>> {
  resource: Resource;
  /** The pod template view, for workload kinds. */
  workload: WorkloadView | undefined;
  options: OptionValues<O>;
  report(report: RuleReport<M>): void;
}

/** Inline examples: each `fail` document must produce this rule's finding, each `pass` document none. */
export interface RuleExamples {
  pass: string[];
  fail: string[];
}

/** A rule: metadata, a pure check, and executable examples. */
export interface Rule<
  M extends string = string,
  O extends Record<string, RuleOptionSpec> = Record<string, RuleOptionSpec>,
> {
  scope?: 'resource';
  /** `<family>/<name>`, equal to the rule's path under `src/rules`. */
  id: string;
  meta: RuleMeta<M, O>;
  check(context: RuleContext<M, O>): void;
  examples: RuleExamples;
}

/** A finding as a cluster-scope rule reports it: like {@link RuleReport}, plus the resource it is about. */
export interface ClusterRuleReport<M extends string> extends RuleReport<M> {
  resource: Resource;
}

/** What a cluster-scope rule's check receives: every resource of the kinds it declared. */
export interface ClusterRuleContext<M extends string, O extends Record<string, RuleOptionSpec>> {
  index: ResourceIndex;
  options: OptionValues<O>;
  report(report: ClusterRuleReport<M>): void;
}

/**
 * A rule that judges resources against each other (bindings against roles, pods against network
 * policies). Its `meta.kinds` says which resources the engine must keep for it (`*` for all).
 */
export interface ClusterRule<
  M extends string = string,
  O extends Record<string, RuleOptionSpec> = Record<string, RuleOptionSpec>,
> {
  id: string;
  scope: 'cluster';
  meta: RuleMeta<M, O>;
  check(context: ClusterRuleContext<M, O>): void;
  /** Each example is a whole multi-document input; `fail` inputs must produce a finding, `pass` none. */
  examples: RuleExamples;
}

/** Any rule, whatever its scope, message ids and options. */
// The check is contravariant in its context; the registry only needs to call it with matching options.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRule = (Rule<string, any> & { scope?: 'resource' }) | ClusterRule<string, any>;

/** Identity function that types a cluster-scope rule definition. */
export function defineClusterRule<
  M extends string,
  O extends Record<string, RuleOptionSpec> = Record<never, RuleOptionSpec>,
>(rule: Omit<ClusterRule<M, O>, 'scope'>): ClusterRule<M, O> {
  return { ...rule, scope: 'cluster' };
}

/** Identity function that types a rule definition. */
export function defineRule<
  M extends string,
  O extends Record<string, RuleOptionSpec> = Record<never, RuleOptionSpec>,
>(rule: Rule<M, O>): Rule<M, O> {
  return rule;
}

/** Fills `{{name}}` placeholders from data. */
export function formatMessage(template: string, data: Record<string, string | number> | undefined): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) =>
    data && data[key] !== undefined ? String(data[key]) : whole,
  );
}
