// Template of the probe rules (liveness, readiness). The leading underscore keeps this file out of the rule
// registry.
import { defineRule } from '../../engine/rule.js';
import { joinPointer } from '../../model/json.js';
import type { TemplateParams } from './_template.js';

// Run-to-completion kinds: probes there would not gate traffic or restarts in any useful way.
const BATCH_KINDS = new Set(['Job', 'CronJob']);

/** Parameters of {@link probeRule}. */
export interface ProbeRuleParams extends TemplateParams<'missing'> {
  /** The container field that holds the probe. */
  probe: 'livenessProbe' | 'readinessProbe';
}

/**
 * A rule reporting every regular container (and, with `includeSidecars`, every sidecar) of a non-batch
 * workload that lacks the probe.
 */
export function probeRule({ id, probe, meta, examples }: ProbeRuleParams) {
  return defineRule({
    id,
    meta: {
      ...meta,
      kinds: ['workload'],
      options: {
        includeSidecars: {
          type: 'boolean',
          default: false,
          description: 'Also check sidecar containers (init containers with `restartPolicy: Always`).',
        },
      },
    },
    check({ resource, workload, options, report }) {
      if (!workload || BATCH_KINDS.has(resource.kind)) return;
      for (const container of workload.containers) {
        const sidecar = container.type === 'initContainer' && container.spec.restartPolicy === 'Always';
        if (container.type !== 'container' && !(sidecar && options.includeSidecars)) continue;
        if (container.spec[probe] != null) continue;
        report({
          messageId: 'missing',
          path: joinPointer(container.pointer, probe),
          container,
          data: { container: container.name },
        });
      }
    },
    examples,
  });
}
