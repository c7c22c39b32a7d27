import { pssRule } from './_check.js';

export default pssRule({
  check: 'procMount_restricted',
  title: 'Container unmasks /proc (restricted)',
  description:
    'From policy v1.35 the restricted standard forbids a non-default procMount even for pods in their own user namespace.',
  remediation: 'Remove `securityContext.procMount`, or set it to `Default`.',
  severity: 'medium',
  examples: {
    fail: [
      `apiVersion: v1
kind: Pod
metadata: { name: fire-unmasked-userns }
spec:
  hostUsers: false
  containers:
    - name: app
      image: nginx:1.27
      securityContext: { procMount: Unmasked }
`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-default }
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext: { procMount: Default }
`,
    ],
  },
});
