import { lowIdRule } from './_low-id.js';

export default lowIdRule({
  id: 'workload/low-group-id',
  field: 'runAsGroup',
  idKey: 'gid',
  optionDescriptions: {
    threshold: 'A `runAsGroup` at or below this value is reported (kubesec awards its point above 10000).',
    reportUnset: 'Also report containers whose effective `runAsGroup` is unset.',
  },
  meta: {
    title: 'Container runs with a low group ID',
    description:
      'A primary GID at or below the threshold may coincide with a group of the node, so files on the host that the group can read or write are exposed to a process that escapes the container. Pod-level `runAsGroup` is inherited; init and ephemeral containers count too.',
    remediation:
      'Set `runAsGroup` above the threshold, for example `runAsGroup: 10001`, in the pod or container `securityContext`.',
    severity: 'low',
    refs: {
      kubesec: ['RunAsGroup'],
    },
    presets: ['strict'],
    messages: {
      low: 'container "{{container}}" runs with GID {{gid}}, at or below {{threshold}}',
      unset: 'container "{{container}}" does not set runAsGroup, so the image decides its primary group',
    },
    notes:
      "The effective `runAsGroup` is used (container over pod). The threshold follows kubesec RunAsGroup (`> 10000` passes) and Trivy KSV-0021. An unset `runAsGroup` is not reported by default: the group then comes from the image's user database, which kubeward cannot see (kubesec gives no point; set `reportUnset: true` to report it). GID 0 is also reported by `workload/root-group`. `fsGroup` and `supplementalGroups` are judged by `workload/root-group` only. Pods with `spec.os.name: windows` are skipped.",
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
