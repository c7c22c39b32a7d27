import { pssRule } from './_check.js';

export default pssRule({
  check: 'privileged',
  title: 'Container runs privileged',
  description: 'The baseline standard forbids privileged containers, which disable most security mechanisms.',
  remediation: 'Remove `securityContext.privileged: true`, or set it to false.',
  severity: 'critical',
  examples: {
    fail: [
      `apiVersion: v1
kind: Pod
metadata: { name: fire-privileged }
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext: { privileged: true }
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
