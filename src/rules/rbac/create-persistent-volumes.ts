import { permissionRule } from './_rbac.js';

export default permissionRule({
  id: 'rbac/create-persistent-volumes',
  meta: {
    title: 'Subject can create PersistentVolumes',
    description:
      "A binding lets a subject create PersistentVolumes. A PersistentVolume can be a `hostPath` volume, which gives any pod that claims it the node's filesystem, bypassing the Pod Security Standards that forbid `hostPath` in pods.",
    remediation:
      'Let storage provisioners create PersistentVolumes; give users PersistentVolumeClaims and StorageClasses instead.',
    severity: 'medium',
    refs: { cis: ['5.1.9'] },
    presets: ['cis'],
    notes:
      'PersistentVolumes are cluster-scoped, so only ClusterRoleBindings grant this. Built-in bindings and control-plane subjects are left out unless `includeSystem` is set.',
  },
  checks: [{ verb: 'create', apiGroup: '', resource: 'persistentvolumes' }],
  examples: {
    fail: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: pv-maker }
rules:
  - { apiGroups: [""], resources: [persistentvolumes], verbs: [create, delete] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: fire-pv-maker }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: pv-maker }
subjects:
  - { apiGroup: rbac.authorization.k8s.io, kind: Group, name: developers }`,
    ],
    pass: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: pvc-maker }
rules:
  - { apiGroups: [""], resources: [persistentvolumeclaims], verbs: [create, delete] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: dont-fire-pvc-maker }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: pvc-maker }
subjects:
  - { apiGroup: rbac.authorization.k8s.io, kind: Group, name: developers }`,
    ],
  },
});
