import { permissionRule } from './_rbac.js';

export default permissionRule({
  id: 'rbac/create-pods',
  meta: {
    title: 'Subject can create pods or workloads',
    description:
      'A binding lets a subject create Pods or objects that create Pods (Deployments, ReplicaSets, StatefulSets, DaemonSets, Jobs, CronJobs, ReplicationControllers). Whoever can create a pod in a namespace can run it as any service account of that namespace and mount any Secret, ConfigMap or volume there, so the permission is worth every Secret and service account of the namespace.',
    remediation:
      'Let only deployment pipelines and controllers create workloads; give people read access and deploy through reviewed pipelines; enforce Pod Security Admission so that a created pod cannot also be privileged.',
    severity: 'medium',
    refs: { cis: ['5.1.4'], mitre: ['T1610'] },
    presets: ['recommended', 'cis'],
    notes:
      'CIS 5.1.4 names pods; the workload kinds are included because creating one makes its controller create the pods. Built-in bindings and control-plane subjects are left out unless `includeSystem` is set.',
  },
  checks: [
    { verb: 'create', apiGroup: '', resource: 'pods' },
    { verb: 'create', apiGroup: 'apps', resource: 'deployments' },
    { verb: 'create', apiGroup: 'apps', resource: 'replicasets' },
    { verb: 'create', apiGroup: 'apps', resource: 'statefulsets' },
    { verb: 'create', apiGroup: 'apps', resource: 'daemonsets' },
    { verb: 'create', apiGroup: 'batch', resource: 'jobs' },
    { verb: 'create', apiGroup: 'batch', resource: 'cronjobs' },
    { verb: 'create', apiGroup: '', resource: 'replicationcontrollers' },
  ],
  examples: {
    fail: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: deployer, namespace: apps }
rules:
  - { apiGroups: [apps], resources: [deployments], verbs: [get, create, update] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: fire-deployer, namespace: apps }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: deployer }
subjects:
  - { apiGroup: rbac.authorization.k8s.io, kind: User, name: alice }`,
    ],
    pass: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: viewer, namespace: apps }
rules:
  - { apiGroups: ["", apps], resources: [pods, deployments], verbs: [get, list, watch] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: dont-fire-viewer, namespace: apps }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: viewer }
subjects:
  - { apiGroup: rbac.authorization.k8s.io, kind: User, name: alice }`,
    ],
  },
});
