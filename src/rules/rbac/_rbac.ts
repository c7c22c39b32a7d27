import type { ClusterRule, RuleMeta, RuleOptionSpec, RuleExamples } from '../../engine/rule.js';
import { asArray, asObject } from '../../model/json.js';
import type { ResourceIndex } from '../../model/resource-index.js';
import type { JsonObject, Resource } from '../../model/types.js';
import { apiGroup } from '../../model/workload.js';
import {
  formatObject,
  formatSubject,
  isClusterScoped,
  RbacGraph,
  type BindingView,
  type EffectiveRule,
  type SubjectRef,
} from '../../analysis/rbac/index.js';

/** Kinds every RBAC cluster-scope rule reads: the RBAC objects, and workloads to name who uses a subject. */
export const RBAC_RULE_KINDS: readonly string[] = [
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
  'workload',
];

const graphs = new WeakMap<ResourceIndex, RbacGraph>();

/** The RBAC graph of a scan's index, built once and shared by every RBAC rule. */
export function graphOf(index: ResourceIndex): RbacGraph {
  let graph = graphs.get(index);
  if (!graph) {
    graph = new RbacGraph(index.resources);
    graphs.set(index, graph);
  }
  return graph;
}

/** Whether an object is one of the defaults the API server creates (label `kubernetes.io/bootstrapping`). */
export function isBuiltIn(resource: Resource): boolean {
  const labels = asObject(asObject(resource.object.metadata)?.labels);
  return labels?.['kubernetes.io/bootstrapping'] === 'rbac-defaults';
}

// Groups that stand for "everyone" of some sort are never treated as system components.
const BROAD_GROUPS = new Set(['system:authenticated', 'system:unauthenticated', 'system:serviceaccounts']);

/**
 * Whether a subject is a control-plane component: a service account in `kube-system`, or a user or group
 * named `system:…` (or `eks:…` on Amazon EKS) other than the groups that stand for many identities.
 */
export function isSystemSubject(subject: SubjectRef): boolean {
  if (subject.kind === 'ServiceAccount') return subject.namespace === 'kube-system';
  if (BROAD_GROUPS.has(subject.name) || subject.name.startsWith('system:serviceaccounts:')) return false;
  if (subject.name === 'system:anonymous') return false;
  return subject.name.startsWith('system:') || subject.name.startsWith('eks:');
}

/** How a binding's findings name it and its role, read from the binding object alone. */
export type BindingLabels = { binding: string; roleKind: string; role: string };

/**
 * Calls `visit` with each subject (with its index in `subjects`) of an `rbac.authorization.k8s.io`
 * RoleBinding or ClusterRoleBinding, unless the binding refers to a ClusterRole named in `allowedRoles`.
 *
 * @param resource - a RoleBinding or ClusterRoleBinding
 * @param allowedRoles - names of ClusterRoles whose bindings are skipped
 * @param visit - called once per subject, in order
 */
export function forEachBindingSubject(
  resource: Resource,
  allowedRoles: readonly string[],
  visit: (subject: JsonObject | undefined, index: number, labels: BindingLabels) => void,
): void {
  if (apiGroup(resource.apiVersion) !== 'rbac.authorization.k8s.io') return;
  const roleRef = asObject(resource.object.roleRef);
  const roleKind = typeof roleRef?.kind === 'string' ? roleRef.kind : 'role';
  const role = typeof roleRef?.name === 'string' ? roleRef.name : '';
  if (roleKind === 'ClusterRole' && allowedRoles.includes(role)) return;
  const binding =
    resource.namespace === null || resource.kind === 'ClusterRoleBinding'
      ? `${resource.kind} "${resource.name}"`
      : `${resource.kind} "${resource.namespace}/${resource.name}"`;
  asArray(resource.object.subjects).forEach((raw, index) => {
    visit(asObject(raw), index, { binding, roleKind, role });
  });
}

const MAX_WORKLOADS = 5;

/** A subject as findings name it: service accounts with the workloads that run as them. */
export function subjectText(graph: RbacGraph, subject: SubjectRef): string {
  const base = formatSubject(subject);
  if (subject.kind !== 'ServiceAccount' || subject.namespace === undefined) return base;
  const users = graph.workloadsUsing(subject.namespace, subject.name);
  if (users.length === 0) return base;
  const shown = users.slice(0, MAX_WORKLOADS).map((w) => `${w.kind} ${w.namespace ?? ''}/${w.name}`);
  const more = users.length > MAX_WORKLOADS ? ` and ${users.length - MAX_WORKLOADS} more` : '';
  return `${base} (used by ${shown.join(', ')}${more})`;
}

/**
 * `ClusterRole edit`, or `ClusterRole edit, aggregating ClusterRole ext-edit` when rules came from others;
 * a built-in default role is marked `(Kubernetes default)`.
 */
export function roleText(graph: RbacGraph, binding: BindingView, rules: readonly EffectiveRule[]): string {
  const role = graph.roleOf(binding);
  const ref = role
    ? `${formatObject(role)}${role.builtIn ? ' (Kubernetes default)' : ''}`
    : `${binding.roleRef.kind} ${binding.roleRef.name}`;
  const sources = [...new Set(rules.filter((r) => r.source !== role).map((r) => formatObject(r.source)))];
  return sources.length === 0 ? ref : `${ref}, aggregating ${sources.sort().join(', ')}`;
}

/** One request a permission rule looks for. */
export interface PermissionCheck {
  verb: string;
  apiGroup: string;
  resource: string;
  subresource?: string;
}

/** Option every permission rule has. */
export const INCLUDE_SYSTEM_OPTION = {
  type: 'boolean',
  default: false,
  description:
    'Also report the built-in bindings (label `kubernetes.io/bootstrapping: rbac-defaults`) and control-plane subjects (service accounts in `kube-system`, users and groups named `system:…` or `eks:…` other than `system:authenticated`, `system:unauthenticated` and `system:serviceaccounts…`).',
} as const satisfies RuleOptionSpec;

type PermissionOptions = { includeSystem: typeof INCLUDE_SYSTEM_OPTION };

/** What a permission rule declares besides its checks. */
export interface PermissionRuleDefinition {
  id: string;
  meta: Omit<RuleMeta<'granted', PermissionOptions>, 'kinds' | 'messages' | 'options'>;
  /** Requests any of which makes a binding reportable. */
  checks: readonly PermissionCheck[];
  examples: RuleExamples;
}

function checkLabel(c: PermissionCheck): string {
  return c.subresource ? `${c.resource}/${c.subresource}` : c.resource;
}

/**
 * A cluster-scope rule that reports every binding whose role lets a subject make one of the given requests,
 * once per subject, at the subject in the binding. The request is asked where the binding applies: in its
 * namespace for a RoleBinding, everywhere for a ClusterRoleBinding; grants limited by `resourceNames` do
 * not count (the requests are about no object in particular).
 */
export function permissionRule(def: PermissionRuleDefinition): ClusterRule<'granted', PermissionOptions> {
  return {
    id: def.id,
    scope: 'cluster',
    meta: {
      ...def.meta,
      notes: `${def.meta.notes ?? ''}${def.meta.notes ? ' ' : ''}Bindings of \`cluster-admin\` are reported by \`rbac/cluster-admin-binding\` alone.`,
      kinds: RBAC_RULE_KINDS,
      options: { includeSystem: INCLUDE_SYSTEM_OPTION },
      messages: { granted: '{{binding}} lets {{subject}} {{what}} {{where}} (role {{role}})' },
    },
    check({ index, options, report }) {
      const graph = graphOf(index);
      for (const binding of graph.bindings) {
        if (!options.includeSystem && isBuiltIn(binding.resource)) continue;
        // cluster-admin allows everything; rbac/cluster-admin-binding reports it once instead of every
        // permission rule reporting it again.
        if (binding.roleRef.kind === 'ClusterRole' && binding.roleRef.name === 'cluster-admin') continue;
        const matched: { check: PermissionCheck; rules: EffectiveRule[] }[] = [];
        for (const check of def.checks) {
          const rules = graph.bindingGrantsAnywhere(binding, {
            type: 'resource',
            verb: check.verb,
            apiGroup: check.apiGroup,
            resource: check.resource,
            ...(check.subresource ? { subresource: check.subresource } : {}),
            namespace: binding.namespace,
          });
          if (rules.length > 0) matched.push({ check, rules });
        }
        if (matched.length === 0) continue;
        const verbs = new Map<string, string[]>();
        for (const { check } of matched) {
          const label = checkLabel(check);
          const list = verbs.get(label) ?? [];
          if (!list.includes(check.verb)) list.push(check.verb);
          verbs.set(label, list);
        }
        // Resources with the same verbs are listed together: `impersonate users, groups`.
        const byVerbs = new Map<string, string[]>();
        for (const [res, vs] of verbs) byVerbs.set(vs.join('/'), [...(byVerbs.get(vs.join('/')) ?? []), res]);
        const what = [...byVerbs].map(([vs, resources]) => `${vs} ${resources.join(', ')}`).join('; ');
        const allClusterScoped = matched.every((m) => isClusterScoped(m.check.apiGroup, m.check.resource));
        const where =
          binding.namespace !== null
            ? `in namespace ${binding.namespace}`
            : allClusterScoped
              ? 'cluster-wide'
              : 'in every namespace';
        const role = roleText(
          graph,
          binding,
          matched.flatMap((m) => m.rules),
        );
        for (const { subject, pointer } of binding.subjects) {
          if (!options.includeSystem && isSystemSubject(subject)) continue;
          report({
            messageId: 'granted',
            resource: binding.resource,
            path: pointer,
            data: {
              binding: formatObject(binding),
              subject: subjectText(graph, subject),
              what,
              where,
              role,
            },
          });
        }
      }
    },
    examples: def.examples,
  };
}
