import { defineRule } from '../../engine/rule.js';
import { joinPointer } from '../../model/json.js';

export default defineRule({
  id: 'workload/default-service-account',
  meta: {
    title: 'Pod runs as the default service account',
    description:
      "A pod that names no service account runs as the namespace's `default` ServiceAccount, which every such pod shares. Permissions granted to it for one workload silently apply to all of them, and its token (when mounted) identifies no workload in particular in audit logs.",
    remediation:
      'Create a ServiceAccount per workload, grant it only the permissions that workload needs, and set `serviceAccountName` in the pod spec. Also set `automountServiceAccountToken: false` on the `default` ServiceAccount.',
    severity: 'low',
    kinds: ['workload'],
    refs: {
      cis: ['5.1.5'],
      kubesec: ['ServiceAccountName'],
    },
    presets: ['strict', 'cis'],
    options: {},
    messages: {
      unset: 'pod does not set serviceAccountName, so it runs as the "default" service account',
      explicit: 'pod sets serviceAccountName to "default"',
    },
    notes:
      'The effective name is judged: `serviceAccountName`, else the deprecated `serviceAccount` (which the API server copies into `serviceAccountName`), else `default`; an empty string counts as unset. kubesec (ServiceAccountName, +3) awards its points for any non-empty `serviceAccountName`, including `"default"`; kubeward reports an explicit `"default"` as well, as kube-linter does.',
  },
  check({ workload, report }) {
    if (!workload) return;
    const { podSpec, podSpecPointer } = workload;
    const name = typeof podSpec.serviceAccountName === 'string' ? podSpec.serviceAccountName : '';
    const legacy = typeof podSpec.serviceAccount === 'string' ? podSpec.serviceAccount : '';
    const effective = name || legacy;
    if (effective !== '' && effective !== 'default') return;
    report({
      messageId: effective === 'default' ? 'explicit' : 'unset',
      path: joinPointer(
        podSpecPointer,
        name === '' && legacy !== '' ? 'serviceAccount' : 'serviceAccountName',
      ),
    });
  },
  examples: {
    fail: [
      `apiVersion: apps/v1
kind: Deployment
metadata: { name: fire-unset }
spec:
  template:
    spec:
      containers:
        - name: app
          image: nginx:1.27`,
      `apiVersion: v1
kind: Pod
metadata: { name: fire-explicit-default }
spec:
  serviceAccountName: default
  containers:
    - name: app
      image: nginx:1.27`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-dedicated }
spec:
  serviceAccountName: web
  containers:
    - name: app
      image: nginx:1.27`,
    ],
  },
});
