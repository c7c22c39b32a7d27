import { defineRule } from '../../engine/rule.js';
import { asObject, joinPointer } from '../../model/json.js';
import { isWindowsPod } from '../../model/pod-os.js';

// Legacy annotations, replaced by the seccompProfile field (GA in 1.19); since 1.27 nothing reads or converts them.
const POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

export default defineRule({
  id: 'workload/seccomp-profile',
  meta: {
    title: 'Container has no seccomp profile',
    description:
      'Without a seccomp profile a container may call every system call the kernel offers, including the ones used by most container escapes (`unshare`, `keyctl`, `bpf`, …). A container whose effective `seccompProfile` is unset runs Unconfined unless the kubelet of its node runs with `--seccomp-default` (`seccompDefault: true`), which the manifest cannot show. Init and ephemeral containers count too.',
    remediation:
      'Set `securityContext.seccompProfile.type: RuntimeDefault` in the pod spec (or `Localhost` with a profile installed on the nodes); a container can override it with its own `seccompProfile`. Replace legacy `seccomp.security.alpha.kubernetes.io` annotations with the field.',
    severity: 'medium',
    kinds: ['workload'],
    refs: {
      cis: ['5.6.2'],
      pss: ['restricted/seccompProfile'],
      nsa: ['pod-security/hardening-container-environments'],
      mitre: ['T1611'],
      kubesec: ['SeccompAny'],
    },
    presets: ['recommended', 'cis', 'nsa'],
    options: {},
    messages: {
      unset:
        'container "{{container}}" has no seccomp profile; it runs Unconfined unless the kubelet enables --seccomp-default',
      annotationOnly:
        'container "{{container}}" sets seccomp only through the "{{annotation}}" annotation, which has no effect since Kubernetes 1.27',
    },
    notes:
      "The effective profile is used: a container `seccompProfile` overrides the pod one, and a container without one inherits the pod's. Only the field counts. The `seccomp.security.alpha.kubernetes.io/pod` and `container.seccomp.security.alpha.kubernetes.io/<name>` annotations were deprecated when the field reached GA (1.19) and support for them was removed in 1.27 (kubernetes#114947): the API server no longer copies them into the field, so they confine nothing. A container covered only by such an annotation gets its own message. A profile of type `Unconfined` is not reported here but by `workload/seccomp-unconfined`. Pods with `spec.os.name: windows` are skipped, as in Pod Security Admission, because seccomp is Linux-only. kubesec (SeccompAny, +1) awards its point when any container has a profile; kubeward reports each container that has none.",
  },
  check({ workload, report }) {
    if (!workload || isWindowsPod(workload)) return;
    const annotations = asObject(workload.podMetadata?.annotations);
    for (const container of workload.containers) {
      const profile = asObject(container.effective.seccompProfile?.value);
      if (typeof profile?.type === 'string' && profile.type !== '') continue;
      const data = { container: container.name };
      const containerKey = CONTAINER_ANNOTATION_PREFIX + container.name;
      const annotation = [containerKey, POD_ANNOTATION].find((key) => annotations?.[key] != null);
      if (annotation !== undefined) {
        report({
          messageId: 'annotationOnly',
          path: joinPointer(workload.podMetadataPointer, 'annotations', annotation),
          container,
          data: { ...data, annotation },
        });
        continue;
      }
      report({
        messageId: 'unset',
        path: joinPointer(container.securityContextPointer, 'seccompProfile'),
        container,
        data,
      });
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
metadata:
  name: fire-annotation-only
  annotations:
    seccomp.security.alpha.kubernetes.io/pod: runtime/default
spec:
  containers:
    - name: app
      image: nginx:1.27`,
    ],
    pass: [
      `apiVersion: apps/v1
kind: Deployment
metadata: { name: dont-fire-pod-level }
spec:
  template:
    spec:
      securityContext:
        seccompProfile: { type: RuntimeDefault }
      initContainers:
        - name: setup
          image: busybox:1.36
      containers:
        - name: app
          image: nginx:1.27`,
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-per-container }
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        seccompProfile: { type: Localhost, localhostProfile: profiles/app.json }`,
    ],
  },
});
