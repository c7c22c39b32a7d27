import { pssRule } from './_check.js';

export default pssRule({
  check: 'hostPorts',
  title: 'Container binds a host port',
  description:
    'The baseline standard forbids host ports, which bypass network policy and tie the pod to a node.',
  remediation: 'Remove `hostPort` from container ports and expose the pod through a Service.',
  severity: 'medium',
  examples: {
    fail: [
      `apiVersion: v1
kind: Pod
metadata: { name: fire-host-port }
spec:
  containers:
    - name: app
      image: nginx:1.27
      ports: [{ containerPort: 80, hostPort: 8080 }]
`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-container-port }
spec:
  containers:
    - name: app
      image: nginx:1.27
      ports: [{ containerPort: 80 }]
`,
    ],
  },
});
