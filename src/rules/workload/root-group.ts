import { defineRule } from '../../engine/rule.js';
import { asArray, joinPointer } from '../../model/json.js';
import { isWindowsPod } from '../../model/pod-os.js';

export default defineRule({
  id: 'workload/root-group',
  meta: {
    title: 'Container runs with the root group',
    description:
      'GID 0 is the root group: as primary group (`runAsGroup`), as `fsGroup` or in `supplementalGroups` it gives the processes access to every file on mounted volumes and host paths that the root group may read or write, even when the user is not root.',
    remediation: 'Use a non-zero `runAsGroup` and `fsGroup`, and remove 0 from `supplementalGroups`.',
    severity: 'low',
    kinds: ['workload'],
    refs: {
      nsa: ['pod-security/non-root-containers'],
    },
    presets: ['strict', 'nsa'],
    options: {},
    messages: {
      runAsGroup: 'container "{{container}}" runs with the root group (runAsGroup: 0)',
      fsGroup: 'the pod sets fsGroup: 0, so its volumes are owned by the root group',
      supplementalGroups: 'the pod adds the root group to every container (supplementalGroups contains 0)',
    },
    notes:
      'Only explicit zeros are reported. With `runAsGroup` unset the primary group comes from the image (the Kubernetes documentation notes it is root when the image says nothing), which kubeward cannot see; `workload/low-group-id` with `reportUnset: true` reports those containers. `runAsGroup` is read from the effective security context (container over pod) and reported per container; `fsGroup` and `supplementalGroups` exist only on the pod and are reported once. This follows kube-linter (effective `runAsGroup: 0`) and Trivy KSV-0116 (all three fields). Pods with `spec.os.name: windows` are skipped.',
  },
  check({ workload, report }) {
    if (!workload || isWindowsPod(workload)) return;
    const podContext = workload.podSecurityContext;
    if (podContext?.fsGroup === 0) {
      report({ messageId: 'fsGroup', path: joinPointer(workload.podSecurityContextPointer, 'fsGroup') });
    }
    const supplemental = asArray(podContext?.supplementalGroups).indexOf(0);
    if (supplemental !== -1) {
      report({
        messageId: 'supplementalGroups',
        path: joinPointer(workload.podSecurityContextPointer, 'supplementalGroups', supplemental),
      });
    }
    for (const container of workload.containers) {
      const group = container.effective.runAsGroup;
      if (group?.value === 0) {
        report({
          messageId: 'runAsGroup',
          path: group.pointer,
          container,
          data: { container: container.name },
        });
      }
    }
  },
  examples: {
    fail: [
      `apiVersion: v1
kind: Pod
metadata: { name: fire-root-group }
spec:
  securityContext:
    runAsGroup: 0
    fsGroup: 0
    supplementalGroups: [2000, 0]
  containers:
    - name: app
      image: nginx:1.27`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-non-root-groups }
spec:
  securityContext:
    runAsGroup: 10001
    fsGroup: 10001
    supplementalGroups: [2000]
  containers:
    - name: app
      image: nginx:1.27`,
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-container-override }
spec:
  securityContext: { runAsGroup: 0 }
  containers:
    - name: app
      image: nginx:1.27
      securityContext: { runAsGroup: 10001 }`,
    ],
  },
});
