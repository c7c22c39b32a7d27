import { defineClusterRule } from '../../engine/rule.js';
import { unresolvedMessage } from '../../analysis/rbac/report.js';
import { graphOf, isBuiltIn, RBAC_RULE_KINDS } from './_rbac.js';

export default defineClusterRule({
  id: 'rbac/unresolved-role-ref',
  meta: {
    title: 'Binding refers to a role that is not in the input',
    description:
      'A RoleBinding or ClusterRoleBinding refers (`roleRef`) to a Role or ClusterRole that is neither in the scanned input nor one of the Kubernetes defaults kubeward models (every default ClusterRole of the bootstrap policy: `cluster-admin`, `admin`, `edit`, `view`, the `system:` roles of users and of the control plane such as `system:kube-scheduler`, `system:node` and `system:controller:…`; and the default Roles of `kube-system` and `kube-public`, such as `extension-apiserver-authentication-reader`, in their own namespace only). What the binding grants is unknown, so the other `rbac/*` rules and `kubeward rbac who-can` / `can` cannot judge it: its subjects may hold any permission, including ones those rules report.',
    remediation:
      'Scan the role together with its bindings (or scan the cluster with `--cluster`), or fix the `roleRef` if the role was renamed or removed; a binding to a missing role grants nothing until a role of that name is created, which anyone allowed to create roles can then do.',
    severity: 'info',
    kinds: RBAC_RULE_KINDS,
    refs: {},
    presets: ['recommended'],
    options: {
      includeSystem: {
        type: 'boolean',
        default: false,
        description:
          'Also report the built-in bindings (label `kubernetes.io/bootstrapping: rbac-defaults`), whose roles are the control plane’s own.',
      },
    },
    messages: {
      unresolved: '{{message}}',
    },
    notes:
      "The defaults modelled when the input has no role of their name are the bootstrap policy of a recent Kubernetes: its ClusterRoles — `cluster-admin`, `admin`, `edit` and `view` (aggregated from `system:aggregate-to-admin`, `-edit` and `-view` and from any input ClusterRole with an `rbac.authorization.k8s.io/aggregate-to-…` label, as in a cluster), the `system:` roles such as `system:auth-delegator`, `system:basic-user`, `system:discovery`, `system:public-info-viewer`, `system:monitoring`, `system:kube-dns`, `system:node-bootstrapper`, `system:volume-scheduler` and the `system:certificates.k8s.io:…` approver roles, the control plane's `system:kube-scheduler`, `system:kube-controller-manager` and `system:node`, and the controllers' `system:controller:…` roles — and its namespaced Roles: `extension-apiserver-authentication-reader`, `system::leader-locking-kube-controller-manager`, `system::leader-locking-kube-scheduler`, `system:controller:bootstrap-signer`, `system:controller:cloud-provider` and `system:controller:token-cleaner` in `kube-system`, and `system:controller:bootstrap-signer` in `kube-public`. A default Role resolves only for a RoleBinding in its own namespace. A role of the same name in the input always takes precedence. Roles that only newer or older Kubernetes versions, feature gates or cloud providers create are not modelled. A ClusterRoleBinding that refers to a Role is reported too: the API server rejects it.",
  },
  check({ index, options, report }) {
    const graph = graphOf(index);
    for (const binding of graph.unresolvedBindings()) {
      if (!options.includeSystem && isBuiltIn(binding.resource)) continue;
      report({
        messageId: 'unresolved',
        resource: binding.resource,
        path: '/roleRef',
        data: { message: unresolvedMessage(binding) },
      });
    }
  },
  examples: {
    fail: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: fire-unknown-role, namespace: prod }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: team-operator }
subjects:
  - { apiGroup: rbac.authorization.k8s.io, kind: User, name: bob }`,
    ],
    pass: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: dont-fire-default-role, namespace: prod }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view }
subjects:
  - { apiGroup: rbac.authorization.k8s.io, kind: User, name: bob }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: team-operator }
rules:
  - { apiGroups: [apps], resources: [deployments], verbs: [get, list] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: dont-fire-role-in-input, namespace: prod }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: team-operator }
subjects:
  - { apiGroup: rbac.authorization.k8s.io, kind: User, name: bob }`,
    ],
  },
});
