import { pssRule } from './_check.js';

export default pssRule({
  check: 'restrictedVolumes',
  title: 'Volume type outside the restricted set',
  description:
    'The restricted standard allows only configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected and secret volumes.',
  remediation: 'Replace other volume types with a persistent volume claim or one of the allowed types.',
  severity: 'medium',
  examples: {
    fail: [
      `apiVersion: v1
kind: Pod
metadata: { name: fire-nfs }
spec:
  containers:
    - name: app
      image: nginx:1.27
  volumes:
    - name: share
      nfs: { server: nfs.example, path: /exports }
`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-pvc }
spec:
  containers:
    - name: app
      image: nginx:1.27
  volumes:
    - name: data
      persistentVolumeClaim: { claimName: data }
`,
    ],
  },
});
