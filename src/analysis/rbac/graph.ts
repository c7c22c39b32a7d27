import { asArray, asObject, isObject, joinPointer } from '../../model/json.js';
import { compare } from '../../model/compare.js';
import type { JsonObject, JsonValue, Resource } from '../../model/types.js';
import { apiGroup, workloadOf } from '../../model/workload.js';
import {
  BUILTIN_CLUSTER_ROLES,
  BUILTIN_NAMESPACED_ROLES,
  builtinNamespacedRoleResource,
  builtinRoleResource,
} from './builtin-roles.js';
import { isClusterScoped, readRules, ruleAllows, type AccessRequest, type PolicyRule } from './policy.js';

/** The RBAC API group; objects of other groups with the same kind names are ignored. */
export const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** Kinds the RBAC analysis reads. */
export const RBAC_KINDS: readonly string[] = ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'];

/** A subject of a binding. `namespace` is set for service accounts (defaulted as the authorizer does). */
export interface SubjectRef {
  kind: 'User' | 'Group' | 'ServiceAccount';
  name: string;
  namespace?: string;
}

/** A Role or ClusterRole. */
export interface RoleView {
  kind: 'Role' | 'ClusterRole';
  name: string;
  namespace: string | null;
  resource: Resource;
  /** The rules written in the object. */
  rules: PolicyRule[];
  /** Label selectors of an aggregated ClusterRole (`aggregationRule.clusterRoleSelectors`). */
  aggregation: JsonObject[] | undefined;
  /**
   * Whether this is one of Kubernetes' default ClusterRoles or namespaced Roles, modelled because the
   * input has no role of that name (see builtin-roles.ts); such a role is not in {@link RbacGraph.roles}.
   */
  builtIn: boolean;
}

/** A rule that a role grants, and the role it was written in (another ClusterRole when aggregated). */
export interface EffectiveRule {
  rule: PolicyRule;
  /** The role whose `rules` hold this rule. */
  source: RoleView;
}

/** A RoleBinding or ClusterRoleBinding. */
export interface BindingView {
  kind: 'RoleBinding' | 'ClusterRoleBinding';
  name: string;
  namespace: string | null;
  resource: Resource;
  roleRef: { kind: string; name: string };
  subjects: { subject: SubjectRef; pointer: string }[];
}

/** Who is asking: a user name (absent when asking about a group alone) and the groups it belongs to. */
export interface Identity {
  user?: string;
  groups: string[];
}

/** One way a subject gets a permission: binding → role → rule (possibly aggregated from another role). */
export interface Grant {
  binding: BindingView;
  /** The role the binding refers to (from the input, or a built-in default ClusterRole). */
  role: RoleView | undefined;
  rule: EffectiveRule;
  /** The namespace the grant is limited to, or null for every namespace and cluster scope. */
  scope: string | null;
  subject: SubjectRef;
  /** JSON pointer of the subject inside the binding. */
  subjectPointer: string;
}

/** A subject together with every grant that gives it the permission asked about. */
export interface SubjectGrants {
  subject: SubjectRef;
  grants: Grant[];
}

/** Sort key of a subject: kind, namespace, name. */
export function subjectKey(s: SubjectRef): string {
  return `${s.kind}\u0000${s.namespace ?? ''}\u0000${s.name}`;
}

/** `ServiceAccount apps/builder`, `User alice`, `Group system:authenticated`. */
export function formatSubject(s: SubjectRef): string {
  return s.kind === 'ServiceAccount'
    ? `ServiceAccount ${s.namespace ?? ''}/${s.name}`
    : `${s.kind} ${s.name}`;
}

/** `RoleBinding apps/x`, `ClusterRoleBinding y`, `Role apps/r`, `ClusterRole view`. */
export function formatObject(o: { kind: string; name: string; namespace: string | null }): string {
  return o.namespace === null ? `${o.kind} ${o.name}` : `${o.kind} ${o.namespace}/${o.name}`;
}

/** The user name the API server gives a service account's tokens. */
export function serviceAccountUser(namespace: string, name: string): string {
  return `system:serviceaccount:${namespace}:${name}`;
}

/**
 * The identity of a subject, with the groups the API server adds: every authenticated user is in
 * `system:authenticated`; a service account also in `system:serviceaccounts` and
 * `system:serviceaccounts:<namespace>`; the anonymous user only in `system:unauthenticated`. A group stands
 * for its members, so it is asked about alone.
 */
export function identityOf(subject: SubjectRef, extraGroups: readonly string[] = []): Identity {
  switch (subject.kind) {
    case 'Group':
      return { groups: [subject.name, ...extraGroups] };
    case 'ServiceAccount': {
      const ns = subject.namespace ?? '';
      return {
        user: serviceAccountUser(ns, subject.name),
        groups: [
          'system:serviceaccounts',
          `system:serviceaccounts:${ns}`,
          'system:authenticated',
          ...extraGroups,
        ],
      };
    }
    case 'User':
      return {
        user: subject.name,
        groups:
          subject.name === 'system:anonymous'
            ? ['system:unauthenticated', ...extraGroups]
            : ['system:authenticated', ...extraGroups],
      };
  }
}

/** Whether a label selector (matchLabels and matchExpressions) selects an object's labels. */
export function selectorMatches(selector: JsonObject, labels: JsonObject): boolean {
  const matchLabels = asObject(selector.matchLabels) ?? {};
  for (const [key, value] of Object.entries(matchLabels)) if (labels[key] !== value) return false;
  for (const raw of asArray(selector.matchExpressions)) {
    const expr = asObject(raw);
    if (!expr || typeof expr.key !== 'string') return false;
    const has = Object.prototype.hasOwnProperty.call(labels, expr.key);
    const value = labels[expr.key];
    const values = asArray(expr.values);
    switch (expr.operator) {
      case 'In':
        if (!has || !values.includes(value ?? null)) return false;
        break;
      case 'NotIn':
        if (has && values.includes(value ?? null)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  // An empty selector would select every ClusterRole; the API server treats `{}` in clusterRoleSelectors as
  // selecting everything, so it does too.
  return true;
}

function labelsOf(resource: Resource): JsonObject {
  return asObject(asObject(resource.object.metadata)?.labels) ?? {};
}

function readSubject(raw: JsonValue, bindingNamespace: string | null): SubjectRef | undefined {
  const s = asObject(raw);
  if (!s) return undefined;
  if (typeof s.name !== 'string' || typeof s.kind !== 'string') return undefined;
  if (s.kind === 'User' || s.kind === 'Group') return { kind: s.kind, name: s.name };
  if (s.kind === 'ServiceAccount') {
    // Like the authorizer: a RoleBinding's service account without a namespace is in the binding's own.
    const ns = typeof s.namespace === 'string' && s.namespace !== '' ? s.namespace : bindingNamespace;
    if (ns === null) return undefined;
    return { kind: 'ServiceAccount', name: s.name, namespace: ns };
  }
  return undefined;
}

function appliesTo(subject: SubjectRef, identity: Identity): boolean {
  switch (subject.kind) {
    case 'User':
      return identity.user === subject.name;
    case 'Group':
      return identity.groups.includes(subject.name);
    case 'ServiceAccount':
      return identity.user === serviceAccountUser(subject.namespace ?? '', subject.name);
  }
}

/**
 * The RBAC objects of a scan (or of a cluster) and the questions asked of them: which rules a role
 * grants (with ClusterRole aggregation), what a binding grants and where, who can make a request, what a
 * subject can do, and which workloads run as a service account.
 */
export class RbacGraph {
  /** The roles of the input. */
  readonly roles: RoleView[] = [];
  /** Kubernetes' default ClusterRoles whose names no input ClusterRole has; an input role always wins. */
  readonly builtinRoles: RoleView[] = [];
  /** Kubernetes' default namespaced Roles (in kube-system and kube-public) the input has no Role for. */
  readonly builtinNamespacedRoles: RoleView[] = [];
  readonly bindings: BindingView[] = [];
  private readonly roleIndex = new Map<string, RoleView>();
  private readonly builtinIndex = new Map<string, RoleView>();
  private readonly builtinNamespacedIndex = new Map<string, RoleView>();
  private clusterRoleList: RoleView[] | undefined;
  private readonly effectiveCache = new Map<RoleView, EffectiveRule[]>();
  private readonly workloadsBySa = new Map<string, Resource[]>();

  constructor(resources: Iterable<Resource>) {
    for (const resource of resources) {
      if (workloadOf(resource)) this.addWorkload(resource);
      if (apiGroup(resource.apiVersion) !== RBAC_GROUP) continue;
      switch (resource.kind) {
        case 'Role':
        case 'ClusterRole':
          this.addRole(resource);
          break;
        case 'RoleBinding':
        case 'ClusterRoleBinding':
          this.addBinding(resource);
          break;
      }
    }
    for (const def of BUILTIN_CLUSTER_ROLES) {
      if (this.roleIndex.has(`ClusterRole\u0000\u0000${def.name}`)) continue;
      const role = { ...makeRole(builtinRoleResource(def)), builtIn: true };
      this.builtinRoles.push(role);
      this.builtinIndex.set(def.name, role);
    }
    for (const def of BUILTIN_NAMESPACED_ROLES) {
      const key = `Role\u0000${def.namespace}\u0000${def.name}`;
      if (this.roleIndex.has(key)) continue;
      const role = { ...makeRole(builtinNamespacedRoleResource(def)), builtIn: true };
      this.builtinNamespacedRoles.push(role);
      this.builtinNamespacedIndex.set(key, role);
    }
  }

  private addWorkload(resource: Resource): void {
    const view = workloadOf(resource);
    if (!view || resource.namespace === null) return;
    const spec = view.podSpec;
    // serviceAccountName wins; the deprecated serviceAccount is its alias; unset means `default`.
    const sa =
      typeof spec.serviceAccountName === 'string' && spec.serviceAccountName !== ''
        ? spec.serviceAccountName
        : typeof spec.serviceAccount === 'string' && spec.serviceAccount !== ''
          ? spec.serviceAccount
          : 'default';
    const key = `${resource.namespace}/${sa}`;
    const list = this.workloadsBySa.get(key);
    if (list) list.push(resource);
    else this.workloadsBySa.set(key, [resource]);
  }

  private addRole(resource: Resource): void {
    if (resource.kind === 'Role' && resource.namespace === null) return;
    const role = makeRole(resource);
    this.roles.push(role);
    this.roleIndex.set(`${role.kind}\u0000${role.namespace ?? ''}\u0000${role.name}`, role);
  }

  private addBinding(resource: Resource): void {
    const kind = resource.kind as 'RoleBinding' | 'ClusterRoleBinding';
    const namespace = kind === 'RoleBinding' ? resource.namespace : null;
    if (kind === 'RoleBinding' && namespace === null) return;
    const ref = asObject(resource.object.roleRef);
    const subjects: BindingView['subjects'] = [];
    asArray(resource.object.subjects).forEach((raw, index) => {
      const subject = readSubject(raw, namespace);
      if (subject) subjects.push({ subject, pointer: joinPointer('/subjects', index) });
    });
    this.bindings.push({
      kind,
      name: resource.name,
      namespace,
      resource,
      roleRef: {
        kind: typeof ref?.kind === 'string' ? ref.kind : '',
        name: typeof ref?.name === 'string' ? ref.name : '',
      },
      subjects,
    });
  }

  /**
   * The role a binding refers to: a Role in the binding's namespace or a ClusterRole, from the input or
   * else one of the built-in defaults (a default Role only in its own namespace); undefined when neither has it (see
   * {@link unresolvedBindings}).
   */
  roleOf(binding: BindingView): RoleView | undefined {
    const { kind, name } = binding.roleRef;
    // A ClusterRoleBinding can only refer to a ClusterRole.
    if (kind === 'Role' && binding.kind === 'RoleBinding') {
      const key = `Role\u0000${binding.namespace ?? ''}\u0000${name}`;
      return this.roleIndex.get(key) ?? this.builtinNamespacedIndex.get(key);
    }
    if (kind === 'ClusterRole') return this.clusterRole(name);
    return undefined;
  }

  /** A ClusterRole by name: the input's, or else the built-in default one. */
  clusterRole(name: string): RoleView | undefined {
    return this.roleIndex.get(`ClusterRole\u0000\u0000${name}`) ?? this.builtinIndex.get(name);
  }

  /**
   * Bindings whose role is neither in the input nor a modelled default ClusterRole: what they grant is
   * unknown, so answers computed without them may miss subjects or permissions.
   */
  unresolvedBindings(): BindingView[] {
    return this.bindings.filter((b) => this.roleOf(b) === undefined);
  }

  /**
   * The unresolved bindings that could bear on a who-can question: those that could grant the request
   * if their role allowed it (see {@link whoCan} for `anyNamespace`).
   */
  unresolvedFor(request: AccessRequest, anyNamespace = false): BindingView[] {
    return this.unresolvedBindings().filter((b) => {
      if (b.kind === 'ClusterRoleBinding') return true;
      if (request.type === 'nonResource' || isClusterScoped(request.apiGroup, request.resource)) return false;
      return anyNamespace || b.namespace === request.namespace;
    });
  }

  /** The unresolved bindings with a subject that applies to an identity. */
  unresolvedForIdentity(identity: Identity): BindingView[] {
    return this.unresolvedBindings().filter((b) =>
      b.subjects.some(({ subject }) => appliesTo(subject, identity)),
    );
  }

  private allClusterRoles(): RoleView[] {
    this.clusterRoleList ??= [...this.roles.filter((r) => r.kind === 'ClusterRole'), ...this.builtinRoles];
    return this.clusterRoleList;
  }

  /**
   * The rules a role grants. An aggregated ClusterRole grants the rules of every ClusterRole its selectors
   * match (followed transitively, as the aggregation controller converges to); its own `rules` field is
   * what the controller writes, so it is replaced, not added to.
   */
  effectiveRules(role: RoleView): EffectiveRule[] {
    const cached = this.effectiveCache.get(role);
    if (cached) return cached;
    const out: EffectiveRule[] = [];
    const seen = new Set<RoleView>();
    const visit = (r: RoleView): void => {
      if (seen.has(r)) return;
      seen.add(r);
      if (r.aggregation === undefined) {
        for (const rule of r.rules) out.push({ rule, source: r });
        return;
      }
      for (const other of this.allClusterRoles()) {
        if (other === r) continue;
        const labels = labelsOf(other.resource);
        if (r.aggregation.some((sel) => selectorMatches(sel, labels))) visit(other);
      }
    };
    visit(role);
    this.effectiveCache.set(role, out);
    return out;
  }

  /** The ClusterRoles an aggregated ClusterRole takes rules from (directly), sorted by name. */
  aggregatedFrom(role: RoleView): RoleView[] {
    if (role.aggregation === undefined) return [];
    const selectors = role.aggregation;
    return this.allClusterRoles()
      .filter((o) => o !== role && selectors.some((sel) => selectorMatches(sel, labelsOf(o.resource))))
      .sort((a, b) => compare(a.name, b.name));
  }

  /**
   * The rules of a binding's role that allow a request, if the binding can grant it at all: a
   * ClusterRoleBinding grants everywhere; a RoleBinding only namespaced resources in its own namespace,
   * never cluster-scoped resources or non-resource URLs.
   */
  bindingAllows(binding: BindingView, request: AccessRequest): EffectiveRule[] {
    if (binding.kind === 'RoleBinding') {
      if (request.type === 'nonResource') return [];
      if (request.namespace !== binding.namespace) return [];
      if (isClusterScoped(request.apiGroup, request.resource)) return [];
    }
    const role = this.roleOf(binding);
    if (!role) return [];
    return this.effectiveRules(role).filter((e) => ruleAllows(e.rule, request));
  }

  /**
   * The rules by which a binding lets its subjects make a request somewhere: the request is asked in the
   * binding's own namespace for a RoleBinding and across all namespaces for a ClusterRoleBinding.
   */
  bindingGrantsAnywhere(binding: BindingView, request: AccessRequest): EffectiveRule[] {
    if (request.type === 'resource')
      return this.bindingAllows(binding, {
        ...request,
        namespace: isClusterScoped(request.apiGroup, request.resource) ? null : binding.namespace,
      });
    return this.bindingAllows(binding, request);
  }

  /**
   * Every subject that may make the request, with each binding chain that allows it; sorted. With
   * `anyNamespace`, a namespaced request counts in whichever namespace a RoleBinding grants it (who can do
   * it somewhere) instead of in the request's namespace.
   */
  whoCan(request: AccessRequest, anyNamespace = false): SubjectGrants[] {
    const scoped: AccessRequest =
      request.type === 'resource' && isClusterScoped(request.apiGroup, request.resource)
        ? { ...request, namespace: null }
        : request;
    const bySubject = new Map<string, SubjectGrants>();
    // Only ClusterRoleBindings and the RoleBindings of the request's namespace can answer a namespaced request.
    const candidates =
      anyNamespace || scoped.type !== 'resource'
        ? this.bindings
        : this.bindings.filter((b) => b.namespace === null || b.namespace === scoped.namespace);
    for (const binding of candidates) {
      const rules = anyNamespace
        ? this.bindingGrantsAnywhere(binding, scoped)
        : this.bindingAllows(binding, scoped);
      if (rules.length === 0) continue;
      const role = this.roleOf(binding);
      for (const { subject, pointer } of binding.subjects) {
        const key = subjectKey(subject);
        let entry = bySubject.get(key);
        if (!entry) {
          entry = { subject, grants: [] };
          bySubject.set(key, entry);
        }
        for (const rule of rules)
          entry.grants.push({
            binding,
            role,
            rule,
            scope: binding.namespace,
            subject,
            subjectPointer: pointer,
          });
      }
    }
    return sortSubjectGrants([...bySubject.values()]);
  }

  /** Everything an identity may do: every rule of every binding with a subject that applies to it. */
  can(identity: Identity): Grant[] {
    const grants: Grant[] = [];
    for (const binding of this.bindings) {
      const role = this.roleOf(binding);
      if (!role) continue;
      for (const { subject, pointer } of binding.subjects) {
        if (!appliesTo(subject, identity)) continue;
        for (const rule of this.effectiveRules(role))
          grants.push({ binding, role, rule, scope: binding.namespace, subject, subjectPointer: pointer });
      }
    }
    return grants.sort(compareGrants);
  }

  /** Workloads in a namespace whose pods run as a service account, sorted by kind and name. */
  workloadsUsing(namespace: string, serviceAccount: string): Resource[] {
    return [...(this.workloadsBySa.get(`${namespace}/${serviceAccount}`) ?? [])].sort(
      (a, b) => compare(a.kind, b.kind) || compare(a.name, b.name),
    );
  }
}

/** A role as read from a Role or ClusterRole object. */
function makeRole(resource: Resource): RoleView {
  const kind = resource.kind as 'Role' | 'ClusterRole';
  const aggregationRule = asObject(resource.object.aggregationRule);
  return {
    kind,
    name: resource.name,
    namespace: kind === 'Role' ? resource.namespace : null,
    resource,
    rules: readRules(resource.object.rules),
    aggregation:
      kind === 'ClusterRole' && aggregationRule
        ? asArray(aggregationRule.clusterRoleSelectors).filter(isObject)
        : undefined,
    builtIn: false,
  };
}

/** Grants in a stable order: scope, binding, rule source, rule pointer, subject. */
export function compareGrants(a: Grant, b: Grant): number {
  return (
    compare(a.scope ?? '', b.scope ?? '') ||
    compare(a.binding.kind, b.binding.kind) ||
    compare(a.binding.namespace ?? '', b.binding.namespace ?? '') ||
    compare(a.binding.name, b.binding.name) ||
    compare(a.rule.source.kind, b.rule.source.kind) ||
    compare(a.rule.source.name, b.rule.source.name) ||
    compare(a.rule.rule.pointer, b.rule.rule.pointer) ||
    compare(subjectKey(a.subject), subjectKey(b.subject)) ||
    compare(a.subjectPointer, b.subjectPointer)
  );
}

function sortSubjectGrants(list: SubjectGrants[]): SubjectGrants[] {
  for (const entry of list) entry.grants.sort(compareGrants);
  return list.sort((a, b) => compare(subjectKey(a.subject), subjectKey(b.subject)));
}
