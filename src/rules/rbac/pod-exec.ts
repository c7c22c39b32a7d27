import { permissionRule } from './_rbac.js';

export default permissionRule({
  id: 'rbac/pod-exec',
  meta: {
    title: 'Subject can exec or attach into pods',
    description:
      'A binding lets a subject use `pods/exec` or `pods/attach`: run commands inside running containers, with their service-account token, their mounted Secrets and their network position. The API server authorizes them as `create` on the subresource, but before Kubernetes 1.35 (feature gate `AuthorizePodWebsocketUpgradeCreatePermission`) a WebSocket request, which kubectl uses by default, needed only `get`; both verbs are reported.',
    remediation:
      'Remove `pods/exec` and `pods/attach` from roles used day to day; grant them for break-glass access only, to named people, and audit their use.',
    severity: 'high',
    refs: { mitre: ['T1609'] },
    presets: ['recommended'],
    notes:
      'Built-in bindings and control-plane subjects are left out unless `includeSystem` is set. A role with resources `*` or `*/exec` covers these subresources; a role with only `pods` does not.',
  },
  checks: [
    { verb: 'create', apiGroup: '', resource: 'pods', subresource: 'exec' },
    { verb: 'get', apiGroup: '', resource: 'pods', subresource: 'exec' },
    { verb: 'create', apiGroup: '', resource: 'pods', subresource: 'attach' },
    { verb: 'get', apiGroup: '', resource: 'pods', subresource: 'attach' },
  ],
  examples: {
    fail: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: debugger }
rules:
  - { apiGroups: [""], resources: [pods, pods/exec], verbs: [get, create] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: fire-debuggers }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: debugger }
subjects:
  - { apiGroup: rbac.authorization.k8s.io, kind: Group, name: developers }`,
    ],
    pass: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: pod-reader }
rules:
  - { apiGroups: [""], resources: [pods, pods/log], verbs: [get, list, create] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: dont-fire-pod-reader }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: pod-reader }
subjects:
  - { apiGroup: rbac.authorization.k8s.io, kind: Group, name: developers }`,
    ],
  },
});
