import { permissionRule } from './_rbac.js';

export default permissionRule({
  id: 'rbac/webhook-configuration-writes',
  meta: {
    title: 'Subject can change admission webhook configurations',
    description:
      'A binding lets a subject create, change or delete MutatingWebhookConfigurations or ValidatingWebhookConfigurations. A mutating webhook sees and can rewrite every object sent to the API server (Secrets included); deleting or narrowing a validating webhook switches off the policy it enforces.',
    remediation:
      'Keep write access to admission webhook configurations for cluster administrators and the operators that own them, restricted with `resourceNames` to their own configurations.',
    severity: 'high',
    refs: { cis: ['5.1.12'], mitre: ['T1562'] },
    presets: ['recommended', 'cis'],
    notes:
      'Webhook configurations are cluster-scoped, so only ClusterRoleBindings grant this. Built-in bindings and control-plane subjects are left out unless `includeSystem` is set.',
  },
  checks: ['create', 'update', 'patch', 'delete', 'deletecollection'].flatMap((verb) => [
    { verb, apiGroup: 'admissionregistration.k8s.io', resource: 'mutatingwebhookconfigurations' },
    { verb, apiGroup: 'admissionregistration.k8s.io', resource: 'validatingwebhookconfigurations' },
  ]),
  examples: {
    fail: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: webhook-admin }
rules:
  - apiGroups: [admissionregistration.k8s.io]
    resources: [mutatingwebhookconfigurations, validatingwebhookconfigurations]
    verbs: [get, list, create, patch, delete]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: fire-webhook-admin }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: webhook-admin }
subjects:
  - { kind: ServiceAccount, name: installer, namespace: tools }`,
    ],
    pass: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: webhook-reader }
rules:
  - { apiGroups: [admissionregistration.k8s.io], resources: [validatingwebhookconfigurations], verbs: [get, list, watch] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: dont-fire-webhook-reader }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: webhook-reader }
subjects:
  - { kind: ServiceAccount, name: auditor, namespace: audit }`,
    ],
  },
});
