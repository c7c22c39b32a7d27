import { hostNamespaceRule } from './_host-namespace.js';

export default hostNamespaceRule({
  id: 'workload/host-network',
  field: 'hostNetwork',
  meta: {
    title: 'Pod uses the host network namespace',
    description:
      "With `hostNetwork: true` the pod's containers share the node's network stack: they can bind to any node port, reach services listening only on the node's loopback (such as the kubelet's local endpoints or metadata proxies), sniff node traffic with NET_RAW, and bypass NetworkPolicy, which does not apply to host-network pods on most network plugins.",
    remediation:
      'Remove `hostNetwork: true`. Expose the workload through a Service (NodePort or LoadBalancer) or a `containerPort`; keep host networking to node agents such as CNI plugins, in dedicated namespaces.',
    severity: 'high',
    refs: {
      cis: ['5.2.5'],
      pss: ['baseline/hostNamespaces'],
      nsa: ['pod-security/pod-security-enforcement'],
      mitre: ['T1611'],
      kubesec: ['HostNetwork'],
    },
    presets: ['recommended', 'cis', 'nsa'],
    messages: {
      hostNetwork: 'the pod shares the node network namespace (hostNetwork: true)',
    },
    notes:
      "Only `true` is reported; unset and false are the Kubernetes default of a private network namespace. Pod Security Admission and kubesec (HostNetwork, -9) judge the same way. When `hostNetwork` is true, Kubernetes defaults each container's `hostPort` to its `containerPort` in Pods; `workload/host-port` reports only ports written in the manifest.",
  },
  examples: {
    fail: [
      `apiVersion: apps/v1
kind: DaemonSet
metadata: { name: fire-host-network }
spec:
  selector: { matchLabels: { app: agent } }
  template:
    metadata: { labels: { app: agent } }
    spec:
      hostNetwork: true
      containers:
        - name: agent
          image: example.com/agent:1.0`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-unset }
spec:
  containers:
    - name: app
      image: nginx:1.27`,
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-false }
spec:
  hostNetwork: false
  containers:
    - name: app
      image: nginx:1.27`,
    ],
  },
});
