import { defineRule } from '../../engine/rule.js';
import { joinPointer } from '../../model/json.js';
import { isWindowsPod } from '../../model/pod-os.js';

export default defineRule({
  id: 'workload/read-only-root-filesystem',
  meta: {
    title: 'Root filesystem is writable',
    description:
      "A container's root filesystem is writable unless `readOnlyRootFilesystem: true` is set. A writable root lets an attacker who gets code execution drop tools and binaries into the image paths, modify configuration or persist across process restarts. Regular and init containers are checked.",
    remediation:
      'Set `securityContext.readOnlyRootFilesystem: true` on each container, and mount an `emptyDir` at the paths the application must write to (for example `/tmp` or a cache directory).',
    severity: 'medium',
    kinds: ['workload'],
    refs: {
      nsa: ['pod-security/immutable-filesystems'],
      kubesec: ['ReadOnlyRootFilesystem'],
    },
    presets: ['recommended', 'nsa'],
    options: {},
    messages: {
      unset:
        'container "{{container}}" does not set readOnlyRootFilesystem: true, so its root filesystem is writable',
      disabled: 'container "{{container}}" sets readOnlyRootFilesystem: false',
    },
    notes:
      '`readOnlyRootFilesystem` exists only on containers (there is no pod-level default) and defaults to false, so an unset field is reported. Ephemeral containers are not checked: they are debugging shells added by operators, not part of the declared workload. Pods with `spec.os.name: windows` are skipped because the field is not supported on Windows. kubesec (ReadOnlyRootFilesystem, +1) awards its point when any container sets it; kubeward reports each container that does not.',
  },
  check({ workload, report }) {
    if (!workload || isWindowsPod(workload)) return;
    for (const container of workload.containers) {
      if (container.type === 'ephemeralContainer') continue;
      const field = container.effective.readOnlyRootFilesystem;
      if (field?.value === true) continue;
      const data = { container: container.name };
      if (field?.value === false) {
        report({ messageId: 'disabled', path: field.pointer, container, data });
      } else {
        report({
          messageId: 'unset',
          path: joinPointer(container.securityContextPointer, 'readOnlyRootFilesystem'),
          container,
          data,
        });
      }
    }
  },
  examples: {
    fail: [
      `apiVersion: apps/v1
kind: Deployment
metadata: { name: fire-unset }
spec:
  template:
    spec:
      containers:
        - name: app
          image: nginx:1.27`,
      `apiVersion: v1
kind: Pod
metadata: { name: fire-init-false }
spec:
  initContainers:
    - name: setup
      image: busybox:1.36
      securityContext: { readOnlyRootFilesystem: false }
  containers:
    - name: app
      image: nginx:1.27
      securityContext: { readOnlyRootFilesystem: true }`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-read-only }
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext: { readOnlyRootFilesystem: true }
      volumeMounts:
        - { name: tmp, mountPath: /tmp }
  volumes:
    - name: tmp
      emptyDir: {}`,
    ],
  },
});
