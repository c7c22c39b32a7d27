import { pssRule } from './_check.js';

export default pssRule({
  check: 'hostProbesAndHostLifecycle',
  title: 'Probe or lifecycle hook targets another host',
  description:
    'From policy v1.34 the baseline standard forbids a host in httpGet and tcpSocket probes and lifecycle handlers, which could reach services on the node or elsewhere.',
  remediation: 'Remove the `host` field from probes and lifecycle handlers so they target the pod itself.',
  severity: 'medium',
  examples: {
    fail: [
      `apiVersion: v1
kind: Pod
metadata: { name: fire-probe-host }
spec:
  containers:
    - name: app
      image: nginx:1.27
      livenessProbe: { httpGet: { host: 10.0.0.1, port: 80 } }
`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-probe }
spec:
  containers:
    - name: app
      image: nginx:1.27
      livenessProbe: { httpGet: { port: 80 } }
`,
    ],
  },
});
