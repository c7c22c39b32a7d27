import { pssRule } from './_check.js';

export default pssRule({
  check: 'hostPathVolumes',
  title: 'Pod mounts hostPath volumes',
  description: "The baseline standard forbids hostPath volumes, which expose the node's filesystem.",
  remediation: 'Replace hostPath volumes with persistent volume claims, configMaps, secrets or emptyDir.',
  severity: 'high',
  examples: {
    fail: [
      `apiVersion: v1
kind: Pod
metadata: { name: fire-host-path }
spec:
  containers:
    - name: app
      image: nginx:1.27
  volumes:
    - name: host
      hostPath: { path: /var/run }
`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-empty-dir }
spec:
  containers:
    - name: app
      image: nginx:1.27
  volumes:
    - name: scratch
      emptyDir: {}
`,
    ],
  },
});
