// Template of the rules that report a low user or group ID (runAsUser, runAsGroup). The leading underscore
// keeps this file out of the rule registry.
import { defineRule } from '../../engine/rule.js';
import { joinPointer } from '../../model/json.js';
import { isWindowsPod } from '../../model/pod-os.js';
import type { TemplateParams } from './_template.js';

/** Parameters of {@link lowIdRule}. */
export interface LowIdRuleParams extends TemplateParams<'low' | 'unset'> {
  /** The securityContext field judged (container over pod). */
  field: 'runAsUser' | 'runAsGroup';
  /** Name of the ID in the `low` message data. */
  idKey: 'uid' | 'gid';
  /** Descriptions of the `threshold` and `reportUnset` options. */
  optionDescriptions: { threshold: string; reportUnset: string };
}

/**
 * A rule reporting each container of a non-Windows pod whose effective ID is at or below the `threshold`
 * option, and, with `reportUnset`, each container where it is unset.
 */
export function lowIdRule({ id, field, idKey, optionDescriptions, meta, examples }: LowIdRuleParams) {
  return defineRule({
    id,
    meta: {
      ...meta,
      kinds: ['workload'],
      options: {
        threshold: {
          type: 'integer',
          default: 10000,
          minimum: 0,
          description: optionDescriptions.threshold,
        },
        reportUnset: {
          type: 'boolean',
          default: false,
          description: optionDescriptions.reportUnset,
        },
      },
    },
    check({ workload, options, report }) {
      if (!workload || isWindowsPod(workload)) return;
      for (const container of workload.containers) {
        const located = container.effective[field];
        const data = { container: container.name, threshold: options.threshold };
        if (typeof located?.value === 'number') {
          if (located.value <= options.threshold)
            report({
              messageId: 'low',
              path: located.pointer,
              container,
              data: { ...data, [idKey]: located.value },
            });
        } else if (options.reportUnset) {
          report({
            messageId: 'unset',
            path: joinPointer(container.securityContextPointer, field),
            container,
            data,
          });
        }
      }
    },
    examples,
  });
}
