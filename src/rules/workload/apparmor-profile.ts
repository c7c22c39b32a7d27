import { defineRule } from '../../engine/rule.js';
import { asObject, joinPointer } from '../../model/json.js';
import { isWindowsPod } from '../../model/pod-os.js';

const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

export default defineRule({
  id: 'workload/apparmor-profile',
  meta: {
    title: 'Container has no explicit AppArmor profile',
    description:
      "AppArmor confines what files, capabilities and mounts a process may use. A container that names no profile gets the container runtime's default profile only on nodes where AppArmor is enabled; on other nodes (SELinux-based distributions, most minimal node images) it runs without one. Declaring the profile makes the intent explicit and makes the pod fail to start, rather than run unconfined, where the profile is missing.",
    remediation:
      'Set `securityContext.appArmorProfile.type: RuntimeDefault` (or `Localhost` with `localhostProfile`) on the pod or the container. On clusters older than 1.30, use the annotation `container.apparmor.security.beta.kubernetes.io/<container>: runtime/default` on the pod template instead.',
    severity: 'info',
    kinds: ['workload'],
    refs: {
      nsa: ['pod-security/hardening-container-environments'],
      kubesec: ['ApparmorAny'],
    },
    presets: ['strict'],
    options: {},
    messages: {
      unset: 'container "{{container}}" does not declare an AppArmor profile',
    },
    notes:
      'Both ways of declaring a profile count: the `appArmorProfile` field (GA in Kubernetes 1.30; a container field overrides the pod field) and the deprecated but still honoured annotation `container.apparmor.security.beta.kubernetes.io/<container>` on the pod template. An unset profile is not insecure by itself: on AppArmor-enabled nodes the runtime applies its default profile, which is why this rule is `info` and only in the `strict` preset. A profile of type `Unconfined` (or the annotation value `unconfined`) counts as declared here and is reported by `workload/apparmor-unconfined`. Ephemeral containers are not checked (they are added by operators for debugging, not declared in manifests), nor are pods with `spec.os.name: windows`. kubesec (ApparmorAny, +3) awards its points when any container has a profile; kubeward reports each container without one.',
  },
  check({ workload, report }) {
    if (!workload || isWindowsPod(workload)) return;
    const annotations = asObject(workload.podMetadata?.annotations);
    for (const container of workload.containers) {
      if (container.type === 'ephemeralContainer') continue;
      const profile = asObject(container.effective.appArmorProfile?.value);
      if (typeof profile?.type === 'string' && profile.type !== '') continue;
      const annotation = annotations?.[ANNOTATION_PREFIX + container.name];
      if (typeof annotation === 'string' && annotation !== '') continue;
      report({
        messageId: 'unset',
        path: joinPointer(container.securityContextPointer, 'appArmorProfile'),
        container,
        data: { container: container.name },
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
    ],
    pass: [
      `apiVersion: apps/v1
kind: Deployment
metadata: { name: dont-fire-field }
spec:
  template:
    spec:
      securityContext:
        appArmorProfile: { type: RuntimeDefault }
      containers:
        - name: app
          image: nginx:1.27`,
      `apiVersion: apps/v1
kind: Deployment
metadata: { name: dont-fire-annotation }
spec:
  template:
    metadata:
      annotations:
        container.apparmor.security.beta.kubernetes.io/app: runtime/default
    spec:
      containers:
        - name: app
          image: nginx:1.27`,
    ],
  },
});
