import { defineRule } from '../../engine/rule.js';
import { isWindowsPod } from '../../model/pod-os.js';

export default defineRule({
  id: 'workload/privilege-escalation',
  meta: {
    title: 'Container may gain more privileges than its parent',
    description:
      'Unless `allowPrivilegeEscalation` is false, the kubelet does not set `no_new_privs`, so a process in the container can gain privileges through setuid or setgid binaries and file capabilities. Kubernetes leaves it allowed when the field is unset, and forces it on for privileged containers and containers that add CAP_SYS_ADMIN. Init and ephemeral containers count too.',
    remediation:
      'Set `securityContext.allowPrivilegeEscalation: false` on every container (it has no pod-level equivalent).',
    severity: 'high',
    kinds: ['workload'],
    refs: {
      cis: ['5.2.6'],
      pss: ['restricted/allowPrivilegeEscalation'],
      nsa: ['pod-security/pod-security-enforcement'],
      mitre: ['T1548'],
      kubesec: ['AllowPrivilegeEscalation'],
    },
    presets: ['recommended', 'cis', 'nsa'],
    options: {},
    messages: {
      explicit: 'container "{{container}}" sets allowPrivilegeEscalation: true',
      unset:
        'container "{{container}}" does not set allowPrivilegeEscalation: false, so privilege escalation is allowed',
    },
    notes:
      'kubesec (AllowPrivilegeEscalation, -7) penalises only an explicit `true`; CIS 5.2.6 as automated by kube-bench also accepts an unset field. Kubernetes itself treats unset as allowed: the kubelet sets `no_new_privs` only when the field is explicitly false, and Pod Security Standards (restricted) require it to be false. kubeward therefore reports both, with different messages, so that the explicit case can be told apart. A container that is privileged or adds SYS_ADMIN always escalates; the API server rejects `allowPrivilegeEscalation: false` together with either, so the finding stands and the `workload/privileged` or `workload/capability-sys-admin` finding names the cause. Pods with `spec.os.name: windows` are skipped: the field does not exist on Windows.',
  },
  check({ workload, report }) {
    if (!workload || isWindowsPod(workload)) return;
    for (const container of workload.containers) {
      const ape = container.effective.allowPrivilegeEscalation;
      if (ape?.value === false) continue;
      if (ape?.value === true) {
        report({ messageId: 'explicit', path: ape.pointer, container, data: { container: container.name } });
        continue;
      }
      // Unset: the finding belongs where the missing field would go.
      report({
        messageId: 'unset',
        path: ape?.pointer ?? `${container.securityContextPointer}/allowPrivilegeEscalation`,
        container,
        data: { container: container.name },
      });
    }
  },
  examples: {
    fail: [
      `apiVersion: v1
kind: Pod
metadata: { name: fire-explicit-true }
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext: { allowPrivilegeEscalation: true }`,
      `apiVersion: apps/v1
kind: Deployment
metadata: { name: fire-unset-init }
spec:
  template:
    spec:
      initContainers:
        - name: setup
          image: busybox:1.36
      containers:
        - name: app
          image: nginx:1.27
          securityContext: { allowPrivilegeEscalation: false }`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-false }
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext: { allowPrivilegeEscalation: false }`,
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-windows }
spec:
  os: { name: windows }
  containers:
    - name: app
      image: mcr.microsoft.com/windows/nanoserver:ltsc2022`,
    ],
  },
});
