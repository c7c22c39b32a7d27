import { pssRule } from './_check.js';

export default pssRule({
  check: 'appArmorProfile',
  title: 'AppArmor profile overridden or disabled',
  description:
    'The baseline standard forbids setting an AppArmor profile other than RuntimeDefault or Localhost, through the appArmorProfile fields or the deprecated beta annotations.',
  remediation:
    'Remove `appArmorProfile.type: Unconfined` and any `unconfined` AppArmor annotation, or use `RuntimeDefault` or a `Localhost` profile.',
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
      securityContext: { appArmorProfile: { type: Unconfined } }
`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-runtime-default }
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext: { appArmorProfile: { type: RuntimeDefault } }
`,
    ],
  },
});
