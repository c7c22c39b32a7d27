import { defineRule } from '../../engine/rule.js';
import { PSS_BASELINE_CAPABILITIES, capabilitiesOf } from '../../model/capabilities.js';

export default defineRule({
  id: 'workload/capabilities-beyond-baseline',
  meta: {
    title: 'Container adds a capability outside the baseline set',
    description:
      'The Pod Security Standards baseline level allows a container to add only the capabilities of the classic default set (AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT). Anything else is rejected by a namespace that enforces baseline. Init and ephemeral containers count too.',
    remediation:
      'Remove the capability from `securityContext.capabilities.add`, or run the workload in a namespace with a privileged Pod Security level and document why. Write capability names in upper case without the `CAP_` prefix.',
    severity: 'medium',
    kinds: ['workload'],
    refs: {
      pss: ['baseline/capabilities_baseline'],
    },
    presets: ['pss-baseline', 'pss-restricted'],
    options: {},
    messages: {
      beyond: 'container "{{container}}" adds {{capability}}, which the baseline level does not allow',
      spelling:
        'container "{{container}}" adds "{{capability}}": the runtime reads it as {{name}}, but Pod Security Admission compares names exactly and rejects it',
    },
    notes:
      'This rule reproduces Pod Security Admission, which compares the names exactly as written: `chown` or `CAP_CHOWN` is rejected even though the runtimes would read it as CHOWN. Such spellings get their own message. The list is the same in every Pod Security Standards version since v1.0. Windows pods are not skipped, because admission does not skip them either (the API server already rejects capabilities on `spec.os.name: windows`).',
  },
  check({ workload, report }) {
    for (const container of workload?.containers ?? []) {
      for (const entry of capabilitiesOf(container).add) {
        if (PSS_BASELINE_CAPABILITIES.has(entry.raw)) continue;
        const data = { container: container.name, capability: entry.raw, name: entry.name };
        report({
          messageId: PSS_BASELINE_CAPABILITIES.has(entry.name) ? 'spelling' : 'beyond',
          path: entry.pointer,
          container,
          data,
        });
      }
    }
  },
  examples: {
    fail: [
      `apiVersion: v1
kind: Pod
metadata: { name: fire-beyond-baseline }
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        capabilities: { add: [NET_ADMIN, chown] }`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-baseline-caps }
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        capabilities: { drop: [ALL], add: [NET_BIND_SERVICE, CHOWN, SETUID, SETGID] }`,
    ],
  },
});
