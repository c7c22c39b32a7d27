import { pssRule } from './_check.js';

export default pssRule({
  check: 'capabilities_restricted',
  title: 'Capabilities not dropped to the minimum',
  description:
    'The restricted standard requires every container to drop ALL capabilities and add back at most NET_BIND_SERVICE (Windows pods are exempt from policy v1.25).',
  remediation:
    'Set `capabilities.drop: ["ALL"]` on every container and add only `NET_BIND_SERVICE` if needed.',
  severity: 'medium',
  examples: {
    fail: [
      `apiVersion: v1
kind: Pod
metadata: { name: fire-no-drop }
spec:
  containers:
    - name: app
      image: nginx:1.27
`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-drop-all }
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext: { capabilities: { drop: [ALL], add: [NET_BIND_SERVICE] } }
`,
    ],
  },
});
