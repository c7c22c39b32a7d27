// Template of the four resource rules (cpu/memory × requests/limits). The leading underscore keeps this
// file out of the rule registry.
import { defineRule, type RuleOptionSpec, type RuleReport } from '../../engine/rule.js';
import { asObject, joinPointer } from '../../model/json.js';
import type { JsonValue } from '../../model/types.js';
import type { WorkloadView } from '../../model/workload.js';
import type { TemplateParams } from './_template.js';

/** A compute resource the rules judge. */
export type ComputeResource = 'cpu' | 'memory';

/** Which side of `resources` a rule requires. */
export type RequirementKind = 'requests' | 'limits';

function has(resources: JsonValue | undefined, kind: RequirementKind, resource: ComputeResource): boolean {
  const section = asObject(asObject(resources)?.[kind]);
  return section?.[resource] != null;
}

/**
 * Reports every container of the workload that lacks the resource requirement. A request is also satisfied by
 * a limit, because Kubernetes copies a limit into a missing request. Pod-level `spec.resources` (alpha in
 * Kubernetes 1.32, beta in 1.34) satisfies every container. Ephemeral containers are never checked (the API forbids resources on them);
 * init containers only when `initContainers` is true.
 */
function checkRequirement(
  workload: WorkloadView | undefined,
  kind: RequirementKind,
  resource: ComputeResource,
  initContainers: boolean,
  report: (r: RuleReport<'missing'>) => void,
): void {
  if (!workload) return;
  const podResources = workload.podSpec.resources;
  if (has(podResources, kind, resource) || (kind === 'requests' && has(podResources, 'limits', resource)))
    return;
  for (const container of workload.containers) {
    if (container.type === 'ephemeralContainer') continue;
    if (container.type === 'initContainer' && !initContainers) continue;
    const resources = container.spec.resources;
    if (has(resources, kind, resource)) continue;
    if (kind === 'requests' && has(resources, 'limits', resource)) continue;
    report({
      messageId: 'missing',
      path: joinPointer(container.pointer, 'resources', kind, resource),
      container,
      data: { container: container.name },
    });
  }
}

/** Option shared by the four resource rules. */
const INIT_CONTAINERS_OPTION: Extract<RuleOptionSpec, { type: 'boolean' }> = {
  type: 'boolean',
  default: true,
  description:
    "Also check init containers (including sidecars with `restartPolicy: Always`); they run on the same node and count towards the pod's effective requests and its QoS class.",
};

/** Parameters of {@link resourceRule}. */
export interface ResourceRuleParams extends TemplateParams<'missing'> {
  kind: RequirementKind;
  resource: ComputeResource;
}

/** A rule reporting every container that lacks the resource requirement (see {@link checkRequirement}). */
export function resourceRule({ id, kind, resource, meta, examples }: ResourceRuleParams) {
  return defineRule({
    id,
    meta: { ...meta, kinds: ['workload'], options: { initContainers: INIT_CONTAINERS_OPTION } },
    check({ workload, options, report }) {
      checkRequirement(workload, kind, resource, options.initContainers, report);
    },
    examples,
  });
}
