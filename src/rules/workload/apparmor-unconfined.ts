import { asObject, joinPointer } from '../../model/json.js';
import { unconfinedProfileRule } from './_unconfined-profile.js';

const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

export default unconfinedProfileRule({
  id: 'workload/apparmor-unconfined',
  field: 'appArmorProfile',
  meta: {
    title: 'AppArmor profile is unconfined',
    description:
      'An `Unconfined` AppArmor profile removes the mandatory access control that the container runtime would otherwise apply on AppArmor-enabled nodes, giving the container more access to host files and kernel interfaces. Pod-level and container-level profiles and the legacy per-container annotation are checked; init and ephemeral containers count too.',
    remediation:
      'Remove the `Unconfined` profile, or use `appArmorProfile.type: RuntimeDefault` (or `Localhost` with a profile that allows what the workload needs); for the legacy annotation use `runtime/default` or `localhost/<profile>` instead of `unconfined`.',
    severity: 'medium',
    refs: {
      pss: ['baseline/appArmorProfile'],
      nsa: ['pod-security/hardening-container-environments'],
      mitre: ['T1611'],
      kubesec: ['ApparmorUnconfined'],
    },
    presets: ['recommended', 'nsa'],
    messages: {
      pod: 'pod securityContext sets appArmorProfile type Unconfined',
      container: 'container "{{container}}" sets appArmorProfile type Unconfined',
      annotation: 'annotation "{{annotation}}" makes container "{{container}}" AppArmor unconfined',
    },
    notes:
      "As in Pod Security Admission (baseline), the pod-level field, each container's own field, and every `container.apparmor.security.beta.kubernetes.io/<container>` annotation on the pod template are judged separately; the annotation is deprecated since Kubernetes 1.30 (when the field reached GA) but still honoured. Only `Unconfined` / `unconfined` is reported: an unset profile means the runtime default on AppArmor-enabled nodes (see `workload/apparmor-profile`).",
  },
  alsoCheck(workload, report) {
    // The legacy per-container annotation, judged separately from the fields.
    const annotations = asObject(workload.podMetadata?.annotations) ?? {};
    for (const [key, value] of Object.entries(annotations)) {
      if (!key.startsWith(ANNOTATION_PREFIX) || value !== 'unconfined') continue;
      const name = key.slice(ANNOTATION_PREFIX.length);
      const container = workload.containers.find((c) => c.name === name);
      report({
        messageId: 'annotation',
        path: joinPointer(workload.podMetadataPointer, 'annotations', key),
        ...(container ? { container } : {}),
        data: { container: name, annotation: key },
      });
    }
  },
  examples: {
    fail: [
      `apiVersion: apps/v1
kind: Deployment
metadata: { name: fire-annotation }
spec:
  template:
    metadata:
      annotations:
        container.apparmor.security.beta.kubernetes.io/app: unconfined
    spec:
      containers:
        - name: app
          image: nginx:1.27`,
      `apiVersion: v1
kind: Pod
metadata: { name: fire-fields }
spec:
  securityContext:
    appArmorProfile: { type: Unconfined }
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        appArmorProfile: { type: Unconfined }`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata:
  name: dont-fire-runtime-default
  annotations:
    container.apparmor.security.beta.kubernetes.io/app: runtime/default
spec:
  securityContext:
    appArmorProfile: { type: RuntimeDefault }
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
