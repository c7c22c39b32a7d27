import { defineRule } from '../../engine/rule.js';

export default defineRule({
  id: 'workload/proc-mount',
  meta: {
    title: 'Container unmasks /proc',
    description:
      'By default the container runtime masks and makes read-only the sensitive parts of `/proc` and `/sys` (for example `/proc/kcore`, `/proc/sysrq-trigger`, `/sys/firmware`). `procMount: Unmasked` removes those protections and exposes kernel interfaces that can leak host information or be used to break out. Init and ephemeral containers count too.',
    remediation:
      'Remove `securityContext.procMount` or set it to `Default`. Workloads that really need an unmasked `/proc` (nested container builds) should at least run in a user namespace (`hostUsers: false`) in a namespace that is not enforced at the restricted level.',
    severity: 'medium',
    kinds: ['workload'],
    refs: {
      pss: ['baseline/procMount', 'restricted/procMount'],
      nsa: ['pod-security/hardening-container-environments'],
      mitre: ['T1611'],
    },
    presets: ['recommended', 'nsa'],
    options: {
      allowInUserNamespace: {
        type: 'boolean',
        default: false,
        description:
          'Accept a non-default procMount when the pod runs in a user namespace (`hostUsers: false`), as Pod Security Standards baseline does since Kubernetes 1.35 (restricted never does).',
      },
    },
    messages: {
      unmasked: 'container "{{container}}" sets procMount {{value}}',
    },
    notes:
      '`procMount` exists only on containers; any value other than `Default` is reported, as Pod Security Admission does (`Unmasked` is the only other valid value). Since Kubernetes 1.35 the baseline level accepts a non-default procMount for pods with `hostUsers: false` (since 1.30 the API server rejects `Unmasked` without `hostUsers: false` anyway), while restricted still rejects it; kubeward reports it by default and the `allowInUserNamespace` option gives the baseline behaviour. kubesec has no procMount check: its "ProcMount" rule is about a `hostPath` volume of `/proc`.',
  },
  check({ workload, options, report }) {
    if (!workload) return;
    if (options.allowInUserNamespace && workload.podSpec.hostUsers === false) return;
    for (const container of workload.containers) {
      const procMount = container.effective.procMount;
      if (procMount === undefined || procMount.value === 'Default') continue;
      report({
        messageId: 'unmasked',
        path: procMount.pointer,
        container,
        data: { container: container.name, value: String(procMount.value) },
      });
    }
  },
  examples: {
    fail: [
      `apiVersion: v1
kind: Pod
metadata: { name: fire-unmasked }
spec:
  hostUsers: false
  containers:
    - name: builder
      image: buildkit:0.15
      securityContext: { procMount: Unmasked }`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-default }
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext: { procMount: Default }`,
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
