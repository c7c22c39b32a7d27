import { defineRule } from '../../engine/rule.js';
import { joinPointer } from '../../model/json.js';

export default defineRule({
  id: 'workload/deprecated-service-account-field',
  meta: {
    title: 'Pod uses the deprecated serviceAccount field',
    description:
      '`spec.serviceAccount` is a deprecated alias of `spec.serviceAccountName`. It still works when it is the only one set, but tools and reviewers that read only `serviceAccountName` then see the pod as running under the default service account, and when both are set the alias is silently ignored.',
    remediation: 'Rename `serviceAccount` to `serviceAccountName`, and remove it when both are present.',
    severity: 'info',
    kinds: ['workload'],
    refs: {},
    presets: ['strict'],
    options: {},
    messages: {
      deprecated: 'pod sets the deprecated serviceAccount field without serviceAccountName',
      ignored:
        'pod sets serviceAccount "{{serviceAccount}}", which is ignored because serviceAccountName is "{{serviceAccountName}}"',
    },
    notes:
      'When `serviceAccountName` is empty the API server copies `serviceAccount` into it; when both are set, `serviceAccountName` wins. The same value in both fields (as the API server itself writes back) is not reported.',
  },
  check({ workload, report }) {
    if (!workload) return;
    const { podSpec, podSpecPointer } = workload;
    const legacy = podSpec.serviceAccount;
    if (typeof legacy !== 'string' || legacy === '') return;
    const name = typeof podSpec.serviceAccountName === 'string' ? podSpec.serviceAccountName : '';
    if (name === legacy) return;
    const path = joinPointer(podSpecPointer, 'serviceAccount');
    if (name === '') report({ messageId: 'deprecated', path });
    else report({ messageId: 'ignored', path, data: { serviceAccount: legacy, serviceAccountName: name } });
  },
  examples: {
    fail: [
      `apiVersion: apps/v1
kind: Deployment
metadata: { name: fire-alias-only }
spec:
  template:
    spec:
      serviceAccount: web
      containers:
        - name: app
          image: nginx:1.27`,
      `apiVersion: v1
kind: Pod
metadata: { name: fire-conflict }
spec:
  serviceAccount: old
  serviceAccountName: web
  containers:
    - name: app
      image: nginx:1.27`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-same }
spec:
  serviceAccount: web
  serviceAccountName: web
  containers:
    - name: app
      image: nginx:1.27`,
      `apiVersion: v1
kind: Pod
metadata: { name: dont-fire-name-only }
spec:
  serviceAccountName: web
  containers:
    - name: app
      image: nginx:1.27`,
    ],
  },
});
