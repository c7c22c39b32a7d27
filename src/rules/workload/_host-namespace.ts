// Template of the host namespace rules (hostIPC, hostNetwork, hostPID). The leading underscore keeps this file
// out of the rule registry.
import { defineRule } from '../../engine/rule.js';
import { joinPointer } from '../../model/json.js';
import type { TemplateParams } from './_template.js';

/** A pod spec field that shares a node namespace; it is also the rule's message id. */
export type HostNamespaceField = 'hostIPC' | 'hostNetwork' | 'hostPID';

/** Parameters of {@link hostNamespaceRule}. */
export interface HostNamespaceRuleParams<F extends HostNamespaceField> extends TemplateParams<F> {
  field: F;
}

/** A rule reporting a pod spec that sets the field to `true` (unset and false are the private default). */
export function hostNamespaceRule<F extends HostNamespaceField>({
  id,
  field,
  meta,
  examples,
}: HostNamespaceRuleParams<F>) {
  return defineRule({
    id,
    meta: { ...meta, kinds: ['workload'], options: {} },
    check({ workload, report }) {
      if (workload?.podSpec[field] === true) {
        report({ messageId: field, path: joinPointer(workload.podSpecPointer, field) });
      }
    },
    examples,
  });
}
