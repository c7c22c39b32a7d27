import { permissionRule } from './_rbac.js';

export default permissionRule({
  id: 'rbac/secrets-read',
  meta: {
    title: 'Subject can read Secrets',
    description:
      'A binding lets a subject get, list or watch Secrets. Reading a Secret reveals its value: service-account tokens, registry credentials, TLS keys, database passwords. `list` and `watch` return every Secret of the namespace (or of the cluster) with its data, not only names.',
    remediation:
      'Grant Secret access only to the components that need it, with `get` restricted by `resourceNames` to the Secrets they use; mount Secrets into pods instead of reading them through the API.',
    severity: 'high',
    refs: { cis: ['5.1.2'], mitre: ['T1552.007'] },
    presets: ['recommended', 'cis'],
    notes:
      'The permission is asked where the binding applies: in its namespace for a RoleBinding, across every namespace for a ClusterRoleBinding. Grants limited by `resourceNames` are not reported, since they name the Secrets that may be read. Built-in bindings and control-plane subjects are left out unless `includeSystem` is set.',
  },
  checks: [
    { verb: 'get', apiGroup: '', resource: 'secrets' },
    { verb: 'list', apiGroup: '', resource: 'secrets' },
    { verb: 'watch', apiGroup: '', resource: 'secrets' },
  ],
  examples: {
    fail: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: secret-reader }
rules:
  - { apiGroups: [""], resources: [secrets], verbs: [get, list] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: fire-read-secrets, namespace: apps }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: secret-reader }
subjects:
  - { kind: ServiceAccount, name: builder, namespace: apps }`,
    ],
    pass: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: own-secret, namespace: apps }
rules:
  - { apiGroups: [""], resources: [secrets], resourceNames: [app-config], verbs: [get] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: dont-fire-named-secret, namespace: apps }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: own-secret }
subjects:
  - { kind: ServiceAccount, name: app, namespace: apps }`,
    ],
  },
});
