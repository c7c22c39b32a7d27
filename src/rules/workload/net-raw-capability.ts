import { defineRule } from '../../engine/rule.js';
import { capabilitiesOf, capabilityGrant } from '../../model/capabilities.js';
import { joinPointer } from '../../model/json.js';
import { isWindowsPod } from '../../model/pod-os.js';

export default defineRule({
  id: 'workload/net-raw-capability',
  meta: {
    title: 'Container keeps the NET_RAW capability',
    description:
      'NET_RAW lets a process open raw and packet sockets: it can forge any packet, spoof ARP and DNS answers to other pods on the node, and it was the key to several container-network CVEs. containerd grants it by default, so a container keeps it unless it drops NET_RAW or ALL. Init and ephemeral containers count too.',
    remediation:
      'Add `NET_RAW` (or better `ALL`) to `securityContext.capabilities.drop`, and remove NET_RAW from `add`; `ping` works without it on current kernels through unprivileged ICMP sockets.',
    severity: 'medium',
    kinds: ['workload'],
    refs: {
      cis: ['5.2.8'],
      pss: ['restricted/capabilities_restricted'],
      mitre: ['T1557'],
    },
    presets: ['strict', 'cis'],
    options: {},
    messages: {
      added: 'container "{{container}}" adds NET_RAW',
      notDropped:
        'container "{{container}}" does not drop NET_RAW (neither NET_RAW nor ALL is in capabilities.drop)',
    },
    notes:
      'The capability set is computed as containerd and CRI-O compute it: `drop: [ALL]` removes the default set and cancels `add: [ALL]`, named adds come next, and named drops win over named adds. So `drop: [ALL]` with `add: [NET_RAW]` keeps NET_RAW (reported as added), and `add: [NET_RAW]` with `drop: [NET_RAW]` does not. containerd\'s default set is assumed, which includes NET_RAW; CRI-O has left it out of its default since 1.18, so on CRI-O nodes the "does not drop" finding is a portability issue rather than a live one. kube-linter (drop-net-raw-capability) and Checkov CKV_K8S_28 report the missing drop, Trivy KSV-0119 the add; kubeward reports both with different messages. Pods with `spec.os.name: windows` are skipped.',
  },
  check({ workload, report }) {
    if (!workload || isWindowsPod(workload)) return;
    for (const container of workload.containers) {
      const caps = capabilitiesOf(container);
      const grant = capabilityGrant(caps, 'NET_RAW');
      const data = { container: container.name };
      if (grant === 'added') {
        const entry = caps.add.find((e) => e.name === 'NET_RAW');
        report({
          messageId: 'added',
          path: entry?.pointer ?? joinPointer(caps.pointer, 'add'),
          container,
          data,
        });
      } else if (grant !== undefined) {
        report({ messageId: 'notDropped', path: joinPointer(caps.pointer, 'drop'), container, data });
      }
    }
  },
  examples: {
    fail: [
      `apiVersion: v1
kind: Pod
metadata: { name: fire-default-caps }
spec:
  containers:
    - name: app
      image: nginx:1.27`,
      `apiVersion: apps/v1
kind: Deployment
metadata: { name: fire-added }
spec:
  template:
    spec:
      containers:
        - name: probe
          image: example.com/netprobe:1.0
          securityContext:
            capabilities: { drop: [ALL], add: [NET_RAW] }`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-drop-all }
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        capabilities: { drop: [ALL] }`,
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-drop-net-raw }
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        capabilities: { drop: [NET_RAW] }`,
    ],
  },
});
