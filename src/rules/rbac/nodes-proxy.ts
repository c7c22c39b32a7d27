import { permissionRule } from './_rbac.js';

export default permissionRule({
  id: 'rbac/nodes-proxy',
  meta: {
    title: 'Subject can use the nodes/proxy subresource',
    description:
      "A binding gives a subject access to `nodes/proxy`, which forwards requests to the kubelet API of any node. The kubelet API runs commands in every container of the node (`/exec`, `/run`), reads their logs and bypasses the API server's audit log and admission control; even `get` is enough over a WebSocket on kubelets that map the upgrade request to `get`.",
    remediation:
      'Do not grant `nodes/proxy`; monitoring agents should read `/metrics` through `nodes/metrics` and `nodes/stats` instead.',
    severity: 'high',
    refs: { cis: ['5.1.10'], mitre: ['T1609'] },
    presets: ['recommended', 'cis'],
    notes:
      'Nodes are cluster-scoped, so only ClusterRoleBindings grant this. Built-in bindings and control-plane subjects are left out unless `includeSystem` is set.',
  },
  checks: [
    { verb: 'get', apiGroup: '', resource: 'nodes', subresource: 'proxy' },
    { verb: 'create', apiGroup: '', resource: 'nodes', subresource: 'proxy' },
    { verb: 'update', apiGroup: '', resource: 'nodes', subresource: 'proxy' },
    { verb: 'patch', apiGroup: '', resource: 'nodes', subresource: 'proxy' },
    { verb: 'delete', apiGroup: '', resource: 'nodes', subresource: 'proxy' },
  ],
  examples: {
    fail: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: node-scraper }
rules:
  - { apiGroups: [""], resources: [nodes, nodes/proxy], verbs: [get, list] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: fire-node-scraper }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: node-scraper }
subjects:
  - { kind: ServiceAccount, name: prometheus, namespace: monitoring }`,
    ],
    pass: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: node-metrics }
rules:
  - { apiGroups: [""], resources: [nodes, nodes/metrics, nodes/stats], verbs: [get, list] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: dont-fire-node-metrics }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: node-metrics }
subjects:
  - { kind: ServiceAccount, name: prometheus, namespace: monitoring }`,
    ],
  },
});
