import { pssRule } from './_check.js';

export default pssRule({
  check: 'hostNamespaces',
  title: 'Pod shares host namespaces',
  description: "The baseline standard forbids sharing the host's network, PID or IPC namespace.",
  remediation: 'Remove `hostNetwork`, `hostPID` and `hostIPC`, or set them to false.',
  severity: 'high',
  examples: {
    fail: [
      `apiVersion: v1
kind: Pod
metadata: { name: fire-host-network }
spec:
  hostNetwork: true
  containers:
    - name: app
      image: nginx:1.27
`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-unset }
spec:
  containers:
    - name: app
      image: nginx:1.27
`,
    ],
  },
});
