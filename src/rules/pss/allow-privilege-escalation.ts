import { pssRule } from './_check.js';

export default pssRule({
  check: 'allowPrivilegeEscalation',
  title: 'Privilege escalation not disabled',
  description:
    'The restricted standard requires every container to set `allowPrivilegeEscalation: false` (Windows pods are exempt from policy v1.25).',
  remediation:
    'Set `securityContext.allowPrivilegeEscalation: false` on every container, init container and ephemeral container.',
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
metadata: { name: dont-fire-false }
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext: { allowPrivilegeEscalation: false }
`,
    ],
  },
});
