import { defineRule } from '../../engine/rule.js';
import { joinPointer } from '../../model/json.js';

export default defineRule({
  id: 'workload/automount-service-account-token',
  meta: {
    title: 'Service account token is mounted automatically',
    description:
      "Unless it is disabled, every container gets a token of the pod's service account at `/var/run/secrets/kubernetes.io/serviceaccount`. Most applications never call the Kubernetes API; for them the token only helps an attacker who gets code execution to query or change the cluster with the service account's permissions.",
    remediation:
      'Set `automountServiceAccountToken: false` in the pod spec (or on the ServiceAccount) for workloads that do not use the Kubernetes API. Workloads that do should mount a projected token with a short expiry and an audience, and use a dedicated least-privilege service account.',
    severity: 'low',
    kinds: ['workload'],
    refs: {
      cis: ['5.1.6'],
      nsa: ['pod-security/service-account-tokens'],
      mitre: ['T1528'],
      kubesec: ['AutomountServiceAccountToken'],
    },
    presets: ['strict', 'cis', 'nsa'],
    options: {},
    messages: {
      unset:
        'pod does not set automountServiceAccountToken: false, so the token is mounted unless its ServiceAccount disables it',
      enabled: 'pod sets automountServiceAccountToken: true',
    },
    notes:
      "Kubernetes mounts the token when neither the pod nor its ServiceAccount sets `automountServiceAccountToken: false`; a pod-level value wins over the ServiceAccount's. Only the pod spec is in view here, so a pod that leaves the field unset is reported even if its ServiceAccount disables automounting (the message says so); setting it on the pod as well is harmless and makes the intent visible where the workload is reviewed. An explicit `true` is reported with its own message because it overrides a ServiceAccount that disables the token. kubesec (AutomountServiceAccountToken, +1) and CIS 5.1.6 judge the same pod field.",
  },
  check({ workload, report }) {
    if (!workload) return;
    const value = workload.podSpec.automountServiceAccountToken;
    if (value === false) return;
    report({
      messageId: value === true ? 'enabled' : 'unset',
      path: joinPointer(workload.podSpecPointer, 'automountServiceAccountToken'),
    });
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
metadata: { name: fire-true }
spec:
  automountServiceAccountToken: true
  containers:
    - name: app
      image: nginx:1.27`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-disabled }
spec:
  automountServiceAccountToken: false
  containers:
    - name: app
      image: nginx:1.27`,
    ],
  },
});
