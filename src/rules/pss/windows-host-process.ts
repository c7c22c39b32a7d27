import { pssRule } from './_check.js';

export default pssRule({
  check: 'windowsHostProcess',
  title: 'Windows HostProcess container',
  description:
    'The baseline standard forbids Windows HostProcess containers, which have privileged access to the Windows node.',
  remediation: 'Remove `windowsOptions.hostProcess: true` from the pod and container security contexts.',
  severity: 'critical',
  examples: {
    fail: [
      `apiVersion: v1
kind: Pod
metadata: { name: fire-host-process }
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext: { windowsOptions: { hostProcess: true } }
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
