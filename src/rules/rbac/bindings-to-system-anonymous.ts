import { defineRule } from '../../engine/rule.js';
import { joinPointer } from '../../model/json.js';
import { forEachBindingSubject } from './_rbac.js';

export default defineRule({
  id: 'rbac/bindings-to-system-anonymous',
  meta: {
    title: 'Role bound to anonymous or unauthenticated users',
    description:
      'A RoleBinding or ClusterRoleBinding whose subject is the user `system:anonymous` or the group `system:unauthenticated` grants its role to anyone who can reach the API server without credentials. With anonymous authentication enabled (the API server default) that is everyone on the network.',
    remediation:
      'Remove the `system:anonymous` and `system:unauthenticated` subjects and bind the role to specific users, groups or service accounts; consider `--anonymous-auth=false` or an anonymous-authentication configuration that allows only health endpoints.',
    severity: 'critical',
    kinds: ['RoleBinding', 'ClusterRoleBinding'],
    refs: {
      kubesec: ['BindingsToSystemAnonymous'],
    },
    presets: ['recommended'],
    options: {
      allowedRoles: {
        type: 'string-list',
        default: ['system:public-info-viewer', 'system:service-account-issuer-discovery'],
        description:
          'Names of ClusterRoles that may be bound to these subjects (by default the built-in roles that expose only `/version`, the health endpoints and the public OIDC discovery documents).',
      },
    },
    messages: {
      anonymous: '{{binding}} grants {{roleKind}} "{{role}}" to the anonymous user (system:anonymous)',
      unauthenticated:
        '{{binding}} grants {{roleKind}} "{{role}}" to every unauthenticated request (group system:unauthenticated)',
    },
    notes:
      "A subject counts when it is `kind: User` named `system:anonymous` or `kind: Group` named `system:unauthenticated` (every anonymous request belongs to that group); the API server matches these names exactly, so other kinds or spellings grant nothing and are not reported. kubesec (BindingsToSystemAnonymous, -30) looks for the text `system:anonymous` in any subject name, so it misses the group; kubeward reports both. Kubernetes itself binds `system:public-info-viewer` to `system:unauthenticated` in every cluster, and its documentation leaves administrators the option of binding `system:service-account-issuer-discovery` to it so that OIDC consumers outside the cluster can fetch the service-account issuer's public keys; both ClusterRoles grant only non-resource URLs meant to be public, so they are allowed by default; a RoleBinding that refers to a Role of the same name is still reported. Only the `rbac.authorization.k8s.io` API group is read.",
  },
  check({ resource, options, report }) {
    forEachBindingSubject(resource, options.allowedRoles, (subject, index, data) => {
      const isAnonymous = subject?.kind === 'User' && subject.name === 'system:anonymous';
      const isUnauthenticated = subject?.kind === 'Group' && subject.name === 'system:unauthenticated';
      if (!isAnonymous && !isUnauthenticated) return;
      report({
        messageId: isAnonymous ? 'anonymous' : 'unauthenticated',
        path: joinPointer('/subjects', index),
        data,
      });
    });
  },
  examples: {
    fail: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: fire-anonymous-admin }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }
subjects:
  - { apiGroup: rbac.authorization.k8s.io, kind: User, name: system:anonymous }`,
      `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: fire-unauthenticated-reader, namespace: apps }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: config-reader }
subjects:
  - { kind: ServiceAccount, name: app, namespace: apps }
  - { apiGroup: rbac.authorization.k8s.io, kind: Group, name: system:unauthenticated }`,
    ],
    pass: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: system:public-info-viewer }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: system:public-info-viewer }
subjects:
  - { apiGroup: rbac.authorization.k8s.io, kind: Group, name: system:authenticated }
  - { apiGroup: rbac.authorization.k8s.io, kind: Group, name: system:unauthenticated }`,
      `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: dont-fire-service-account, namespace: apps }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: config-reader }
subjects:
  - { kind: ServiceAccount, name: app, namespace: apps }`,
    ],
  },
});
