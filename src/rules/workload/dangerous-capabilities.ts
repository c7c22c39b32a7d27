import { defineRule } from '../../engine/rule.js';
import { capabilitiesOf, dropsAll, dropsByName, normalizeCapability } from '../../model/capabilities.js';
import { isWindowsPod } from '../../model/pod-os.js';

export default defineRule({
  id: 'workload/dangerous-capabilities',
  meta: {
    title: 'Container adds a dangerous capability',
    description:
      'Some capabilities give a container power over the node itself: loading kernel modules, raw device and memory access, tracing other processes, reconfiguring the network, loading BPF programs, bypassing or reconfiguring mandatory access control, or reading any file by handle (the "shocker" escape). Init and ephemeral containers count too.',
    remediation:
      'Remove the capability from `securityContext.capabilities.add`. If the workload truly needs it, isolate it on dedicated nodes and document the exemption with a `kubeward.io/ignore` annotation and reason.',
    severity: 'high',
    kinds: ['workload'],
    refs: {
      cis: ['5.2.9'],
      pss: ['baseline/capabilities_baseline'],
      mitre: ['T1611'],
    },
    presets: ['recommended', 'cis'],
    options: {
      capabilities: {
        type: 'string-list',
        default: [
          'AUDIT_CONTROL',
          'BPF',
          'DAC_READ_SEARCH',
          'MAC_ADMIN',
          'MAC_OVERRIDE',
          'NET_ADMIN',
          'PERFMON',
          'SYS_BOOT',
          'SYS_MODULE',
          'SYS_PTRACE',
          'SYS_RAWIO',
          'SYS_TIME',
          'SYSLOG',
        ],
        description:
          'Capabilities to report when added (case-insensitive, with or without `CAP_`). SYS_ADMIN, ALL and NET_RAW have their own rules.',
      },
    },
    messages: {
      dangerous: 'container "{{container}}" adds {{capability}}',
    },
    notes:
      'Default list and why: SYS_MODULE (load kernel modules: direct node takeover); SYS_RAWIO (I/O ports, /dev/mem); SYS_PTRACE (trace and inject into other processes, host processes with hostPID); SYS_BOOT (reboot, kexec); NET_ADMIN (interfaces, routes, iptables: sniffing and bypassing network policy); BPF and PERFMON (load BPF programs, read kernel memory and events); MAC_ADMIN and MAC_OVERRIDE (change or bypass AppArmor/SELinux/Smack); DAC_READ_SEARCH (`open_by_handle_at`, the "shocker" escape that reads host files); SYS_TIME (the clock is not namespaced: changes the node time); SYSLOG (kernel log and kernel addresses, a KASLR bypass); AUDIT_CONTROL (turn off or rewrite kernel auditing). This is close to Kubescape C-0046 and Datree [49]. SETPCAP is left out because Pod Security Standards baseline allows it; every capability outside the baseline set is reported by `pss/capabilities-baseline`. SYS_ADMIN and ALL are reported by `workload/capability-sys-admin`, NET_RAW by `workload/net-raw-capability`, so each added capability gives one finding of the most specific rule. A capability that the same container also drops by name is not reported: the runtimes apply drops after adds.',
  },
  check({ workload, options, report }) {
    if (!workload || isWindowsPod(workload)) return;
    const listed = new Set(options.capabilities.map(normalizeCapability));
    for (const container of workload.containers) {
      const caps = capabilitiesOf(container);
      for (const entry of caps.add) {
        if (!listed.has(entry.name)) continue;
        // The runtimes apply named drops after adds, and `drop: [ALL]` cancels `add: [ALL]`.
        if (dropsByName(caps, entry.name) || (entry.name === 'ALL' && dropsAll(caps))) continue;
        report({
          messageId: 'dangerous',
          path: entry.pointer,
          container,
          data: { container: container.name, capability: entry.name },
        });
      }
    }
  },
  examples: {
    fail: [
      `apiVersion: apps/v1
kind: DaemonSet
metadata: { name: fire-net-admin }
spec:
  selector: { matchLabels: { app: cni } }
  template:
    metadata: { labels: { app: cni } }
    spec:
      containers:
        - name: cni
          image: example.com/cni:1.0
          securityContext:
            capabilities: { add: [NET_ADMIN, CAP_SYS_MODULE] }`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-bind }
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        capabilities: { drop: [ALL], add: [NET_BIND_SERVICE] }`,
    ],
  },
});
