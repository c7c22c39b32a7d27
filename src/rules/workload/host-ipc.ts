import { hostNamespaceRule } from './_host-namespace.js';

export default hostNamespaceRule({
  id: 'workload/host-ipc',
  field: 'hostIPC',
  meta: {
    title: 'Pod uses the host IPC namespace',
    description:
      "With `hostIPC: true` the pod's containers share the node's System V IPC objects and POSIX message queues: they can read and write the shared memory of node processes and other host-IPC pods, which can leak data or corrupt those processes.",
    remediation: 'Remove `hostIPC: true`; containers of the same pod already share an IPC namespace.',
    severity: 'high',
    refs: {
      cis: ['5.2.4'],
      pss: ['baseline/hostNamespaces'],
      nsa: ['pod-security/pod-security-enforcement'],
      mitre: ['T1611'],
      kubesec: ['HostIPC'],
    },
    presets: ['recommended', 'cis', 'nsa'],
    messages: {
      hostIPC: 'the pod shares the node IPC namespace (hostIPC: true)',
    },
    notes:
      'Only `true` is reported; unset and false are the Kubernetes default of a private IPC namespace. Pod Security Admission and kubesec (HostIPC, -9) judge the same way.',
  },
  examples: {
    fail: [
      `apiVersion: apps/v1
kind: DaemonSet
metadata: { name: fire-host-ipc }
spec:
  selector: { matchLabels: { app: agent } }
  template:
    metadata: { labels: { app: agent } }
    spec:
      hostIPC: true
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
  hostIPC: false
  containers:
    - name: app
      image: nginx:1.27`,
    ],
  },
});
