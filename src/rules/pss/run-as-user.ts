import { pssRule } from './_check.js';

export default pssRule({
  check: 'runAsUser',
  title: 'Pod or container runs as UID 0',
  description:
    'From policy v1.23 the restricted standard forbids runAsUser: 0 (pods with `hostUsers: false` are exempt from policy v1.35).',
  remediation: "Set `runAsUser` to a non-zero UID, or leave it unset and rely on the image's non-root user.",
  severity: 'medium',
  examples: {
    fail: [
      `apiVersion: v1
kind: Pod
metadata: { name: fire-root }
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext: { runAsUser: 0 }
`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-1000 }
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext: { runAsUser: 1000 }
`,
    ],
  },
});
