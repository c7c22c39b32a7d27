import { pssRule } from './_check.js';

export default pssRule({
  check: 'procMount',
  title: 'Container unmasks /proc',
  description:
    'The baseline standard requires the default /proc masks; from policy v1.35 a pod with `hostUsers: false` is exempt.',
  remediation: 'Remove `securityContext.procMount`, or set it to `Default`.',
  severity: 'high',
  examples: {
    fail: [
      `apiVersion: v1
kind: Pod
metadata: { name: fire-unmasked }
spec:
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
