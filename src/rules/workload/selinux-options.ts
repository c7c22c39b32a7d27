import { defineRule } from '../../engine/rule.js';
import { asObject, joinPointer } from '../../model/json.js';
import type { JsonObject } from '../../model/types.js';

/** SELinux types Pod Security Standards (baseline) allow; `container_engine_t` since Kubernetes 1.31. */
const ALLOWED_TYPES = new Set(['container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);

type Violation = { field: 'type' | 'user' | 'role'; value: string };

function violations(options: JsonObject): Violation[] {
  const found: Violation[] = [];
  if (typeof options.type === 'string' && options.type !== '' && !ALLOWED_TYPES.has(options.type))
    found.push({ field: 'type', value: options.type });
  for (const field of ['user', 'role'] as const) {
    const value = options[field];
    if (typeof value === 'string' && value !== '') found.push({ field, value });
  }
  return found;
}

export default defineRule({
  id: 'workload/selinux-options',
  meta: {
    title: 'Custom SELinux type, user or role',
    description:
      'SELinux confines containers through their process type (`container_t` on most runtimes). Setting another type, such as `spc_t` (super-privileged container) or `unconfined_t`, or choosing a custom SELinux user or role, can lift that confinement and give the container access to host files and processes. Pod-level and container-level options are checked; init and ephemeral containers count too.',
    remediation:
      'Remove `seLinuxOptions.type`, `user` and `role`, or use one of the container types `container_t`, `container_init_t`, `container_kvm_t` or `container_engine_t`; `level` (MCS categories) may still be set.',
    severity: 'medium',
    kinds: ['workload'],
    refs: {
      pss: ['baseline/seLinuxOptions'],
      nsa: ['pod-security/hardening-container-environments'],
      mitre: ['T1611'],
    },
    presets: ['recommended', 'nsa'],
    options: {},
    messages: {
      podType: 'pod securityContext sets the custom SELinux type "{{value}}"',
      podUserRole: 'pod securityContext sets SELinux {{field}} "{{value}}"',
      containerType: 'container "{{container}}" sets the custom SELinux type "{{value}}"',
      containerUserRole: 'container "{{container}}" sets SELinux {{field}} "{{value}}"',
    },
    notes:
      "The check follows Pod Security Standards (baseline): `type` must be unset, empty, or one of `container_t`, `container_init_t`, `container_kvm_t` and `container_engine_t` (the last one allowed since Kubernetes 1.31); `user` and `role` must be unset or empty; `level` is not restricted. The pod-level options and each container's own options are judged separately, as Pod Security Admission does, so a pod-level violation is reported once even if every container overrides it.",
  },
  check({ workload, report }) {
    if (!workload) return;
    const podOptions = asObject(workload.podSecurityContext?.seLinuxOptions);
    if (podOptions) {
      const base = joinPointer(workload.podSecurityContextPointer, 'seLinuxOptions');
      for (const v of violations(podOptions)) {
        report({
          messageId: v.field === 'type' ? 'podType' : 'podUserRole',
          path: joinPointer(base, v.field),
          data: { field: v.field, value: v.value },
        });
      }
    }
    for (const container of workload.containers) {
      const own = container.effective.seLinuxOptions;
      const options = own?.from === 'container' ? asObject(own.value) : undefined;
      if (!own || !options) continue;
      for (const v of violations(options)) {
        report({
          messageId: v.field === 'type' ? 'containerType' : 'containerUserRole',
          path: joinPointer(own.pointer, v.field),
          container,
          data: { container: container.name, field: v.field, value: v.value },
        });
      }
    }
  },
  examples: {
    fail: [
      `apiVersion: apps/v1
kind: DaemonSet
metadata: { name: fire-spc }
spec:
  template:
    spec:
      securityContext:
        seLinuxOptions: { type: spc_t, user: system_u }
      containers:
        - name: agent
          image: agent:2.1`,
      `apiVersion: v1
kind: Pod
metadata: { name: fire-container }
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        seLinuxOptions: { type: unconfined_t, role: system_r }`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-allowed-type-and-level }
spec:
  securityContext:
    seLinuxOptions: { type: container_t, level: "s0:c123,c456" }
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        seLinuxOptions: { type: container_init_t, user: "" }`,
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-unset }
spec:
  containers:
    - name: app
      image: nginx:1.27`,
    ],
  },
});
