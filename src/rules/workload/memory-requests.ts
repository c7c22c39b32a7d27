import { resourceRule } from './_resource-requirements.js';

export default resourceRule({
  id: 'workload/memory-requests',
  kind: 'requests',
  resource: 'memory',
  meta: {
    title: 'Container has no memory request',
    description:
      'Without a memory request the scheduler assumes the container needs no memory, so nodes get overcommitted, and the container is among the first to be evicted under memory pressure. Regular and init containers are checked.',
    remediation:
      'Set `resources.requests.memory` on each container to its normal working set (for example `128Mi`). A memory limit alone also works, because Kubernetes then uses the limit as the request.',
    severity: 'low',
    refs: {
      kubesec: ['RequestsMemory'],
    },
    presets: ['recommended'],
    messages: {
      missing: 'container "{{container}}" has no memory request',
    },
    notes:
      "A container passes when it sets `resources.requests.memory` or `resources.limits.memory`: when only the limit is set, Kubernetes uses it as the request. A LimitRange in the namespace may inject a default at admission; it is not visible in the workload, so such containers are still reported. Pod-level `spec.resources` (alpha in Kubernetes 1.32, beta in 1.34) covers every container. Ephemeral containers are never checked: the API does not allow resources on them. Init containers (sidecars included) are checked by default because they run on the node like any other container and take part in the pod's effective requests and QoS class; the `initContainers` option turns that off. kubesec (RequestsMemory, +1) awards its point when any container sets the field; kubeward reports each container that does not.",
  },
  examples: {
    fail: [
      `apiVersion: apps/v1
kind: Deployment
metadata: { name: fire-unset }
spec:
  template:
    spec:
      containers:
        - name: app
          image: nginx:1.27`,
      `apiVersion: v1
kind: Pod
metadata: { name: fire-init-container }
spec:
  initContainers:
    - name: setup
      image: busybox:1.36
  containers:
    - name: app
      image: nginx:1.27
      resources:
        requests: { memory: 128Mi }`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-set }
spec:
  initContainers:
    - name: setup
      image: busybox:1.36
      resources:
        requests: { memory: 128Mi }
  containers:
    - name: app
      image: nginx:1.27
      resources:
        requests: { memory: 128Mi }`,
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-limit-only }
spec:
  containers:
    - name: app
      image: nginx:1.27
      resources:
        limits: { memory: 128Mi }`,
    ],
  },
});
