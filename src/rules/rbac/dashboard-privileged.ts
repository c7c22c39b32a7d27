import { defineClusterRule } from '../../engine/rule.js';
import { formatObject, ruleAllows, wildcardFields, type AccessRequest } from '../../analysis/rbac/index.js';
import { graphOf, RBAC_RULE_KINDS, roleText, subjectText } from './_rbac.js';

// Requests that make a role "powerful" for this rule: reading Secrets, running pods, changing RBAC.
const POWERFUL: readonly AccessRequest[] = [
  { type: 'resource', verb: 'get', apiGroup: '', resource: 'secrets', namespace: null },
  { type: 'resource', verb: 'list', apiGroup: '', resource: 'secrets', namespace: null },
  { type: 'resource', verb: 'create', apiGroup: '', resource: 'pods', namespace: null },
  { type: 'resource', verb: 'create', apiGroup: '', resource: 'pods', subresource: 'exec', namespace: null },
  {
    type: 'resource',
    verb: 'create',
    apiGroup: 'rbac.authorization.k8s.io',
    resource: 'clusterrolebindings',
    namespace: null,
  },
  {
    type: 'resource',
    verb: 'create',
    apiGroup: 'rbac.authorization.k8s.io',
    resource: 'rolebindings',
    namespace: null,
  },
];

export default defineClusterRule({
  id: 'rbac/dashboard-privileged',
  meta: {
    title: 'Kubernetes Dashboard bound to a powerful role',
    description:
      "The Kubernetes Dashboard's service account is bound to `cluster-admin` or to a role that reads Secrets, creates pods, execs into them, changes bindings or uses wildcards. The Dashboard acts with its own service account when users skip login or when its token is stolen, so its permissions are everyone's who can reach it; exposed dashboards with such bindings have been used to take over clusters.",
    remediation:
      "Bind the Dashboard's service account to a minimal role (the upstream manifests grant only its own Secrets and ConfigMaps and metrics), make users log in with their own tokens, and do not expose the Dashboard outside the cluster.",
    severity: 'critical',
    kinds: RBAC_RULE_KINDS,
    refs: { mitre: ['T1133'] },
    presets: ['recommended'],
    options: {
      serviceAccounts: {
        type: 'string-list',
        default: ['kubernetes-dashboard', 'kubernetes-dashboard-*', 'dashboard'],
        description:
          'Names of the Dashboard service accounts (`*` at the end matches any suffix); service accounts in a namespace named `kubernetes-dashboard` are always included.',
      },
    },
    messages: {
      powerful: '{{binding}} gives the Kubernetes Dashboard ({{subject}}) {{role}}, which {{why}}',
    },
    notes:
      "A role is powerful when it is `cluster-admin`, uses `*` in verbs or resources, or allows reading or listing Secrets, creating pods, `pods/exec`, or creating role bindings, anywhere in the binding's scope.",
  },
  check({ index, options, report }) {
    const graph = graphOf(index);
    const isDashboard = (name: string, namespace: string): boolean =>
      namespace === 'kubernetes-dashboard' ||
      options.serviceAccounts.some((p) => (p.endsWith('*') ? name.startsWith(p.slice(0, -1)) : name === p));
    for (const binding of graph.bindings) {
      const subjects = binding.subjects.filter(
        ({ subject }) =>
          subject.kind === 'ServiceAccount' && isDashboard(subject.name, subject.namespace ?? ''),
      );
      if (subjects.length === 0) continue;
      const role = graph.roleOf(binding);
      let why: string | undefined;
      if (binding.roleRef.kind === 'ClusterRole' && binding.roleRef.name === 'cluster-admin')
        why = 'allows everything';
      else if (role) {
        const rules = graph.effectiveRules(role);
        const wildcard = rules.find((e) =>
          wildcardFields(e.rule).some((f) => f === 'verbs' || f === 'resources'),
        );
        if (wildcard) why = `uses * in ${formatObject(wildcard.source)} ${wildcard.rule.pointer}`;
        else {
          const hit = POWERFUL.find((request) => rules.some((e) => ruleAllows(e.rule, request)));
          if (hit && hit.type === 'resource')
            why = `allows ${hit.verb} ${hit.resource}${hit.subresource ? `/${hit.subresource}` : ''}`;
        }
      }
      if (!why) continue;
      for (const { subject, pointer } of subjects) {
        report({
          messageId: 'powerful',
          resource: binding.resource,
          path: pointer,
          data: {
            binding: formatObject(binding),
            subject: subjectText(graph, subject),
            role: roleText(graph, binding, []),
            why,
          },
        });
      }
    }
  },
  examples: {
    fail: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: fire-dashboard-admin }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }
subjects:
  - { kind: ServiceAccount, name: kubernetes-dashboard, namespace: kubernetes-dashboard }`,
    ],
    pass: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: kubernetes-dashboard, namespace: kubernetes-dashboard }
rules:
  - { apiGroups: [""], resources: [secrets], resourceNames: [kubernetes-dashboard-csrf], verbs: [get, update] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: dont-fire-dashboard-minimal, namespace: kubernetes-dashboard }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: kubernetes-dashboard }
subjects:
  - { kind: ServiceAccount, name: kubernetes-dashboard, namespace: kubernetes-dashboard }`,
    ],
  },
});
