import { pssRule } from './_check.js';

export default pssRule({
  check: 'seLinuxOptions',
  title: 'SELinux type, user or role overridden',
  description:
    'The baseline standard allows only the container SELinux types and forbids setting a custom SELinux user or role.',
  remediation:
    'Remove `seLinuxOptions.user` and `role`, and use one of the allowed types (`container_t`, `container_init_t`, `container_kvm_t`, `container_engine_t`).',
  severity: 'high',
  examples: {
    fail: [
      `apiVersion: v1
kind: Pod
metadata: { name: fire-spc-t }
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext: { seLinuxOptions: { type: spc_t } }
`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-container-t }
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext: { seLinuxOptions: { type: container_t } }
`,
    ],
  },
});
