import type { BuiltinClusterRole, BuiltinNamespacedRole, BuiltinRule } from './builtin-roles.js';

// The default roles of the control plane's own components, part of the same bootstrap policy as
// builtin-roles.ts and from the same source revision (pohly/kubernetes, commit
// 756168acf7903ecfc0eda5bdf750e7b6e1d6c43d): the ClusterRoles of the controllers that run in
// kube-controller-manager with per-controller credentials (testdata/controller-roles.yaml, each bound by
// the default ClusterRoleBinding of the same name to service account `kube-system/<controller>`), and
// the default namespaced Roles (testdata/namespace-roles.yaml; that fork does not store it, so it is read
// from kubernetes/kubernetes, commit 008b3652959ca58af8be3fb5b6ecfe9ae7638282, the only copy stored).
// Transcribed as data, rule for rule and in the file's order.

const READ = ['get', 'list', 'watch'];
const LIST_WATCH = ['list', 'watch'];
const CRUD = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];

/** A rule on resources: apiGroups, resources, verbs (and resourceNames when limited to named objects). */
function r(apiGroups: string[], resources: string[], verbs: string[], resourceNames?: string[]): BuiltinRule {
  return resourceNames ? { apiGroups, resources, resourceNames, verbs } : { apiGroups, resources, verbs };
}

/** The rule nearly every controller has: write events in either API group. */
const EVENTS = r(['', 'events.k8s.io'], ['events'], ['create', 'patch', 'update']);

/** The `system:controller:…` ClusterRoles, sorted by name. */
export const CONTROLLER_CLUSTER_ROLES: readonly BuiltinClusterRole[] = [
  {
    name: 'system:controller:attachdetach-controller',
    rules: [
      r([''], ['persistentvolumeclaims', 'persistentvolumes'], LIST_WATCH),
      r([''], ['nodes'], READ),
      r([''], ['nodes/status'], ['patch', 'update']),
      r([''], ['pods'], LIST_WATCH),
      EVENTS,
      r(['storage.k8s.io'], ['volumeattachments'], ['create', 'delete', 'get', 'list', 'watch']),
      r(['storage.k8s.io'], ['csidrivers'], READ),
      r(['storage.k8s.io'], ['csinodes'], READ),
    ],
  },
  {
    name: 'system:controller:certificate-controller',
    rules: [
      r(['certificates.k8s.io'], ['certificatesigningrequests'], ['delete', 'get', 'list', 'watch']),
      r(
        ['certificates.k8s.io'],
        ['certificatesigningrequests/approval', 'certificatesigningrequests/status'],
        ['update'],
      ),
      r(['certificates.k8s.io'], ['signers'], ['approve'], ['kubernetes.io/kube-apiserver-client-kubelet']),
      r(
        ['certificates.k8s.io'],
        ['signers'],
        ['sign'],
        [
          'kubernetes.io/kube-apiserver-client',
          'kubernetes.io/kube-apiserver-client-kubelet',
          'kubernetes.io/kubelet-serving',
          'kubernetes.io/legacy-unknown',
        ],
      ),
      r(['authorization.k8s.io'], ['subjectaccessreviews'], ['create']),
      EVENTS,
    ],
  },
  {
    name: 'system:controller:clusterrole-aggregation-controller',
    rules: [
      r(
        ['rbac.authorization.k8s.io'],
        ['clusterroles'],
        ['escalate', 'get', 'list', 'patch', 'update', 'watch'],
      ),
    ],
  },
  {
    name: 'system:controller:cronjob-controller',
    rules: [
      r(['batch'], ['cronjobs'], ['get', 'list', 'update', 'watch']),
      r(['batch'], ['jobs'], CRUD),
      r(['batch'], ['cronjobs/status'], ['update']),
      r(['batch'], ['cronjobs/finalizers'], ['update']),
      r([''], ['pods'], ['delete', 'list']),
      EVENTS,
    ],
  },
  {
    name: 'system:controller:daemon-set-controller',
    rules: [
      r(['apps', 'extensions'], ['daemonsets'], READ),
      r(['apps', 'extensions'], ['daemonsets/status'], ['update']),
      r(['apps', 'extensions'], ['daemonsets/finalizers'], ['update']),
      r([''], ['nodes'], LIST_WATCH),
      r([''], ['pods'], ['create', 'delete', 'list', 'patch', 'watch']),
      r([''], ['pods/binding'], ['create']),
      r(['apps'], ['controllerrevisions'], CRUD),
      EVENTS,
    ],
  },
  {
    name: 'system:controller:deployment-controller',
    rules: [
      r(['apps', 'extensions'], ['deployments'], ['get', 'list', 'update', 'watch']),
      r(['apps', 'extensions'], ['deployments/status'], ['update']),
      r(['apps', 'extensions'], ['deployments/finalizers'], ['update']),
      r(['apps', 'extensions'], ['replicasets'], CRUD),
      r([''], ['pods'], ['get', 'list', 'update', 'watch']),
      EVENTS,
    ],
  },
  {
    name: 'system:controller:disruption-controller',
    rules: [
      r(['apps', 'extensions'], ['deployments'], READ),
      r(['apps', 'extensions'], ['replicasets'], READ),
      r([''], ['replicationcontrollers'], READ),
      r(['policy'], ['poddisruptionbudgets'], READ),
      r(['apps'], ['statefulsets'], READ),
      r(['policy'], ['poddisruptionbudgets/status'], ['update']),
      r([''], ['pods/status'], ['patch', 'update']),
      r(['*'], ['*/scale'], ['get']),
      EVENTS,
    ],
  },
  {
    name: 'system:controller:endpoint-controller',
    rules: [
      r([''], ['pods', 'services'], READ),
      r([''], ['endpoints'], ['create', 'delete', 'get', 'list', 'update']),
      r([''], ['endpoints/restricted'], ['create']),
      EVENTS,
    ],
  },
  {
    name: 'system:controller:endpointslice-controller',
    rules: [
      r([''], ['nodes', 'pods', 'services'], READ),
      r([''], ['services/finalizers'], ['update']),
      r(['discovery.k8s.io'], ['endpointslices'], ['create', 'delete', 'get', 'list', 'update']),
      EVENTS,
    ],
  },
  {
    name: 'system:controller:endpointslicemirroring-controller',
    rules: [
      r([''], ['endpoints', 'services'], READ),
      r([''], ['services/finalizers'], ['update']),
      r([''], ['endpoints/finalizers'], ['update']),
      r(['discovery.k8s.io'], ['endpointslices'], ['create', 'delete', 'get', 'list', 'update']),
      EVENTS,
    ],
  },
  {
    name: 'system:controller:ephemeral-volume-controller',
    rules: [
      r([''], ['pods'], READ),
      r([''], ['pods/finalizers'], ['update']),
      r([''], ['persistentvolumeclaims'], ['create', 'get', 'list', 'watch']),
      EVENTS,
    ],
  },
  {
    name: 'system:controller:expand-controller',
    rules: [
      r([''], ['persistentvolumes'], ['get', 'list', 'patch', 'update', 'watch']),
      r([''], ['persistentvolumeclaims/status'], ['patch', 'update']),
      r([''], ['persistentvolumeclaims'], READ),
      EVENTS,
      r([''], ['services'], ['get']),
    ],
  },
  {
    name: 'system:controller:generic-garbage-collector',
    rules: [r(['*'], ['*'], ['delete', 'get', 'list', 'patch', 'update', 'watch']), EVENTS],
  },
  {
    name: 'system:controller:horizontal-pod-autoscaler',
    rules: [
      r(['autoscaling'], ['horizontalpodautoscalers'], READ),
      r(['autoscaling'], ['horizontalpodautoscalers/status'], ['update']),
      r(['*'], ['*/scale'], ['get', 'update']),
      r([''], ['pods'], ['list']),
      r(['metrics.k8s.io'], ['pods'], ['list']),
      r(['custom.metrics.k8s.io'], ['*'], ['get', 'list']),
      r(['external.metrics.k8s.io'], ['*'], ['get', 'list']),
      EVENTS,
    ],
  },
  {
    name: 'system:controller:job-controller',
    rules: [
      r(['batch'], ['jobs'], ['get', 'list', 'patch', 'update', 'watch']),
      r(['batch'], ['jobs/status'], ['update']),
      r(['batch'], ['jobs/finalizers'], ['update']),
      r([''], ['pods'], ['create', 'delete', 'list', 'patch', 'watch']),
      EVENTS,
    ],
  },
  {
    name: 'system:controller:legacy-service-account-token-cleaner',
    rules: [
      r([''], ['configmaps'], ['get'], ['kube-apiserver-legacy-service-account-token-tracking']),
      r([''], ['secrets'], ['delete', 'patch']),
    ],
  },
  {
    name: 'system:controller:namespace-controller',
    rules: [
      r([''], ['namespaces'], ['delete', 'get', 'list', 'watch']),
      r([''], ['namespaces/finalize', 'namespaces/status'], ['update']),
      r(['*'], ['*'], ['delete', 'deletecollection', 'get', 'list']),
    ],
  },
  {
    name: 'system:controller:node-controller',
    rules: [
      r([''], ['nodes'], ['delete', 'get', 'list', 'patch', 'update']),
      r([''], ['nodes/status'], ['patch', 'update']),
      r([''], ['pods/status'], ['patch', 'update']),
      r([''], ['pods'], ['delete', 'get', 'list']),
      EVENTS,
    ],
  },
  {
    name: 'system:controller:persistent-volume-binder',
    rules: [
      r([''], ['persistentvolumes'], ['create', 'delete', 'get', 'list', 'update', 'watch']),
      r([''], ['persistentvolumes/status'], ['update']),
      r([''], ['persistentvolumeclaims'], ['get', 'list', 'update', 'watch']),
      r([''], ['persistentvolumeclaims/status'], ['update']),
      r([''], ['pods'], ['create', 'delete', 'get', 'list', 'watch']),
      r(['storage.k8s.io'], ['storageclasses'], READ),
      r([''], ['nodes'], LIST_WATCH),
      EVENTS,
      r([''], ['events'], ['watch']),
      r([''], ['services'], ['get']),
    ],
  },
  {
    name: 'system:controller:pod-garbage-collector',
    rules: [
      r([''], ['pods'], ['delete', 'list', 'watch']),
      r([''], ['nodes'], ['get', 'list']),
      r([''], ['pods/status'], ['patch']),
    ],
  },
  {
    name: 'system:controller:pv-protection-controller',
    rules: [r([''], ['persistentvolumes'], ['get', 'list', 'update', 'watch']), EVENTS],
  },
  {
    name: 'system:controller:pvc-protection-controller',
    rules: [
      r([''], ['persistentvolumeclaims'], ['get', 'list', 'update', 'watch']),
      r([''], ['pods'], READ),
      EVENTS,
    ],
  },
  {
    name: 'system:controller:replicaset-controller',
    rules: [
      r(['apps', 'extensions'], ['replicasets'], ['get', 'list', 'update', 'watch']),
      r(['apps', 'extensions'], ['replicasets/status'], ['update']),
      r(['apps', 'extensions'], ['replicasets/finalizers'], ['update']),
      r([''], ['pods'], ['create', 'delete', 'list', 'patch', 'watch']),
      EVENTS,
    ],
  },
  {
    name: 'system:controller:replication-controller',
    rules: [
      r([''], ['replicationcontrollers'], ['get', 'list', 'update', 'watch']),
      r([''], ['replicationcontrollers/status'], ['update']),
      r([''], ['replicationcontrollers/finalizers'], ['update']),
      r([''], ['pods'], ['create', 'delete', 'list', 'patch', 'watch']),
      EVENTS,
    ],
  },
  {
    name: 'system:controller:resource-claim-controller',
    rules: [
      r([''], ['pods'], READ),
      r([''], ['pods/finalizers'], ['update']),
      r(['resource.k8s.io'], ['resourceclaims'], ['create', 'delete', 'get', 'list', 'watch']),
      r(['resource.k8s.io'], ['resourceclaims', 'resourceclaims/status'], ['patch', 'update']),
      r([''], ['pods/status'], ['patch', 'update']),
      EVENTS,
    ],
  },
  {
    name: 'system:controller:resourcequota-controller',
    rules: [r(['*'], ['*'], LIST_WATCH), r([''], ['resourcequotas/status'], ['update']), EVENTS],
  },
  {
    name: 'system:controller:root-ca-cert-publisher',
    rules: [r([''], ['configmaps'], ['create', 'update']), EVENTS],
  },
  {
    name: 'system:controller:route-controller',
    rules: [r([''], ['nodes'], LIST_WATCH), r([''], ['nodes/status'], ['patch']), EVENTS],
  },
  {
    name: 'system:controller:service-account-controller',
    rules: [r([''], ['serviceaccounts'], ['create']), EVENTS],
  },
  {
    name: 'system:controller:service-controller',
    rules: [
      r([''], ['services'], READ),
      r([''], ['services/status'], ['patch', 'update']),
      r([''], ['nodes'], LIST_WATCH),
      EVENTS,
    ],
  },
  {
    name: 'system:controller:statefulset-controller',
    rules: [
      r([''], ['pods'], LIST_WATCH),
      r(['apps'], ['statefulsets'], READ),
      r(['apps'], ['statefulsets/status'], ['update']),
      r(['apps'], ['statefulsets/finalizers'], ['update']),
      r([''], ['pods'], ['create', 'delete', 'get', 'patch', 'update']),
      r(['apps'], ['controllerrevisions'], CRUD),
      r([''], ['persistentvolumeclaims'], ['create', 'get', 'list', 'watch']),
      EVENTS,
      r([''], ['persistentvolumeclaims'], ['delete', 'update']),
      r([''], ['pods/finalizers'], ['update']),
    ],
  },
  {
    name: 'system:controller:ttl-after-finished-controller',
    rules: [r(['batch'], ['jobs'], ['delete', 'get', 'list', 'watch']), EVENTS],
  },
  {
    name: 'system:controller:ttl-controller',
    rules: [r([''], ['nodes'], ['list', 'patch', 'update', 'watch']), EVENTS],
  },
  {
    name: 'system:controller:validatingadmissionpolicy-status-controller',
    rules: [
      r(['admissionregistration.k8s.io'], ['validatingadmissionpolicies'], READ),
      r(['admissionregistration.k8s.io'], ['validatingadmissionpolicies/status'], ['get', 'patch', 'update']),
      EVENTS,
    ],
  },
];

const LEASE_LOCKING = ['create', 'get', 'list', 'update', 'watch'];

/** The default namespaced Roles, sorted by namespace and name. */
export const BUILTIN_NAMESPACED_ROLES: readonly BuiltinNamespacedRole[] = [
  {
    namespace: 'kube-public',
    name: 'system:controller:bootstrap-signer',
    rules: [r([''], ['configmaps'], READ), r([''], ['configmaps'], ['update'], ['cluster-info']), EVENTS],
  },
  {
    namespace: 'kube-system',
    name: 'extension-apiserver-authentication-reader',
    rules: [r([''], ['configmaps'], READ, ['extension-apiserver-authentication'])],
  },
  {
    namespace: 'kube-system',
    name: 'system::leader-locking-kube-controller-manager',
    rules: [
      r(['coordination.k8s.io'], ['leases'], LEASE_LOCKING),
      r(['coordination.k8s.io'], ['leasecandidates'], LEASE_LOCKING),
    ],
  },
  {
    namespace: 'kube-system',
    name: 'system::leader-locking-kube-scheduler',
    rules: [
      r(['coordination.k8s.io'], ['leases'], LEASE_LOCKING),
      r(['coordination.k8s.io'], ['leasecandidates'], LEASE_LOCKING),
    ],
  },
  {
    namespace: 'kube-system',
    name: 'system:controller:bootstrap-signer',
    rules: [r([''], ['secrets'], READ)],
  },
  {
    namespace: 'kube-system',
    name: 'system:controller:cloud-provider',
    rules: [r([''], ['configmaps'], ['create', 'get', 'list', 'watch'])],
  },
  {
    namespace: 'kube-system',
    name: 'system:controller:token-cleaner',
    rules: [r([''], ['secrets'], ['delete', 'get', 'list', 'watch']), EVENTS],
  },
];
