import { probeRule } from './_probe.js';

export default probeRule({
  id: 'workload/liveness-probe',
  probe: 'livenessProbe',
  meta: {
    title: 'Container has no liveness probe',
    description:
      'Without a liveness probe the kubelet restarts a container only when its main process exits; a deadlocked or hung process keeps running and keeps its place in the Service.',
    remediation:
      'Add a `livenessProbe` (HTTP, TCP, gRPC or exec) that fails only when the process cannot recover by itself, with a generous `failureThreshold`; do not make it depend on downstream services.',
    severity: 'info',
    refs: {},
    presets: ['strict'],
    messages: {
      missing: 'container "{{container}}" has no livenessProbe',
    },
    notes:
      'Only regular containers are checked: init containers run to completion and may not have probes, and ephemeral containers may not have probes either. Sidecar containers (init containers with `restartPolicy: Always`) accept probes but are often third-party proxies and log shippers, so they are checked only with the `includeSidecars` option. Jobs and CronJobs are skipped: their pods run to completion and receive no Service traffic. This rule is informational and only in the `strict` preset, as in kube-linter (off by default) and kube-score (which applies probe checks only to pods behind a Service).',
  },
  examples: {
    fail: [
      `apiVersion: apps/v1
kind: Deployment
metadata: { name: fire-missing }
spec:
  template:
    spec:
      containers:
        - name: app
          image: nginx:1.27`,
    ],
    pass: [
      `apiVersion: apps/v1
kind: Deployment
metadata: { name: dont-fire-probed }
spec:
  template:
    spec:
      initContainers:
        - name: setup
          image: busybox:1.36
        - name: proxy
          image: envoyproxy/envoy:v1.31.0
          restartPolicy: Always
      containers:
        - name: app
          image: nginx:1.27
          livenessProbe:
            httpGet: { path: /healthz, port: 8080 }`,
      `apiVersion: batch/v1
kind: Job
metadata: { name: dont-fire-job }
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: migrate
          image: team/migrate:1.0`,
    ],
  },
});
