import { permissionRule } from './_rbac.js';

export default permissionRule({
  id: 'rbac/escalate-bind-impersonate',
  meta: {
    title: 'Subject can escalate, bind or impersonate',
    description:
      "A binding lets a subject use one of the verbs that bypass RBAC's own safeguards: `escalate` on roles (write rules granting more than the writer holds), `bind` on roles (bind a role the writer does not hold), or `impersonate` on users, groups, service accounts, UIDs or user extras (act as another identity, including `system:masters`).",
    remediation:
      'Remove `escalate`, `bind` and `impersonate` from roles that are not for cluster administrators; where `bind` is needed, restrict it with `resourceNames` to the roles that may be handed out.',
    severity: 'high',
    refs: { cis: ['5.1.8'], mitre: ['T1078'] },
    presets: ['recommended', 'cis'],
    notes:
      'Impersonating users and groups is authorized at cluster scope, so only ClusterRoleBindings grant it; impersonating a service account is namespaced. Built-in bindings and control-plane subjects are left out unless `includeSystem` is set.',
  },
  checks: [
    { verb: 'escalate', apiGroup: 'rbac.authorization.k8s.io', resource: 'roles' },
    { verb: 'escalate', apiGroup: 'rbac.authorization.k8s.io', resource: 'clusterroles' },
    { verb: 'bind', apiGroup: 'rbac.authorization.k8s.io', resource: 'roles' },
    { verb: 'bind', apiGroup: 'rbac.authorization.k8s.io', resource: 'clusterroles' },
    { verb: 'impersonate', apiGroup: '', resource: 'users' },
    { verb: 'impersonate', apiGroup: '', resource: 'groups' },
    { verb: 'impersonate', apiGroup: '', resource: 'serviceaccounts' },
    { verb: 'impersonate', apiGroup: 'authentication.k8s.io', resource: 'uids' },
    { verb: 'impersonate', apiGroup: 'authentication.k8s.io', resource: 'userextras' },
  ],
  examples: {
    fail: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: impersonator }
rules:
  - { apiGroups: [""], resources: [users, groups], verbs: [impersonate] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: fire-impersonate }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: impersonator }
subjects:
  - { kind: ServiceAccount, name: gateway, namespace: auth }`,
    ],
    pass: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: role-viewer }
rules:
  - { apiGroups: [rbac.authorization.k8s.io], resources: [roles, clusterroles], verbs: [get, list] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: dont-fire-role-viewer }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: role-viewer }
subjects:
  - { kind: ServiceAccount, name: auditor, namespace: audit }`,
    ],
  },
});
