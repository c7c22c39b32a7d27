import { defineRule } from '../../engine/rule.js';
import { capabilitiesOf } from '../../model/capabilities.js';
import { isWindowsPod } from '../../model/pod-os.js';

export default defineRule({
  id: 'workload/capabilities-beyond-restricted',
  meta: {
    title: 'Container adds a capability other than NET_BIND_SERVICE',
    description:
      'The Pod Security Standards restricted level lets a container add back only NET_BIND_SERVICE after dropping ALL. Any other added capability is rejected by a namespace that enforces restricted. Init and ephemeral containers count too.',
    remediation:
      'Remove every entry of `securityContext.capabilities.add` except `NET_BIND_SERVICE`; to bind a low port without it, listen on a port above 1023 and map the Service port instead.',
    severity: 'medium',
    kinds: ['workload'],
    refs: {
      pss: ['restricted/capabilities_restricted'],
    },
    presets: ['pss-restricted'],
    options: {},
    messages: {
      beyond:
        'container "{{container}}" adds {{capability}}; the restricted level allows only NET_BIND_SERVICE',
    },
    notes:
      'Pod Security Admission compares the names exactly as written, so `net_bind_service` or `CAP_NET_BIND_SERVICE` is rejected as well although the runtime would accept it. Pods with `spec.os.name: windows` are exempt, as in admission since policy version v1.25. Whether ALL is dropped is checked by `workload/drop-all-capabilities`.',
  },
  check({ workload, report }) {
    if (!workload || isWindowsPod(workload)) return;
    for (const container of workload.containers) {
      for (const entry of capabilitiesOf(container).add) {
        if (entry.raw === 'NET_BIND_SERVICE') continue;
        report({ messageId: 'beyond', path: entry.pointer, container, data: { capability: entry.raw } });
      }
    }
  },
  examples: {
    fail: [
      `apiVersion: v1
kind: Pod
metadata: { name: fire-chown }
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        capabilities: { drop: [ALL], add: [NET_BIND_SERVICE, CHOWN] }`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-net-bind-service }
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        capabilities: { drop: [ALL], add: [NET_BIND_SERVICE] }`,
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-windows }
spec:
  os: { name: windows }
  containers:
    - name: app
      image: mcr.microsoft.com/windows/nanoserver:ltsc2022
      securityContext:
        capabilities: { add: [CHOWN] }`,
    ],
  },
});
