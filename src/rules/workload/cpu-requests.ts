import { resourceRule } from './_resource-requirements.js';

export default resourceRule({
  id: 'workload/cpu-requests',
  kind: 'requests',
  resource: 'cpu',
  meta: {
    title: 'Container has no CPU request',
    description:
      'Without a CPU request the scheduler assumes the container needs no CPU, so pods pile up on nodes that cannot serve them, and under contention the container gets the smallest share of CPU time. Regular and init containers are checked.',
    remediation:
      'Set `resources.requests.cpu` on each container to what it needs under normal load (for example `100m`). A CPU limit alone also works, because Kubernetes then uses the limit as the request.',
    severity: 'low',
    refs: {
      kubesec: ['RequestsCPU'],
    },
    presets: ['recommended'],
    messages: {
      missing: 'container "{{container}}" has no CPU request',
    },
    notes:
      "A container passes when it sets `resources.requests.cpu` or `resources.limits.cpu`: when only the limit is set, Kubernetes uses it as the request. A LimitRange in the namespace may inject a default at admission; it is not visible in the workload, so such containers are still reported. Pod-level `spec.resources` (alpha in Kubernetes 1.32, beta in 1.34) covers every container. Ephemeral containers are never checked: the API does not allow resources on them. Init containers (sidecars included) are checked by default because they run on the node like any other container and take part in the pod's effective requests and QoS class; the `initContainers` option turns that off. kubesec (RequestsCPU, +1) awards its point when any container sets the field; kubeward reports each container that does not.",
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
        requests: { cpu: 100m }`,
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
        requests: { cpu: 100m }
  containers:
    - name: app
      image: nginx:1.27
      resources:
        requests: { cpu: 100m }`,
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-limit-only }
spec:
  containers:
    - name: app
      image: nginx:1.27
      resources:
        limits: { cpu: 100m }`,
    ],
  },
});
