import { defineRule } from '../../engine/rule.js';
import { capabilitiesOf, dropsAll } from '../../model/capabilities.js';
import { joinPointer } from '../../model/json.js';
import { isWindowsPod } from '../../model/pod-os.js';

export default defineRule({
  id: 'workload/drop-all-capabilities',
  meta: {
    title: 'Container does not drop all capabilities',
    description:
      "Without `capabilities.drop: [ALL]` a container keeps the runtime's default capability set (with containerd that includes NET_RAW, SETUID, SETGID, DAC_OVERRIDE, CHOWN, MKNOD and more), which an attacker in the container can use. Dropping ALL and adding back only what is needed removes that surface. Init and ephemeral containers count too.",
    remediation:
      'Set `securityContext.capabilities.drop: ["ALL"]` on every container and add back only the capabilities it needs, for example `add: ["NET_BIND_SERVICE"]`.',
    severity: 'medium',
    kinds: ['workload'],
    refs: {
      cis: ['5.2.9'],
      pss: ['restricted/capabilities_restricted'],
      nsa: ['pod-security/pod-security-enforcement'],
      kubesec: ['CapDropAll', 'CapDropAny'],
    },
    presets: ['strict', 'cis', 'nsa'],
    options: {},
    messages: {
      missing: 'container "{{container}}" does not drop any capabilities',
      partial: 'container "{{container}}" drops {{dropped}} but not ALL',
      spelling:
        'container "{{container}}" drops "{{value}}": runtimes read it as ALL, but Pod Security Admission (restricted) accepts only "ALL"',
    },
    notes:
      "Capabilities have no pod-level field, so only the container's own `securityContext.capabilities` counts. containerd and CRI-O compare ALL without regard to case, so `drop: [all]` does drop everything; the API server and Pod Security Admission compare exactly, and the restricted level rejects such a pod. That case is reported with its own message. kubesec awards CapDropAny (+1) when any drop list exists and CapDropAll (+1) when a printed drop list contains the text `ALL`; kubeward reports every container that does not drop ALL, saying whether it drops some capabilities or none. Pods with `spec.os.name: windows` are skipped: capabilities do not exist on Windows.",
  },
  check({ workload, report }) {
    if (!workload || isWindowsPod(workload)) return;
    for (const container of workload.containers) {
      const caps = capabilitiesOf(container);
      const data = { container: container.name };
      if (dropsAll(caps)) {
        if (caps.drop.some((e) => e.raw === 'ALL')) continue;
        const entry = caps.drop.find((e) => e.name === 'ALL');
        if (entry)
          report({
            messageId: 'spelling',
            path: entry.pointer,
            container,
            data: { ...data, value: entry.raw },
          });
        continue;
      }
      if (caps.drop.length === 0) {
        report({ messageId: 'missing', path: joinPointer(caps.pointer, 'drop'), container, data });
        continue;
      }
      report({
        messageId: 'partial',
        path: joinPointer(caps.pointer, 'drop'),
        container,
        data: { ...data, dropped: caps.drop.map((e) => e.raw).join(', ') },
      });
    }
  },
  examples: {
    fail: [
      `apiVersion: v1
kind: Pod
metadata: { name: fire-no-drop }
spec:
  containers:
    - name: app
      image: nginx:1.27`,
      `apiVersion: apps/v1
kind: Deployment
metadata: { name: fire-partial-drop }
spec:
  template:
    spec:
      containers:
        - name: app
          image: nginx:1.27
          securityContext:
            capabilities: { drop: [NET_RAW, SYS_CHROOT] }
        - name: sidecar
          image: busybox:1.36
          securityContext:
            capabilities: { drop: [all] }`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-drop-all }
spec:
  initContainers:
    - name: setup
      image: busybox:1.36
      securityContext:
        capabilities: { drop: [ALL] }
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        capabilities: { drop: [ALL], add: [NET_BIND_SERVICE] }`,
    ],
  },
});
