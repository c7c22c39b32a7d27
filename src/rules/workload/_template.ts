// Types shared by the parameterised rule templates of this family (kube-linter style: a template holds the
// check, each rule file instantiates it with its own metadata and examples). The leading underscore keeps
// this file out of the rule registry.
import type { RuleExamples, RuleMeta, RuleOptionSpec } from '../../engine/rule.js';

/** The metadata a rule file gives a template: everything except what the template fixes (kinds, options). */
export type TemplateMeta<M extends string> = Omit<
  RuleMeta<M, Record<never, RuleOptionSpec>>,
  'kinds' | 'options'
>;

/** What every template receives from the rule file that instantiates it. */
export interface TemplateParams<M extends string> {
  /** `<family>/<name>`, equal to the rule file's path. */
  id: string;
  meta: TemplateMeta<M>;
  examples: RuleExamples;
}
