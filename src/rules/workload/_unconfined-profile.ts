// Template of the rules that report an `Unconfined` security profile (AppArmor, seccomp). The leading
// underscore keeps this file out of the rule registry.
import { defineRule, type RuleReport } from '../../engine/rule.js';
import { asObject, joinPointer } from '../../model/json.js';
import type { WorkloadView } from '../../model/workload.js';
import type { TemplateParams } from './_template.js';

/** Parameters of {@link unconfinedProfileRule}. */
export interface UnconfinedProfileRuleParams<E extends string> extends TemplateParams<
  'pod' | 'container' | E
> {
  /** The securityContext field holding the profile (`{ type: … }`). */
  field: 'appArmorProfile' | 'seccompProfile';
  /** Further checks after the fields, for example of a legacy annotation, with their own message ids. */
  alsoCheck?: (workload: WorkloadView, report: (r: RuleReport<E>) => void) => void;
}

/**
 * A rule judging the pod-level profile and each container's own profile separately, as Pod Security Admission
 * does: each one of type `Unconfined` is reported; a container that merely inherits the pod's is not.
 */
export function unconfinedProfileRule<E extends string = never>({
  id,
  field,
  alsoCheck,
  meta,
  examples,
}: UnconfinedProfileRuleParams<E>) {
  return defineRule<'pod' | 'container' | E>({
    id,
    meta: { ...meta, kinds: ['workload'], options: {} },
    check({ workload, report }) {
      if (!workload) return;
      const podProfile = asObject(workload.podSecurityContext?.[field]);
      if (podProfile?.type === 'Unconfined') {
        report({
          messageId: 'pod',
          path: joinPointer(workload.podSecurityContextPointer, field, 'type'),
        });
      }
      for (const container of workload.containers) {
        const profile = container.effective[field];
        if (profile?.from !== 'container' || asObject(profile.value)?.type !== 'Unconfined') continue;
        report({
          messageId: 'container',
          path: joinPointer(profile.pointer, 'type'),
          container,
          data: { container: container.name },
        });
      }
      alsoCheck?.(workload, report);
    },
    examples,
  });
}
