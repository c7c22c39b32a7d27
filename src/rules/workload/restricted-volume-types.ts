import { defineRule } from '../../engine/rule.js';
import { joinPointer } from '../../model/json.js';

/** Volume sources Pod Security Standards (restricted) allow; `image` since Kubernetes 1.33. */
const ALLOWED_SOURCES: ReadonlySet<string> = new Set([
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'image',
  'persistentVolumeClaim',
  'projected',
  'secret',
]);

export default defineRule({
  id: 'workload/restricted-volume-types',
  meta: {
    title: 'Pod uses a volume type outside the restricted set',
    description:
      'Pod Security Standards (restricted) allow only volume sources that do not reach the node or a storage backend directly: `configMap`, `csi`, `downwardAPI`, `emptyDir`, `ephemeral`, `image`, `persistentVolumeClaim`, `projected` and `secret`. Other sources (`hostPath`, `nfs`, `iscsi`, `rbd`, `gitRepo`, cloud disks …) are mounted by the node on behalf of the pod, bypass PersistentVolume access control, or are deprecated with known vulnerabilities (`gitRepo`).',
    remediation:
      'Provision the storage as a PersistentVolume and mount it through a `persistentVolumeClaim` (or a CSI driver), use `emptyDir` for scratch space, and replace `gitRepo` with an init container that clones into an `emptyDir`.',
    severity: 'low',
    kinds: ['workload'],
    refs: {
      pss: ['restricted/volumeTypes'],
    },
    presets: ['strict'],
    options: {},
    messages: {
      restricted: 'volume "{{volume}}" uses the {{type}} volume type',
    },
    notes:
      "Every key of a volume other than `name` is taken as its source; a volume with no source key is defaulted by the API server to `emptyDir` and passes. `hostPath` is reported here too, as Pod Security Admission's restricted check does, in addition to any host-path rule. `image` volumes are allowed: Pod Security Admission accepts them since Kubernetes 1.33 even though the published standard does not list them yet.",
  },
  check({ workload, report }) {
    for (const volume of workload?.volumes ?? []) {
      for (const key of Object.keys(volume.spec)) {
        // A null source (left by templating) is dropped by the API server.
        if (key === 'name' || ALLOWED_SOURCES.has(key) || volume.spec[key] == null) continue;
        report({
          messageId: 'restricted',
          path: joinPointer(volume.pointer, key),
          data: { volume: volume.name, type: key },
        });
      }
    }
  },
  examples: {
    fail: [
      `apiVersion: apps/v1
kind: Deployment
metadata: { name: fire-nfs }
spec:
  template:
    spec:
      containers:
        - name: app
          image: nginx:1.27
      volumes:
        - name: shared
          nfs: { server: nfs.example.com, path: /exports/shared }`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-core-types }
spec:
  containers:
    - name: app
      image: nginx:1.27
  volumes:
    - name: data
      persistentVolumeClaim: { claimName: data }
    - name: scratch
      emptyDir: {}
    - name: config
      configMap: { name: app }
    - name: token
      projected:
        sources:
          - serviceAccountToken: { path: token, expirationSeconds: 3600 }
    - name: defaulted`,
    ],
  },
});
