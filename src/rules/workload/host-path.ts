import { defineRule } from '../../engine/rule.js';
import { hostPathVolumes } from '../../model/host-paths.js';

export default defineRule({
  id: 'workload/host-path',
  meta: {
    title: 'Pod mounts a hostPath volume',
    description:
      'A `hostPath` volume exposes a file or directory of the node to the pod. It ties the pod to the node, lets it read node data, and if writable lets it plant files that the node or other pods will trust; many container escapes start from a host path.',
    remediation:
      'Replace the `hostPath` volume with an `emptyDir`, a ConfigMap, a Secret, a projected volume or a PersistentVolumeClaim. Where a node agent truly needs host files, mount the narrowest path read-only.',
    severity: 'medium',
    kinds: ['workload'],
    refs: {
      cis: ['5.2.11'],
      pss: ['baseline/hostPathVolumes'],
      nsa: ['pod-security/pod-security-enforcement'],
      mitre: ['T1611'],
    },
    presets: ['strict', 'cis', 'nsa'],
    options: {},
    messages: {
      hostPath: 'volume "{{volume}}" mounts host path "{{path}}"',
    },
    notes:
      'Every `hostPath` volume is reported, whether or not a container mounts it, as Pod Security Admission does. Paths that are dangerous in themselves are reported with a higher severity by `workload/sensitive-host-path` and `workload/container-runtime-socket`, and writable mounts by `workload/writable-host-path`; this rule alone is in `strict`, because node agents legitimately use narrow host paths.',
  },
  check({ workload, report }) {
    if (!workload) return;
    for (const volume of hostPathVolumes(workload)) {
      report({
        messageId: 'hostPath',
        path: volume.pointer,
        data: { volume: volume.name, path: volume.path },
      });
    }
  },
  examples: {
    fail: [
      `apiVersion: apps/v1
kind: DaemonSet
metadata: { name: fire-host-path }
spec:
  selector: { matchLabels: { app: agent } }
  template:
    metadata: { labels: { app: agent } }
    spec:
      containers:
        - name: agent
          image: example.com/agent:1.0
          volumeMounts:
            - { name: data, mountPath: /data, readOnly: true }
      volumes:
        - name: data
          hostPath: { path: /var/lib/agent, type: DirectoryOrCreate }`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-empty-dir }
spec:
  containers:
    - name: app
      image: nginx:1.27
      volumeMounts:
        - { name: cache, mountPath: /cache }
  volumes:
    - name: cache
      emptyDir: {}`,
    ],
  },
});
