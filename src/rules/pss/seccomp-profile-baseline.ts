import { pssRule } from './_check.js';

export default pssRule({
  check: 'seccompProfile_baseline',
  title: 'Seccomp profile set to Unconfined',
  description:
    'The baseline standard forbids an explicit seccomp profile other than RuntimeDefault or Localhost.',
  remediation: 'Set `seccompProfile.type` to `RuntimeDefault` or `Localhost`, or leave it unset.',
  severity: 'high',
  examples: {
    fail: [
      `apiVersion: v1
kind: Pod
metadata: { name: fire-unconfined }
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext: { seccompProfile: { type: Unconfined } }
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
