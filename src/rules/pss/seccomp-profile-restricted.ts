import { pssRule } from './_check.js';

export default pssRule({
  check: 'seccompProfile_restricted',
  title: 'Seccomp profile not set to a confining one',
  description:
    'The restricted standard requires seccompProfile type RuntimeDefault or Localhost at pod level or on every container (Windows pods are exempt from policy v1.25).',
  remediation: 'Set `spec.securityContext.seccompProfile.type: RuntimeDefault` (or `Localhost`).',
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
metadata: { name: dont-fire-runtime-default }
spec:
  securityContext:
    seccompProfile: { type: RuntimeDefault }
  containers:
    - name: app
      image: nginx:1.27
`,
    ],
  },
});
