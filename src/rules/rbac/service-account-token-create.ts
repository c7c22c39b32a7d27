import { permissionRule } from './_rbac.js';

export default permissionRule({
  id: 'rbac/service-account-token-create',
  meta: {
    title: 'Subject can create service-account tokens',
    description:
      'A binding lets a subject create `serviceaccounts/token`: mint a token for any service account in scope and act with all of its permissions (and, on EKS, its IAM role through IRSA), without running a pod.',
    remediation:
      'Grant `create` on `serviceaccounts/token` only to the components that issue tokens, restricted with `resourceNames` to the service accounts they serve.',
    severity: 'high',
    refs: { cis: ['5.1.13'], mitre: ['T1528'] },
    presets: ['recommended', 'cis'],
    notes:
      'Built-in bindings and control-plane subjects (the kubelet, the controller manager) are left out unless `includeSystem` is set.',
  },
  checks: [{ verb: 'create', apiGroup: '', resource: 'serviceaccounts', subresource: 'token' }],
  examples: {
    fail: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: token-minter, namespace: ci }
rules:
  - { apiGroups: [""], resources: [serviceaccounts/token], verbs: [create] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: fire-token-minter, namespace: ci }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: token-minter }
subjects:
  - { kind: ServiceAccount, name: runner }`,
    ],
    pass: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: sa-reader, namespace: ci }
rules:
  - { apiGroups: [""], resources: [serviceaccounts], verbs: [get, list] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: dont-fire-sa-reader, namespace: ci }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: sa-reader }
subjects:
  - { kind: ServiceAccount, name: runner }`,
    ],
  },
});
