import { probeRule } from './_probe.js';

export default probeRule({
  id: 'workload/readiness-probe',
  probe: 'readinessProbe',
  meta: {
    title: 'Container has no readiness probe',
    description:
      'Without a readiness probe a container counts as ready as soon as it starts, so Services send it traffic before it can serve and keep sending traffic while it is overloaded or shutting down.',
    remediation:
      'Add a `readinessProbe` that succeeds only when the container can serve requests (for example an HTTP health endpoint).',
    severity: 'info',
    refs: {},
    presets: ['strict'],
    messages: {
      missing: 'container "{{container}}" has no readinessProbe',
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
          readinessProbe:
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
