import { hostNamespaceRule } from './_host-namespace.js';

export default hostNamespaceRule({
  id: 'workload/host-pid',
  field: 'hostPID',
  meta: {
    title: 'Pod uses the host PID namespace',
    description:
      "With `hostPID: true` the pod's containers see every process on the node: they can read other processes' command lines and environment variables (often holding credentials), signal them, and with SYS_PTRACE or root access attach to them or enter their namespaces through /proc, which is a direct path to the node.",
    remediation:
      'Remove `hostPID: true`. To share processes between the containers of one pod, use `shareProcessNamespace: true` instead.',
    severity: 'high',
    refs: {
      cis: ['5.2.3'],
      pss: ['baseline/hostNamespaces'],
      nsa: ['pod-security/pod-security-enforcement'],
      mitre: ['T1611'],
      kubesec: ['HostPID'],
    },
    presets: ['recommended', 'cis', 'nsa'],
    messages: {
      hostPID: 'the pod shares the node PID namespace (hostPID: true)',
    },
    notes:
      'Only `true` is reported; unset and false are the Kubernetes default of a private PID namespace. Pod Security Admission and kubesec (HostPID, -9) judge the same way. `shareProcessNamespace` shares processes within the pod only and is not reported.',
  },
  examples: {
    fail: [
      `apiVersion: apps/v1
kind: DaemonSet
metadata: { name: fire-host-pid }
spec:
  selector: { matchLabels: { app: agent } }
  template:
    metadata: { labels: { app: agent } }
    spec:
      hostPID: true
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
  hostPID: false
  containers:
    - name: app
      image: nginx:1.27`,
    ],
  },
});
