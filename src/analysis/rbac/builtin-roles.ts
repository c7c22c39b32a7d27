import type { JsonObject, Resource, SourceLocation } from '../../model/types.js';
import { CONTROLLER_CLUSTER_ROLES } from './builtin-controller-roles.js';

// The default ClusterRoles the API server creates at start-up (its "bootstrap policy"), for bindings whose
// role is not in the input: scanning manifests, a binding of `view` or `cluster-admin` almost never comes
// with the role, which lives in the cluster.
//
// Source (facts, transcribed as data): kubernetes/kubernetes
// plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go (commit 53f1b9d6f8de259644c05a25aa7ac8c6a67258e2)
// for how the roles are built, and the expanded roles of its generated test data
// plugin/pkg/auth/authorizer/rbac/bootstrappolicy/testdata/cluster-roles.yaml, as of a recent Kubernetes
// (read from the fork pohly/kubernetes, commit 756168acf7903ecfc0eda5bdf750e7b6e1d6c43d, whose copy has the
// current rules: `edit` no longer writes endpoints, `view` reads endpointslices, and so on; the copy stored
// for kubernetes/kubernetes itself, commit f587127f00ce63c21d26aecf9028fa5ea95bf484, predates aggregation).
//
// `admin`, `edit` and `view` are aggregated roles with no rules of their own: the controller fills them
// from every ClusterRole labelled `rbac.authorization.k8s.io/aggregate-to-<name>: "true"`, by default
// `system:aggregate-to-<name>`; `edit` is itself labelled aggregate-to-admin and `view` aggregate-to-edit,
// so admin ⊇ edit ⊇ view. They are modelled the same way, so an input ClusterRole with such a label
// (a CRD's `…-edit` role) is aggregated into the built-in one as it would be in a cluster.

/** One rule of a default ClusterRole, as written in the bootstrap policy. */
export interface BuiltinRule {
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
  verbs: string[];
}

/** A default ClusterRole: its labels, aggregation selectors (matchLabels only) and rules. */
export interface BuiltinClusterRole {
  name: string;
  labels?: Record<string, string>;
  /** `aggregationRule.clusterRoleSelectors[].matchLabels`, for an aggregated role (which has no rules). */
  aggregateFrom?: Record<string, string>[];
  rules: BuiltinRule[];
}

/** A default namespaced Role (testdata/namespace-roles.yaml): it exists in its namespace only. */
export interface BuiltinNamespacedRole {
  namespace: string;
  name: string;
  rules: BuiltinRule[];
}

const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update'];
const READ_WRITE = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const EVENTS_WRITE = ['create', 'patch', 'update'];
const AGG = 'rbac.authorization.k8s.io/aggregate-to-';

/** The default ClusterRoles of testdata/cluster-roles.yaml, sorted by name. */
const CLUSTER_ROLES: readonly BuiltinClusterRole[] = [
  { name: 'admin', aggregateFrom: [{ [`${AGG}admin`]: 'true' }], rules: [] },
  {
    name: 'cluster-admin',
    rules: [
      { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
      { nonResourceURLs: ['*'], verbs: ['*'] },
    ],
  },
  {
    name: 'edit',
    labels: { [`${AGG}admin`]: 'true' },
    aggregateFrom: [{ [`${AGG}edit`]: 'true' }],
    rules: [],
  },
  {
    name: 'system:aggregate-to-admin',
    labels: { [`${AGG}admin`]: 'true' },
    rules: [
      { apiGroups: ['authorization.k8s.io'], resources: ['localsubjectaccessreviews'], verbs: ['create'] },
      { apiGroups: ['rbac.authorization.k8s.io'], resources: ['rolebindings', 'roles'], verbs: READ_WRITE },
    ],
  },
  {
    name: 'system:aggregate-to-edit',
    labels: { [`${AGG}edit`]: 'true' },
    rules: [
      {
        apiGroups: [''],
        resources: [
          'pods/attach',
          'pods/exec',
          'pods/portforward',
          'pods/proxy',
          'secrets',
          'services/proxy',
        ],
        verbs: READ,
      },
      { apiGroups: [''], resources: ['serviceaccounts'], verbs: ['impersonate'] },
      {
        apiGroups: [''],
        resources: ['pods', 'pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy'],
        verbs: WRITE,
      },
      { apiGroups: [''], resources: ['pods/eviction'], verbs: ['create'] },
      {
        apiGroups: [''],
        resources: [
          'configmaps',
          'events',
          'persistentvolumeclaims',
          'replicationcontrollers',
          'replicationcontrollers/scale',
          'secrets',
          'serviceaccounts',
          'services',
          'services/proxy',
        ],
        verbs: WRITE,
      },
      { apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'] },
      {
        apiGroups: ['apps'],
        resources: [
          'daemonsets',
          'deployments',
          'deployments/rollback',
          'deployments/scale',
          'replicasets',
          'replicasets/scale',
          'statefulsets',
          'statefulsets/scale',
        ],
        verbs: WRITE,
      },
      { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: WRITE },
      { apiGroups: ['batch'], resources: ['cronjobs', 'jobs'], verbs: WRITE },
      {
        apiGroups: ['extensions'],
        resources: [
          'daemonsets',
          'deployments',
          'deployments/rollback',
          'deployments/scale',
          'ingresses',
          'networkpolicies',
          'replicasets',
          'replicasets/scale',
          'replicationcontrollers/scale',
        ],
        verbs: WRITE,
      },
      { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: WRITE },
      { apiGroups: ['networking.k8s.io'], resources: ['ingresses', 'networkpolicies'], verbs: WRITE },
      { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: READ_WRITE },
    ],
  },
  {
    name: 'system:aggregate-to-view',
    labels: { [`${AGG}view`]: 'true' },
    rules: [
      {
        apiGroups: [''],
        resources: [
          'configmaps',
          'endpoints',
          'persistentvolumeclaims',
          'persistentvolumeclaims/status',
          'pods',
          'replicationcontrollers',
          'replicationcontrollers/scale',
          'serviceaccounts',
          'services',
          'services/status',
        ],
        verbs: READ,
      },
      {
        apiGroups: [''],
        resources: [
          'bindings',
          'events',
          'limitranges',
          'namespaces/status',
          'pods/log',
          'pods/status',
          'replicationcontrollers/status',
          'resourcequotas',
          'resourcequotas/status',
        ],
        verbs: READ,
      },
      { apiGroups: [''], resources: ['namespaces'], verbs: READ },
      { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: READ },
      {
        apiGroups: ['apps'],
        resources: [
          'controllerrevisions',
          'daemonsets',
          'daemonsets/status',
          'deployments',
          'deployments/scale',
          'deployments/status',
          'replicasets',
          'replicasets/scale',
          'replicasets/status',
          'statefulsets',
          'statefulsets/scale',
          'statefulsets/status',
        ],
        verbs: READ,
      },
      {
        apiGroups: ['autoscaling'],
        resources: ['horizontalpodautoscalers', 'horizontalpodautoscalers/status'],
        verbs: READ,
      },
      {
        apiGroups: ['batch'],
        resources: ['cronjobs', 'cronjobs/status', 'jobs', 'jobs/status'],
        verbs: READ,
      },
      {
        apiGroups: ['extensions'],
        resources: [
          'daemonsets',
          'daemonsets/status',
          'deployments',
          'deployments/scale',
          'deployments/status',
          'ingresses',
          'ingresses/status',
          'networkpolicies',
          'replicasets',
          'replicasets/scale',
          'replicasets/status',
          'replicationcontrollers/scale',
        ],
        verbs: READ,
      },
      {
        apiGroups: ['policy'],
        resources: ['poddisruptionbudgets', 'poddisruptionbudgets/status'],
        verbs: READ,
      },
      {
        apiGroups: ['networking.k8s.io'],
        resources: ['ingresses', 'ingresses/status', 'networkpolicies'],
        verbs: READ,
      },
    ],
  },
  {
    name: 'system:auth-delegator',
    rules: [
      { apiGroups: ['authentication.k8s.io'], resources: ['tokenreviews'], verbs: ['create'] },
      { apiGroups: ['authorization.k8s.io'], resources: ['subjectaccessreviews'], verbs: ['create'] },
    ],
  },
  {
    name: 'system:basic-user',
    rules: [
      {
        apiGroups: ['authorization.k8s.io'],
        resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'],
        verbs: ['create'],
      },
      { apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'], verbs: ['create'] },
    ],
  },
  {
    name: 'system:certificates.k8s.io:certificatesigningrequests:nodeclient',
    rules: [
      {
        apiGroups: ['certificates.k8s.io'],
        resources: ['certificatesigningrequests/nodeclient'],
        verbs: ['create'],
      },
    ],
  },
  {
    name: 'system:certificates.k8s.io:certificatesigningrequests:selfnodeclient',
    rules: [
      {
        apiGroups: ['certificates.k8s.io'],
        resources: ['certificatesigningrequests/selfnodeclient'],
        verbs: ['create'],
      },
    ],
  },
  {
    name: 'system:certificates.k8s.io:kube-apiserver-client-approver',
    rules: [
      {
        apiGroups: ['certificates.k8s.io'],
        resourceNames: ['kubernetes.io/kube-apiserver-client'],
        resources: ['signers'],
        verbs: ['approve'],
      },
    ],
  },
  {
    name: 'system:certificates.k8s.io:kube-apiserver-client-kubelet-approver',
    rules: [
      {
        apiGroups: ['certificates.k8s.io'],
        resourceNames: ['kubernetes.io/kube-apiserver-client-kubelet'],
        resources: ['signers'],
        verbs: ['approve'],
      },
    ],
  },
  {
    name: 'system:certificates.k8s.io:kubelet-serving-approver',
    rules: [
      {
        apiGroups: ['certificates.k8s.io'],
        resourceNames: ['kubernetes.io/kubelet-serving'],
        resources: ['signers'],
        verbs: ['approve'],
      },
    ],
  },
  {
    name: 'system:certificates.k8s.io:legacy-unknown-approver',
    rules: [
      {
        apiGroups: ['certificates.k8s.io'],
        resourceNames: ['kubernetes.io/legacy-unknown'],
        resources: ['signers'],
        verbs: ['approve'],
      },
    ],
  },
  {
    name: 'system:discovery',
    rules: [
      {
        nonResourceURLs: [
          '/api',
          '/api/*',
          '/apis',
          '/apis/*',
          '/healthz',
          '/livez',
          '/openapi',
          '/openapi/*',
          '/readyz',
          '/version',
          '/version/',
        ],
        verbs: ['get'],
      },
    ],
  },
  {
    name: 'system:heapster',
    rules: [
      { apiGroups: [''], resources: ['events', 'namespaces', 'nodes', 'pods'], verbs: READ },
      { apiGroups: ['extensions'], resources: ['deployments'], verbs: READ },
    ],
  },
  {
    name: 'system:kube-aggregator',
    rules: [{ apiGroups: [''], resources: ['endpoints', 'services'], verbs: READ }],
  },
  {
    name: 'system:kube-controller-manager',
    rules: [
      { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: EVENTS_WRITE },
      { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create'] },
      {
        apiGroups: ['coordination.k8s.io'],
        resourceNames: ['kube-controller-manager'],
        resources: ['leases'],
        verbs: ['get', 'update'],
      },
      { apiGroups: [''], resources: ['secrets', 'serviceaccounts'], verbs: ['create'] },
      { apiGroups: [''], resources: ['secrets'], verbs: ['delete'] },
      {
        apiGroups: [''],
        resources: ['configmaps', 'namespaces', 'secrets', 'serviceaccounts'],
        verbs: ['get'],
      },
      { apiGroups: [''], resources: ['secrets', 'serviceaccounts'], verbs: ['update'] },
      { apiGroups: ['authentication.k8s.io'], resources: ['tokenreviews'], verbs: ['create'] },
      { apiGroups: ['authorization.k8s.io'], resources: ['subjectaccessreviews'], verbs: ['create'] },
      { apiGroups: ['*'], resources: ['*'], verbs: ['list', 'watch'] },
      { apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'] },
    ],
  },
  {
    name: 'system:kube-dns',
    rules: [{ apiGroups: [''], resources: ['endpoints', 'services'], verbs: ['list', 'watch'] }],
  },
  {
    name: 'system:kube-scheduler',
    rules: [
      { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: EVENTS_WRITE },
      { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create'] },
      {
        apiGroups: ['coordination.k8s.io'],
        resourceNames: ['kube-scheduler'],
        resources: ['leases'],
        verbs: ['get', 'list', 'update', 'watch'],
      },
      { apiGroups: ['coordination.k8s.io'], resources: ['leasecandidates'], verbs: READ_WRITE },
      { apiGroups: [''], resources: ['nodes'], verbs: READ },
      { apiGroups: [''], resources: ['pods'], verbs: ['delete', 'get', 'list', 'watch'] },
      { apiGroups: [''], resources: ['bindings', 'pods/binding'], verbs: ['create'] },
      { apiGroups: [''], resources: ['pods/status'], verbs: ['patch', 'update'] },
      { apiGroups: [''], resources: ['replicationcontrollers', 'services'], verbs: READ },
      { apiGroups: ['apps', 'extensions'], resources: ['replicasets'], verbs: READ },
      { apiGroups: ['apps'], resources: ['statefulsets'], verbs: READ },
      { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: READ },
      { apiGroups: [''], resources: ['persistentvolumeclaims', 'persistentvolumes'], verbs: READ },
      { apiGroups: ['authentication.k8s.io'], resources: ['tokenreviews'], verbs: ['create'] },
      { apiGroups: ['authorization.k8s.io'], resources: ['subjectaccessreviews'], verbs: ['create'] },
      { apiGroups: ['storage.k8s.io'], resources: ['csinodes'], verbs: READ },
      { apiGroups: ['storage.k8s.io'], resources: ['volumeattachments'], verbs: READ },
      { apiGroups: [''], resources: ['namespaces'], verbs: READ },
      { apiGroups: ['storage.k8s.io'], resources: ['csidrivers'], verbs: READ },
      { apiGroups: ['storage.k8s.io'], resources: ['csistoragecapacities'], verbs: READ },
      { apiGroups: ['resource.k8s.io'], resources: ['deviceclasses'], verbs: READ },
      {
        apiGroups: ['resource.k8s.io'],
        resources: ['resourceclaims'],
        verbs: ['get', 'list', 'patch', 'update', 'watch'],
      },
      {
        apiGroups: ['resource.k8s.io'],
        resources: ['resourceclaims/status'],
        verbs: ['get', 'list', 'patch', 'update', 'watch'],
      },
      { apiGroups: [''], resources: ['pods/finalizers'], verbs: ['get', 'list', 'patch', 'update', 'watch'] },
      { apiGroups: ['resource.k8s.io'], resources: ['resourceslices'], verbs: READ },
    ],
  },
  {
    name: 'system:kubelet-api-admin',
    rules: [
      { apiGroups: [''], resources: ['nodes'], verbs: READ },
      { apiGroups: [''], resources: ['nodes'], verbs: ['proxy'] },
      {
        apiGroups: [''],
        resources: ['nodes/log', 'nodes/metrics', 'nodes/proxy', 'nodes/stats'],
        verbs: ['*'],
      },
    ],
  },
  {
    name: 'system:monitoring',
    rules: [
      {
        nonResourceURLs: [
          '/healthz',
          '/healthz/*',
          '/livez',
          '/livez/*',
          '/metrics',
          '/metrics/slis',
          '/readyz',
          '/readyz/*',
        ],
        verbs: ['get'],
      },
    ],
  },
  {
    name: 'system:node',
    rules: [
      { apiGroups: ['authentication.k8s.io'], resources: ['tokenreviews'], verbs: ['create'] },
      {
        apiGroups: ['authorization.k8s.io'],
        resources: ['localsubjectaccessreviews', 'subjectaccessreviews'],
        verbs: ['create'],
      },
      { apiGroups: [''], resources: ['services'], verbs: READ },
      { apiGroups: [''], resources: ['nodes'], verbs: ['create', 'get', 'list', 'watch'] },
      { apiGroups: [''], resources: ['nodes/status'], verbs: ['patch', 'update'] },
      { apiGroups: [''], resources: ['nodes'], verbs: ['patch', 'update'] },
      { apiGroups: [''], resources: ['events'], verbs: EVENTS_WRITE },
      { apiGroups: [''], resources: ['pods'], verbs: READ },
      { apiGroups: [''], resources: ['pods'], verbs: ['create', 'delete'] },
      { apiGroups: [''], resources: ['pods/status'], verbs: ['patch', 'update'] },
      { apiGroups: [''], resources: ['pods/eviction'], verbs: ['create'] },
      { apiGroups: [''], resources: ['configmaps', 'secrets'], verbs: READ },
      { apiGroups: [''], resources: ['persistentvolumeclaims', 'persistentvolumes'], verbs: ['get'] },
      { apiGroups: [''], resources: ['endpoints'], verbs: ['get'] },
      {
        apiGroups: ['certificates.k8s.io'],
        resources: ['certificatesigningrequests'],
        verbs: ['create', 'get', 'list', 'watch'],
      },
      {
        apiGroups: ['coordination.k8s.io'],
        resources: ['leases'],
        verbs: ['create', 'delete', 'get', 'patch', 'update'],
      },
      { apiGroups: ['storage.k8s.io'], resources: ['volumeattachments'], verbs: ['get'] },
      { apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'] },
      { apiGroups: [''], resources: ['persistentvolumeclaims/status'], verbs: ['get', 'patch', 'update'] },
      { apiGroups: ['storage.k8s.io'], resources: ['csidrivers'], verbs: READ },
      {
        apiGroups: ['storage.k8s.io'],
        resources: ['csinodes'],
        verbs: ['create', 'delete', 'get', 'patch', 'update'],
      },
      { apiGroups: ['node.k8s.io'], resources: ['runtimeclasses'], verbs: READ },
      { apiGroups: ['resource.k8s.io'], resources: ['resourceclaims'], verbs: ['get'] },
      { apiGroups: ['resource.k8s.io'], resources: ['resourceslices'], verbs: ['deletecollection'] },
    ],
  },
  {
    name: 'system:node-bootstrapper',
    rules: [
      {
        apiGroups: ['certificates.k8s.io'],
        resources: ['certificatesigningrequests'],
        verbs: ['create', 'get', 'list', 'watch'],
      },
    ],
  },
  {
    name: 'system:node-problem-detector',
    rules: [
      { apiGroups: [''], resources: ['nodes'], verbs: ['get'] },
      { apiGroups: [''], resources: ['nodes/status'], verbs: ['patch'] },
      { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: EVENTS_WRITE },
    ],
  },
  {
    name: 'system:node-proxier',
    rules: [
      { apiGroups: [''], resources: ['endpoints', 'services'], verbs: ['list', 'watch'] },
      { apiGroups: [''], resources: ['nodes'], verbs: READ },
      { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: EVENTS_WRITE },
      { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['list', 'watch'] },
    ],
  },
  {
    name: 'system:persistent-volume-provisioner',
    rules: [
      {
        apiGroups: [''],
        resources: ['persistentvolumes'],
        verbs: ['create', 'delete', 'get', 'list', 'watch'],
      },
      { apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: ['get', 'list', 'update', 'watch'] },
      { apiGroups: ['storage.k8s.io'], resources: ['storageclasses'], verbs: READ },
      { apiGroups: [''], resources: ['events'], verbs: ['watch'] },
      { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: EVENTS_WRITE },
    ],
  },
  {
    name: 'system:public-info-viewer',
    rules: [{ nonResourceURLs: ['/healthz', '/livez', '/readyz', '/version', '/version/'], verbs: ['get'] }],
  },
  {
    name: 'system:service-account-issuer-discovery',
    rules: [
      {
        nonResourceURLs: [
          '/.well-known/openid-configuration',
          '/.well-known/openid-configuration/',
          '/openid/v1/jwks',
          '/openid/v1/jwks/',
        ],
        verbs: ['get'],
      },
    ],
  },
  {
    name: 'system:volume-scheduler',
    rules: [
      {
        apiGroups: [''],
        resources: ['persistentvolumes'],
        verbs: ['get', 'list', 'patch', 'update', 'watch'],
      },
      { apiGroups: ['storage.k8s.io'], resources: ['storageclasses'], verbs: READ },
      {
        apiGroups: [''],
        resources: ['persistentvolumeclaims'],
        verbs: ['get', 'list', 'patch', 'update', 'watch'],
      },
    ],
  },
  {
    name: 'view',
    labels: { [`${AGG}edit`]: 'true' },
    aggregateFrom: [{ [`${AGG}view`]: 'true' }],
    rules: [],
  },
];

/**
 * Every default ClusterRole of the bootstrap policy, sorted by name: those above and the controllers'
 * `system:controller:…` roles (builtin-controller-roles.ts).
 */
export const BUILTIN_CLUSTER_ROLES: readonly BuiltinClusterRole[] = [
  ...CLUSTER_ROLES,
  ...CONTROLLER_CLUSTER_ROLES,
].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

export { BUILTIN_NAMESPACED_ROLES } from './builtin-controller-roles.js';

/** The pseudo file a default role is shown as coming from. */
export const BUILTIN_FILE_PREFIX = 'builtin:';

/**
 * A default ClusterRole as a resource, as the API server would serve it (with the bootstrapping label),
 * located in the pseudo file `builtin:ClusterRole/<name>`.
 */
export function builtinRoleResource(role: BuiltinClusterRole): Resource {
  const file = `${BUILTIN_FILE_PREFIX}ClusterRole/${role.name}`;
  const location: SourceLocation = { file, line: 1, column: 1 };
  const object: JsonObject = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: {
      name: role.name,
      labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults', ...(role.labels ?? {}) },
    },
    rules: role.rules.map((r) => ({ ...r }) as JsonObject),
    ...(role.aggregateFrom
      ? { aggregationRule: { clusterRoleSelectors: role.aggregateFrom.map((m) => ({ matchLabels: m })) } }
      : {}),
  };
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    namespace: null,
    name: role.name,
    object,
    source: { file, docIndex: 0, line: 1, column: 1, locate: () => location },
  };
}

/**
 * A default namespaced Role as a resource, as the API server would serve it (with the bootstrapping label),
 * located in the pseudo file `builtin:Role/<namespace>/<name>`.
 */
export function builtinNamespacedRoleResource(role: BuiltinNamespacedRole): Resource {
  const file = `${BUILTIN_FILE_PREFIX}Role/${role.namespace}/${role.name}`;
  const location: SourceLocation = { file, line: 1, column: 1 };
  const object: JsonObject = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: {
      name: role.name,
      namespace: role.namespace,
      labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' },
    },
    rules: role.rules.map((r) => ({ ...r }) as JsonObject),
  };
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    namespace: role.namespace,
    name: role.name,
    object,
    source: { file, docIndex: 0, line: 1, column: 1, locate: () => location },
  };
}
