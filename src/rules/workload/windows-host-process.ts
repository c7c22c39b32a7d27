import { defineRule } from '../../engine/rule.js';
import { asObject, joinPointer } from '../../model/json.js';

export default defineRule({
  id: 'workload/windows-host-process',
  meta: {
    title: 'Windows HostProcess container',
    description:
      'A Windows HostProcess container runs directly on the node, in the host network and with access to the host filesystem, as an account of the node such as SYSTEM; it is the Windows equivalent of a privileged container.',
    remediation:
      'Remove `windowsOptions.hostProcess: true` from the pod and container security contexts; keep HostProcess pods to node-management DaemonSets in dedicated, restricted namespaces.',
    severity: 'critical',
    kinds: ['workload'],
    refs: {
      cis: ['5.2.10'],
      pss: ['baseline/hostProcess'],
      mitre: ['T1611'],
    },
    presets: ['recommended', 'cis'],
    options: {},
    messages: {
      pod: 'the pod sets windowsOptions.hostProcess: true, so every container runs as a HostProcess container',
      container: 'container "{{container}}" sets windowsOptions.hostProcess: true',
    },
    notes:
      "Kubernetes merges `windowsOptions` field by field (a container that sets only `runAsUserName` still inherits the pod's `hostProcess`), so the pod-level and container-level fields are read separately. The API server requires every container of a HostProcess pod to be HostProcess, so a pod-level `true` is reported once at the pod, and a container-level `true` at the container.",
  },
  check({ workload, report }) {
    if (!workload) return;
    const podOptions = asObject(workload.podSecurityContext?.windowsOptions);
    if (podOptions?.hostProcess === true) {
      report({
        messageId: 'pod',
        path: joinPointer(workload.podSecurityContextPointer, 'windowsOptions', 'hostProcess'),
      });
    }
    for (const container of workload.containers) {
      const own = asObject(asObject(container.spec.securityContext)?.windowsOptions);
      if (own?.hostProcess === true) {
        report({
          messageId: 'container',
          path: joinPointer(container.securityContextPointer, 'windowsOptions', 'hostProcess'),
          container,
          data: { container: container.name },
        });
      }
    }
  },
  examples: {
    fail: [
      `apiVersion: apps/v1
kind: DaemonSet
metadata: { name: fire-pod-host-process }
spec:
  selector: { matchLabels: { app: agent } }
  template:
    metadata: { labels: { app: agent } }
    spec:
      hostNetwork: true
      securityContext:
        windowsOptions: { hostProcess: true, runAsUserName: "NT AUTHORITY\\\\SYSTEM" }
      containers:
        - name: agent
          image: example.com/agent:1.0`,
      `apiVersion: v1
kind: Pod
metadata: { name: fire-container-host-process }
spec:
  hostNetwork: true
  containers:
    - name: agent
      image: example.com/agent:1.0
      securityContext:
        windowsOptions: { hostProcess: true }`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-windows }
spec:
  os: { name: windows }
  containers:
    - name: app
      image: mcr.microsoft.com/windows/nanoserver:ltsc2022
      securityContext:
        windowsOptions: { runAsUserName: ContainerUser }`,
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-false }
spec:
  securityContext:
    windowsOptions: { hostProcess: false }
  containers:
    - name: app
      image: mcr.microsoft.com/windows/nanoserver:ltsc2022`,
    ],
  },
});
