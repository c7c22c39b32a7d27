import { pssRule } from './_check.js';

export default pssRule({
  check: 'runAsNonRoot',
  title: 'Pod may run as root',
  description:
    'The restricted standard requires runAsNonRoot: true at pod level or on every container (pods with `hostUsers: false` are exempt from policy v1.35).',
  remediation:
    'Set `securityContext.runAsNonRoot: true` on the pod, and do not set it to false on any container.',
  severity: 'medium',
  examples: {
    fail: [
      `apiVersion: v1
kind: Pod
metadata: { name: fire-unset }
spec:
  containers:
    - name: app
      image: nginx:1.27
`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-pod-level }
spec:
  securityContext: { runAsNonRoot: true }
  containers:
    - name: app
      image: nginx:1.27
`,
    ],
  },
});
