import { defineRule } from '../../engine/rule.js';
import { hostPathVolumes, mountsOfVolume } from '../../model/host-paths.js';
import { joinPointer } from '../../model/json.js';

export default defineRule({
  id: 'workload/writable-host-path',
  meta: {
    title: 'Container mounts a host path writable',
    description:
      'A container that mounts a `hostPath` volume without `readOnly: true` can write to the node: plant binaries, configuration or symbolic links that node processes later follow (a writable `/var/log` is a known escape through the kubelet), or fill the node disk. Init and ephemeral containers count too.',
    remediation:
      'Set `readOnly: true` on every `volumeMounts` entry of a `hostPath` volume; where the container must write, give it an `emptyDir` or a PersistentVolumeClaim instead.',
    severity: 'medium',
    kinds: ['workload'],
    refs: {
      cis: ['5.2.11'],
      pss: ['baseline/hostPathVolumes'],
      nsa: ['pod-security/pod-security-enforcement'],
      mitre: ['T1611'],
    },
    presets: ['recommended', 'nsa'],
    options: {},
    messages: {
      writable:
        'container "{{container}}" mounts host path "{{path}}" (volume "{{volume}}") writable at "{{mountPath}}"',
    },
    notes:
      'A mount is writable unless its `volumeMounts` entry sets `readOnly: true`; Kubernetes defaults to read-write. A `hostPath` volume that no container mounts is not reported here (`workload/host-path` still reports it). `readOnly: true` does not make a mounted socket harmless: connecting to a socket needs no write permission on the mount, which is why `workload/container-runtime-socket` ignores `readOnly`. Without `recursiveReadOnly`, mounts below a read-only host path (for example other volumes under `/var/lib/kubelet`) may stay writable.',
  },
  check({ workload, report }) {
    if (!workload) return;
    for (const volume of hostPathVolumes(workload)) {
      for (const mount of mountsOfVolume(workload, volume.name)) {
        if (mount.readOnly) continue;
        report({
          messageId: 'writable',
          path: mount.hasReadOnlyKey ? joinPointer(mount.pointer, 'readOnly') : mount.pointer,
          container: mount.container,
          data: {
            container: mount.container.name,
            path: volume.path,
            volume: volume.name,
            mountPath: mount.mountPath,
          },
        });
      }
    }
  },
  examples: {
    fail: [
      `apiVersion: apps/v1
kind: DaemonSet
metadata: { name: fire-writable }
spec:
  selector: { matchLabels: { app: logs } }
  template:
    metadata: { labels: { app: logs } }
    spec:
      containers:
        - name: collector
          image: example.com/collector:1.0
          volumeMounts:
            - { name: varlog, mountPath: /var/log }
      volumes:
        - name: varlog
          hostPath: { path: /var/log }`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-read-only }
spec:
  containers:
    - name: collector
      image: example.com/collector:1.0
      volumeMounts:
        - { name: varlog, mountPath: /var/log, readOnly: true }
  volumes:
    - name: varlog
      hostPath: { path: /var/log }`,
    ],
  },
});
