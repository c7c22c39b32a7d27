import { defineRule } from '../../engine/rule.js';
import { joinPointer } from '../../model/json.js';
import { forEachBindingSubject } from './_rbac.js';

export default defineRule({
  id: 'rbac/bindings-to-system-authenticated',
  meta: {
    title: 'Role bound to every authenticated user or service account',
    description:
      'A RoleBinding or ClusterRoleBinding whose subject is the group `system:authenticated` grants its role to every identity the API server accepts; on managed clusters whose authenticator accepts any account of the cloud provider that can be anyone. A subject `system:serviceaccounts` grants it to every service account of every namespace, so to every pod that mounts a token.',
    remediation:
      'Bind the role to specific users, groups or service accounts instead of `system:authenticated` or `system:serviceaccounts`.',
    severity: 'high',
    kinds: ['RoleBinding', 'ClusterRoleBinding'],
    refs: {},
    presets: ['recommended'],
    options: {
      allowedRoles: {
        type: 'string-list',
        default: [
          'system:basic-user',
          'system:discovery',
          'system:public-info-viewer',
          'system:service-account-issuer-discovery',
        ],
        description:
          'Names of ClusterRoles that may be bound to these groups (by default the built-in ones Kubernetes binds to them: self-review, API discovery, version and health, and OIDC discovery).',
      },
    },
    messages: {
      authenticated:
        '{{binding}} grants {{roleKind}} "{{role}}" to every authenticated user (group system:authenticated)',
      serviceAccounts:
        '{{binding}} grants {{roleKind}} "{{role}}" to every service account in the cluster (group system:serviceaccounts)',
    },
    notes:
      'Kubernetes binds `system:basic-user`, `system:discovery` and `system:public-info-viewer` to `system:authenticated`, and `system:service-account-issuer-discovery` to `system:serviceaccounts`; these ClusterRoles are allowed by default. The CIS benchmarks for GKE list non-default bindings to `system:authenticated` as a finding; the generic CIS Kubernetes Benchmark checks the same group through 5.1.2 and 5.1.4. Bindings to `system:anonymous` and `system:unauthenticated` are reported by `rbac/bindings-to-system-anonymous`.',
  },
  check({ resource, options, report }) {
    forEachBindingSubject(resource, options.allowedRoles, (subject, index, data) => {
      if (subject?.kind !== 'Group') return;
      if (subject.name !== 'system:authenticated' && subject.name !== 'system:serviceaccounts') return;
      report({
        messageId: subject.name === 'system:authenticated' ? 'authenticated' : 'serviceAccounts',
        path: joinPointer('/subjects', index),
        data,
      });
    });
  },
  examples: {
    fail: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: fire-everyone-views }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view }
subjects:
  - { apiGroup: rbac.authorization.k8s.io, kind: Group, name: system:authenticated }
  - { apiGroup: rbac.authorization.k8s.io, kind: Group, name: system:serviceaccounts }`,
    ],
    pass: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: system:discovery }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: system:discovery }
subjects:
  - { apiGroup: rbac.authorization.k8s.io, kind: Group, name: system:authenticated }`,
      `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: dont-fire-namespace-sas, namespace: apps }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: config-reader }
subjects:
  - { apiGroup: rbac.authorization.k8s.io, kind: Group, name: system:serviceaccounts:apps }`,
    ],
  },
});
