import { defineRule } from '../../engine/rule.js';
import { capabilitiesOf, dropsAll, dropsByName } from '../../model/capabilities.js';
import { isWindowsPod } from '../../model/pod-os.js';

export default defineRule({
  id: 'workload/capability-sys-admin',
  meta: {
    title: 'Container adds CAP_SYS_ADMIN',
    description:
      'CAP_SYS_ADMIN is the catch-all capability: mount, namespace and BPF operations and many device controls. With it most known container escapes work, and privilege escalation cannot be turned off. Adding ALL grants it too. Init and ephemeral containers count too.',
    remediation:
      'Remove SYS_ADMIN (and ALL) from `securityContext.capabilities.add`; find the specific operation the container needs and grant a narrower capability, or move the task to a node-level component.',
    severity: 'critical',
    kinds: ['workload'],
    refs: {
      cis: ['5.2.9'],
      pss: ['baseline/capabilities_baseline'],
      mitre: ['T1611'],
      kubesec: ['CapSysAdmin'],
    },
    presets: ['recommended', 'cis'],
    options: {},
    messages: {
      sysAdmin: 'container "{{container}}" adds SYS_ADMIN',
      all: 'container "{{container}}" adds ALL capabilities, including SYS_ADMIN',
    },
    notes:
      'Names are read as the runtimes read them: without regard to case and with an optional `CAP_` prefix (`cap_sys_admin` grants the capability on CRI-O). kubesec (CapSysAdmin, -30) searches the printed add lists of containers and init containers for the text `SYS_ADMIN`, so it misses `ALL` and lower-case spellings; kubeward reports both, and covers ephemeral containers. `ALL` is reported here rather than in `workload/dangerous-capabilities`, because it is a superset of SYS_ADMIN. The runtimes apply `drop` after `add`: a container that also drops SYS_ADMIN by name does not hold it, and `drop: [ALL]` cancels `add: [ALL]` (but not a named add), so those are not reported here; Pod Security Admission rejects the add regardless, which `pss/capabilities-baseline` reports.',
  },
  check({ workload, report }) {
    if (!workload || isWindowsPod(workload)) return;
    for (const container of workload.containers) {
      const data = { container: container.name };
      const caps = capabilitiesOf(container);
      // A named drop wins over any add, and `drop: [ALL]` wins over `add: [ALL]` (containerd and CRI-O).
      if (dropsByName(caps, 'SYS_ADMIN')) continue;
      for (const entry of caps.add) {
        if (entry.name === 'SYS_ADMIN')
          report({ messageId: 'sysAdmin', path: entry.pointer, container, data });
        else if (entry.name === 'ALL' && !dropsAll(caps))
          report({ messageId: 'all', path: entry.pointer, container, data });
      }
    }
  },
  examples: {
    fail: [
      `apiVersion: v1
kind: Pod
metadata: { name: fire-sys-admin }
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        capabilities: { add: [SYS_ADMIN] }`,
      `apiVersion: apps/v1
kind: DaemonSet
metadata: { name: fire-all }
spec:
  selector: { matchLabels: { app: agent } }
  template:
    metadata: { labels: { app: agent } }
    spec:
      initContainers:
        - name: setup
          image: busybox:1.36
          securityContext:
            capabilities: { add: [ALL] }
      containers:
        - name: agent
          image: example.com/agent:1.0`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-other-caps }
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        capabilities: { drop: [SYS_ADMIN], add: [NET_BIND_SERVICE] }`,
    ],
  },
});
