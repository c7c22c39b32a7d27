import { defineClusterRule } from '../../engine/rule.js';
import { formatObject } from '../../analysis/rbac/index.js';
import { graphOf, isSystemSubject, RBAC_RULE_KINDS, subjectText } from './_rbac.js';

export default defineClusterRule({
  id: 'rbac/cluster-admin-binding',
  meta: {
    title: 'cluster-admin bound beyond system subjects',
    description:
      'A binding grants the `cluster-admin` ClusterRole, which allows every verb on every resource and non-resource URL, to a subject other than the control plane. Through a ClusterRoleBinding that is full control of the cluster; through a RoleBinding it is full control of the namespace, RoleBindings and Secrets included.',
    remediation:
      'Bind narrower roles (`admin`, `edit`, `view` or purpose-built ones) and keep cluster-admin for break-glass access; before removing a binding, make sure another one still grants what the subject really needs.',
    severity: 'high',
    kinds: RBAC_RULE_KINDS,
    refs: { cis: ['5.1.1'], mitre: ['T1078'] },
    presets: ['recommended', 'cis'],
    options: {
      allowedSubjects: {
        type: 'string-list',
        default: [] as string[],
        description:
          'Subjects that may hold cluster-admin, written `User:name`, `Group:name` or `ServiceAccount:namespace/name`.',
      },
    },
    messages: {
      cluster: '{{binding}} makes {{subject}} cluster-admin',
      namespace: '{{binding}} gives {{subject}} cluster-admin rights in namespace {{namespace}}',
    },
    notes:
      'Control-plane subjects are not reported: service accounts in `kube-system`, and users and groups named `system:…` or `eks:…` (such as `system:masters`, the subject of the built-in binding) other than the broad `system:authenticated`, `system:unauthenticated` and `system:serviceaccounts…` groups; a binding of cluster-admin to `system:authenticated` is. Roles that grant the same access under another name are reported by `rbac/wildcard-rules`.',
  },
  check({ index, options, report }) {
    const graph = graphOf(index);
    const allowed = new Set(options.allowedSubjects);
    for (const binding of graph.bindings) {
      if (binding.roleRef.kind !== 'ClusterRole' || binding.roleRef.name !== 'cluster-admin') continue;
      for (const { subject, pointer } of binding.subjects) {
        if (isSystemSubject(subject)) continue;
        const key =
          subject.kind === 'ServiceAccount'
            ? `ServiceAccount:${subject.namespace ?? ''}/${subject.name}`
            : `${subject.kind}:${subject.name}`;
        if (allowed.has(key)) continue;
        report({
          messageId: binding.namespace === null ? 'cluster' : 'namespace',
          resource: binding.resource,
          path: pointer,
          data: {
            binding: formatObject(binding),
            subject: subjectText(graph, subject),
            namespace: binding.namespace ?? '',
          },
        });
      }
    }
  },
  examples: {
    fail: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: fire-ci-admin }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }
subjects:
  - { kind: ServiceAccount, name: deployer, namespace: ci }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: fire-team-admin, namespace: shop }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }
subjects:
  - { apiGroup: rbac.authorization.k8s.io, kind: Group, name: shop-team }`,
    ],
    pass: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: cluster-admin
  labels: { kubernetes.io/bootstrapping: rbac-defaults }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }
subjects:
  - { apiGroup: rbac.authorization.k8s.io, kind: Group, name: system:masters }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: dont-fire-team-edit, namespace: shop }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit }
subjects:
  - { apiGroup: rbac.authorization.k8s.io, kind: Group, name: shop-team }`,
    ],
  },
});
