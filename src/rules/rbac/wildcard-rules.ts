import { defineRule } from '../../engine/rule.js';
import { joinPointer } from '../../model/json.js';
import { apiGroup } from '../../model/workload.js';
import { readRules, wildcardFields } from '../../analysis/rbac/index.js';
import { INCLUDE_SYSTEM_OPTION, isBuiltIn } from './_rbac.js';

export default defineRule({
  id: 'rbac/wildcard-rules',
  meta: {
    title: 'Role rule uses a wildcard',
    description:
      'A Role or ClusterRole rule lists `*` in its verbs, API groups, resources (including `*/subresource`) or non-resource URLs. A wildcard grants everything that exists now and everything added later: new resource types, subresources such as `pods/exec`, and verbs such as `escalate`, `bind` and `impersonate`.',
    remediation:
      'List the verbs, API groups and resources the subject needs explicitly; for an administrator role, bind the built-in `admin` or `cluster-admin` role so that the grant is obvious.',
    severity: 'medium',
    kinds: ['Role', 'ClusterRole'],
    refs: { cis: ['5.1.3'] },
    presets: ['recommended', 'cis'],
    options: { includeSystem: INCLUDE_SYSTEM_OPTION },
    messages: {
      wildcard: '{{role}} rule {{index}} uses * in {{field}}',
    },
    notes:
      'Built-in roles (label `kubernetes.io/bootstrapping: rbac-defaults`, such as `cluster-admin` itself) are left out unless `includeSystem` is set. Each wildcard field is reported at its own position. Roles of API groups other than `rbac.authorization.k8s.io` are not read.',
  },
  check({ resource, options, report }) {
    if (apiGroup(resource.apiVersion) !== 'rbac.authorization.k8s.io') return;
    if (!options.includeSystem && isBuiltIn(resource)) return;
    const role =
      resource.namespace === null || resource.kind === 'ClusterRole'
        ? `${resource.kind} ${resource.name}`
        : `${resource.kind} ${resource.namespace}/${resource.name}`;
    readRules(resource.object.rules).forEach((rule, index) => {
      for (const field of wildcardFields(rule)) {
        report({
          messageId: 'wildcard',
          path: joinPointer(rule.pointer, field),
          data: { role, index, field },
        });
      }
    });
  },
  examples: {
    fail: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: fire-operator }
rules:
  - { apiGroups: ["*"], resources: ["*"], verbs: ["*"] }`,
      `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: fire-subresources, namespace: apps }
rules:
  - { apiGroups: [""], resources: ["*/exec"], verbs: [create] }`,
    ],
    pass: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: dont-fire-explicit, namespace: apps }
rules:
  - { apiGroups: [apps], resources: [deployments], verbs: [get, list, watch, update] }`,
    ],
  },
});
