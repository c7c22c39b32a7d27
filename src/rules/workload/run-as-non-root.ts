import { defineRule } from '../../engine/rule.js';
import { joinPointer } from '../../model/json.js';

export default defineRule({
  id: 'workload/run-as-non-root',
  meta: {
    title: 'Container may run as root',
    description:
      "A container runs as root unless its effective security context sets `runAsNonRoot: true` or a non-zero `runAsUser`; otherwise it runs as the image's user, which is root for most images. Root in a container is root on the node as far as the kernel is concerned, so any escape or writable host mount is a full compromise. Pod-level settings are inherited; init and ephemeral containers count too.",
    remediation:
      'Set `runAsNonRoot: true` in the pod `securityContext` (or per container) and run the image as a non-root user, for example with `runAsUser: 10001`; never set `runAsUser: 0`.',
    severity: 'high',
    kinds: ['workload'],
    refs: {
      cis: ['5.2.7'],
      pss: ['restricted/runAsNonRoot', 'restricted/runAsUser'],
      nsa: ['pod-security/non-root-containers'],
      mitre: ['T1611'],
      kubesec: ['RunAsNonRoot'],
    },
    presets: ['recommended', 'cis', 'nsa'],
    options: {},
    messages: {
      root: 'container "{{container}}" runs as root (runAsUser: 0)',
      rootRefused:
        'container "{{container}}" sets runAsUser: 0 together with runAsNonRoot: true; the kubelet refuses to start it',
      disabled:
        'container "{{container}}" sets runAsNonRoot: false and no non-zero runAsUser, so it runs as the image user, which may be root',
      unset:
        'container "{{container}}" sets neither runAsNonRoot: true nor a non-zero runAsUser, so it runs as the image user, which may be root',
    },
    notes:
      "The effective value is used: a container field overrides the pod field, and a container that sets neither inherits the pod's. A non-zero `runAsUser` is enough on its own, as in Pod Security Standards (restricted) and kube-linter. kubesec (RunAsNonRoot, +1) awards its point when any one container sets `runAsNonRoot: true`; kubeward reports each container that is not covered. kubeward cannot see the image, so an image whose `USER` is non-root is still reported when nothing in the manifest says so: `runAsNonRoot: true` makes the kubelet verify it at start. `runAsUser: 0` is reported as running as root even with `runAsNonRoot: true`, because the kubelet then refuses to start the container (CreateContainerConfigError); the API server does not reject the combination. `hostUsers: false` maps root in the container to an unprivileged node user, but the field is still reported, as Pod Security Admission does unless its user-namespace relaxation is enabled.",
  },
  check({ workload, report }) {
    for (const container of workload?.containers ?? []) {
      const nonRoot = container.effective.runAsNonRoot;
      const user = container.effective.runAsUser;
      const data = { container: container.name };
      if (user?.value === 0) {
        report({
          messageId: nonRoot?.value === true ? 'rootRefused' : 'root',
          path: user.pointer,
          container,
          data,
        });
        continue;
      }
      if (typeof user?.value === 'number' && user.value > 0) continue;
      if (nonRoot?.value === true) continue;
      if (nonRoot?.value === false) {
        report({ messageId: 'disabled', path: nonRoot.pointer, container, data });
        continue;
      }
      report({
        messageId: 'unset',
        path: joinPointer(container.securityContextPointer, 'runAsNonRoot'),
        container,
        data,
      });
    }
  },
  examples: {
    fail: [
      `apiVersion: v1
kind: Pod
metadata: { name: fire-unset }
spec:
  containers:
    - name: app
      image: nginx:1.27`,
      `apiVersion: apps/v1
kind: Deployment
metadata: { name: fire-root-user }
spec:
  template:
    spec:
      securityContext: { runAsNonRoot: true }
      containers:
        - name: app
          image: nginx:1.27
          securityContext: { runAsUser: 0 }
        - name: sidecar
          image: busybox:1.36
          securityContext: { runAsNonRoot: false }`,
      `apiVersion: v1
kind: Pod
metadata: { name: fire-root-explicit }
spec:
  securityContext: { runAsUser: 0 }
  containers:
    - name: app
      image: nginx:1.27`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-pod-level }
spec:
  securityContext: { runAsNonRoot: true }
  initContainers:
    - name: setup
      image: busybox:1.36
  containers:
    - name: app
      image: nginx:1.27`,
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-uid }
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext: { runAsUser: 10001 }`,
    ],
  },
});
