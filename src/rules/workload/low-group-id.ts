import { defineRule } from '../../engine/rule.js';
import { joinPointer } from '../../model/json.js';
import { isWindowsPod } from '../../model/pod-os.js';

export default defineRule({
  id: 'workload/low-group-id',
  meta: {
    title: 'Container runs with a low group ID',
    description:
      'A primary GID at or below the threshold may coincide with a group of the node, so files on the host that the group can read or write are exposed to a process that escapes the container. Pod-level `runAsGroup` is inherited; init and ephemeral containers count too.',
    remediation:
      'Set `runAsGroup` above the threshold, for example `runAsGroup: 10001`, in the pod or container `securityContext`.',
    severity: 'low',
    kinds: ['workload'],
    refs: {
      kubesec: ['RunAsGroup'],
    },
    presets: ['strict'],
    options: {
      threshold: {
        type: 'integer',
        default: 10000,
        minimum: 0,
        description:
          'A `runAsGroup` at or below this value is reported (kubesec awards its point above 10000).',
      },
      reportUnset: {
        type: 'boolean',
        default: false,
        description: 'Also report containers whose effective `runAsGroup` is unset.',
      },
    },
    messages: {
      low: 'container "{{container}}" runs with GID {{gid}}, at or below {{threshold}}',
      unset: 'container "{{container}}" does not set runAsGroup, so the image decides its primary group',
    },
    notes:
      "The effective `runAsGroup` is used (container over pod). The threshold follows kubesec RunAsGroup (`> 10000` passes) and Trivy KSV-0021. An unset `runAsGroup` is not reported by default: the group then comes from the image's user database, which kubeward cannot see (kubesec gives no point; set `reportUnset: true` to report it). GID 0 is also reported by `workload/root-group`. `fsGroup` and `supplementalGroups` are judged by `workload/root-group` only. Pods with `spec.os.name: windows` are skipped.",
  },
  check({ workload, options, report }) {
    if (!workload || isWindowsPod(workload)) return;
    for (const container of workload.containers) {
      const group = container.effective.runAsGroup;
      const data = { container: container.name, threshold: options.threshold };
      if (typeof group?.value === 'number') {
        if (group.value <= options.threshold)
          report({ messageId: 'low', path: group.pointer, container, data: { ...data, gid: group.value } });
      } else if (options.reportUnset) {
        report({
          messageId: 'unset',
          path: joinPointer(container.securityContextPointer, 'runAsGroup'),
          container,
          data,
        });
      }
    }
  },
  examples: {
    fail: [
      `apiVersion: v1
kind: Pod
metadata: { name: fire-low-gid }
spec:
  securityContext: { runAsGroup: 20000 }
  containers:
    - name: app
      image: nginx:1.27
      securityContext: { runAsGroup: 3000 }`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-high-gid }
spec:
  securityContext: { runAsGroup: 10001 }
  containers:
    - name: app
      image: nginx:1.27`,
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-unset }
spec:
  containers:
    - name: app
      image: nginx:1.27`,
    ],
  },
});
