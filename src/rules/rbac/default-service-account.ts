import { defineClusterRule } from '../../engine/rule.js';
import { formatObject } from '../../analysis/rbac/index.js';
import { graphOf, isBuiltIn, RBAC_RULE_KINDS, roleText, subjectText } from './_rbac.js';

const SYSTEM_NAMESPACES = ['kube-system', 'kube-public', 'kube-node-lease'];

export default defineClusterRule({
  id: 'rbac/default-service-account',
  meta: {
    title: 'Default service account has bindings or mounts its token',
    description:
      'Every namespace has a service account named `default`, used by every pod that names no other. A role bound to it is granted to all of those pods; and unless the account sets `automountServiceAccountToken: false`, each of them gets a token for the API server mounted, whether or not it needs one.',
    remediation:
      'Bind roles to dedicated service accounts, one per workload that needs API access, and set `automountServiceAccountToken: false` on every `default` service account.',
    severity: 'medium',
    kinds: [...RBAC_RULE_KINDS, 'ServiceAccount'],
    refs: { cis: ['5.1.5', '5.1.6'] },
    presets: ['recommended', 'cis'],
    options: {
      includeSystem: {
        type: 'boolean',
        default: false,
        description:
          'Also report built-in bindings (label `kubernetes.io/bootstrapping: rbac-defaults`) and the `default` service accounts of `kube-system`, `kube-public` and `kube-node-lease`.',
      },
    },
    messages: {
      bound:
        '{{binding}} grants {{role}} to {{subject}}, the default service account of namespace {{namespace}}',
      automount:
        '{{subject}} does not set automountServiceAccountToken: false, so every pod using it gets an API token',
    },
    notes:
      'A `default` service account is judged only when it is in the input (a live cluster always has one per namespace). Pods that set `automountServiceAccountToken` themselves are judged by `workload/automount-service-account-token`.',
  },
  check({ index, options, report }) {
    const graph = graphOf(index);
    for (const binding of graph.bindings) {
      if (!options.includeSystem && isBuiltIn(binding.resource)) continue;
      for (const { subject, pointer } of binding.subjects) {
        if (subject.kind !== 'ServiceAccount' || subject.name !== 'default') continue;
        if (!options.includeSystem && SYSTEM_NAMESPACES.includes(subject.namespace ?? '')) continue;
        report({
          messageId: 'bound',
          resource: binding.resource,
          path: pointer,
          data: {
            binding: formatObject(binding),
            role: roleText(graph, binding, []),
            subject: subjectText(graph, subject),
            namespace: subject.namespace ?? '',
          },
        });
      }
    }
    for (const sa of index.ofKind('ServiceAccount')) {
      if (sa.name !== 'default' || sa.namespace === null || sa.apiVersion !== 'v1') continue;
      if (!options.includeSystem && SYSTEM_NAMESPACES.includes(sa.namespace)) continue;
      if (sa.object.automountServiceAccountToken === false) continue;
      report({
        messageId: 'automount',
        resource: sa,
        path: '/automountServiceAccountToken',
        data: {
          subject: subjectText(graph, { kind: 'ServiceAccount', name: 'default', namespace: sa.namespace }),
        },
      });
    }
  },
  examples: {
    fail: [
      `apiVersion: v1
kind: ServiceAccount
metadata: { name: default, namespace: shop }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: "web:1" }] }`,
      `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: fire-default-edit, namespace: shop }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit }
subjects:
  - { kind: ServiceAccount, name: default, namespace: shop }`,
    ],
    pass: [
      `apiVersion: v1
kind: ServiceAccount
metadata: { name: default, namespace: shop }
automountServiceAccountToken: false
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: dont-fire-dedicated, namespace: shop }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view }
subjects:
  - { kind: ServiceAccount, name: web, namespace: shop }`,
    ],
  },
});
