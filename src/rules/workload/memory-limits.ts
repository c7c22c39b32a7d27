import { resourceRule } from './_resource-requirements.js';

export default resourceRule({
  id: 'workload/memory-limits',
  kind: 'limits',
  resource: 'memory',
  meta: {
    title: 'Container has no memory limit',
    description:
      'Without a memory limit a container can take all the memory of its node; a leak or an attack then makes the kernel OOM-kill other pods or node daemons. Regular and init containers are checked.',
    remediation:
      'Set `resources.limits.memory` on each container (for example equal to its memory request), or give the namespace a LimitRange with a default memory limit.',
    severity: 'low',
    refs: {
      nsa: ['network-separation/resource-policies'],
      kubesec: ['LimitsMemory'],
    },
    presets: ['recommended', 'nsa'],
    messages: {
      missing: 'container "{{container}}" has no memory limit',
    },
    notes:
      "A container passes when it sets `resources.limits.memory`. A LimitRange in the namespace may inject a default at admission; it is not visible in the workload, so such containers are still reported. Pod-level `spec.resources` (alpha in Kubernetes 1.32, beta in 1.34) covers every container. Ephemeral containers are never checked: the API does not allow resources on them. Init containers (sidecars included) are checked by default because they run on the node like any other container and take part in the pod's effective requests and QoS class; the `initContainers` option turns that off. kubesec (LimitsMemory, +1) awards its point when any container sets the field; kubeward reports each container that does not.",
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
        limits: { memory: 128Mi }`,
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
        limits: { memory: 128Mi }
  containers:
    - name: app
      image: nginx:1.27
      resources:
        limits: { memory: 128Mi }`,
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-pod-level }
spec:
  resources:
    limits: { memory: 128Mi }
  containers:
    - name: app
      image: nginx:1.27`,
    ],
  },
});
