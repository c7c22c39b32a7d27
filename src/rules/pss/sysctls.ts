import { pssRule } from './_check.js';

export default pssRule({
  check: 'sysctls',
  title: 'Pod sets unsafe sysctls',
  description:
    'The baseline standard allows only namespaced sysctls known to be isolated from other pods; the safe list grows with the policy version.',
  remediation: 'Remove sysctls outside the safe set from `spec.securityContext.sysctls`.',
  severity: 'high',
  examples: {
    fail: [
      `apiVersion: v1
kind: Pod
metadata: { name: fire-msgmax }
spec:
  securityContext:
    sysctls: [{ name: kernel.msgmax, value: '65536' }]
  containers:
    - name: app
      image: nginx:1.27
`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-port-range }
spec:
  securityContext:
    sysctls: [{ name: net.ipv4.ip_local_port_range, value: '1024 65535' }]
  containers:
    - name: app
      image: nginx:1.27
`,
    ],
  },
});
