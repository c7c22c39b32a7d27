import { resourceRule } from './_resource-requirements.js';

export default resourceRule({
  id: 'workload/cpu-limits',
  kind: 'limits',
  resource: 'cpu',
  meta: {
    title: 'Container has no CPU limit',
    description:
      'Without a CPU limit a container can use every idle CPU of its node; a compromised or runaway container (a crypto miner, a busy loop) then slows down every other workload on the node. Regular and init containers are checked.',
    remediation:
      'Set `resources.limits.cpu` on each container, or give the namespace a LimitRange with a default CPU limit.',
    severity: 'low',
    refs: {
      nsa: ['network-separation/resource-policies'],
      kubesec: ['LimitsCPU'],
    },
    presets: ['strict', 'nsa'],
    messages: {
      missing: 'container "{{container}}" has no CPU limit',
    },
    notes:
      "A container passes when it sets `resources.limits.cpu`. A LimitRange in the namespace may inject a default at admission; it is not visible in the workload, so such containers are still reported. Pod-level `spec.resources` (alpha in Kubernetes 1.32, beta in 1.34) covers every container. Ephemeral containers are never checked: the API does not allow resources on them. Init containers (sidecars included) are checked by default because they run on the node like any other container and take part in the pod's effective requests and QoS class; the `initContainers` option turns that off. kubesec (LimitsCPU, +1) awards its point when any container sets the field; kubeward reports each container that does not. CPU limits are enforced by the CFS quota even when the node is idle, which hurts latency-sensitive services, and many operators deliberately set CPU requests only. This rule is therefore only in the `strict` and `nsa` presets, while `workload/memory-limits` is recommended.",
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
        limits: { cpu: 100m }`,
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
        limits: { cpu: 100m }
  containers:
    - name: app
      image: nginx:1.27
      resources:
        limits: { cpu: 100m }`,
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-pod-level }
spec:
  resources:
    limits: { cpu: 100m }
  containers:
    - name: app
      image: nginx:1.27`,
    ],
  },
});
