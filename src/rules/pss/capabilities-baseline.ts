import { pssRule } from './_check.js';

export default pssRule({
  check: 'capabilities_baseline',
  title: 'Capabilities added beyond the default set',
  description:
    "The baseline standard forbids adding Linux capabilities outside the container runtime's default set (NET_RAW and SYS_ADMIN, for example).",
  remediation:
    'Remove the extra capabilities from `securityContext.capabilities.add`; keep only capabilities of the default set.',
  severity: 'high',
  examples: {
    fail: [
      `apiVersion: v1
kind: Pod
metadata: { name: fire-sys-admin }
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext: { capabilities: { add: [SYS_ADMIN] } }
`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-net-bind }
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext: { capabilities: { add: [NET_BIND_SERVICE] } }
`,
    ],
  },
});
