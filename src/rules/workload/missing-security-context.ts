import { defineRule } from '../../engine/rule.js';
import { asObject } from '../../model/json.js';
import type { JsonValue } from '../../model/types.js';

// An empty `securityContext: {}` changes nothing, so it counts as absent.
function isSet(value: JsonValue | undefined): boolean {
  const object = asObject(value);
  return object !== undefined && Object.keys(object).length > 0;
}

export default defineRule({
  id: 'workload/missing-security-context',
  meta: {
    title: 'No security context on the pod or container',
    description:
      'Neither the pod nor the container declares a `securityContext`, so the container runs entirely on runtime and image defaults: the image user (often root), the default capability set and privilege escalation allowed. Init and ephemeral containers count too.',
    remediation:
      'Declare a pod `securityContext` (for example `runAsNonRoot: true` and `seccompProfile.type: RuntimeDefault`) and a container `securityContext` (for example `allowPrivilegeEscalation: false` and `capabilities.drop: [ALL]`).',
    severity: 'low',
    kinds: ['workload'],
    refs: {
      cis: ['5.6.3'],
    },
    presets: ['strict'],
    options: {},
    messages: {
      missing: 'container "{{container}}" has no securityContext, and neither has the pod',
    },
    notes:
      'An empty `securityContext: {}` counts as absent. The more specific rules (`workload/run-as-non-root`, `workload/privilege-escalation`, `workload/drop-all-capabilities`, …) report what the defaults allow; this rule only points out manifests that never considered the question, which is why it is in `strict` only.',
  },
  check({ workload, report }) {
    if (!workload || isSet(workload.podSecurityContext)) return;
    for (const container of workload.containers) {
      if (isSet(container.spec.securityContext)) continue;
      report({
        messageId: 'missing',
        path: container.securityContextPointer,
        container,
        data: { container: container.name },
      });
    }
  },
  examples: {
    fail: [
      `apiVersion: apps/v1
kind: Deployment
metadata: { name: fire-no-security-context }
spec:
  template:
    spec:
      containers:
        - name: app
          image: nginx:1.27
          securityContext: {}`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-pod-level }
spec:
  securityContext: { runAsNonRoot: true }
  containers:
    - name: app
      image: nginx:1.27`,
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-container-level }
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext: { allowPrivilegeEscalation: false }`,
    ],
  },
});
