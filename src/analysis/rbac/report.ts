import { UsageError } from '../../base/errors.js';
import { escapeText } from '../../report/escape.js';
import type { SourceLocation } from '../../model/types.js';
import { BUILTIN_FILE_PREFIX } from './builtin-roles.js';
import {
  formatObject,
  formatSubject,
  identityOf,
  type BindingView,
  type Grant,
  type Identity,
  type RbacGraph,
  type SubjectRef,
} from './graph.js';
import {
  describeRule,
  isClusterScoped,
  parseResourceArg,
  type AccessRequest,
  type PolicyRule,
} from './policy.js';

/** An object named in a report. */
export interface ObjectRef {
  kind: string;
  namespace: string | null;
  name: string;
}

/** One binding chain, as `rbac who-can` and `rbac can` print it. */
export interface GrantChain {
  binding: ObjectRef & { location: SourceLocation };
  /** The JSON pointer of the subject in the binding. */
  subjectPath: string;
  /** The subject as the binding names it (a group, for a user who is in it). */
  subject: SubjectRef;
  /**
   * The role the binding refers to; `builtIn` when it is Kubernetes' default ClusterRole, modelled because
   * the input has no role of that name.
   */
  role: (ObjectRef & { builtIn: boolean }) | null;
  /** Where the rule is written: the role itself, or a ClusterRole it aggregates. */
  ruleSource: ObjectRef & { location: SourceLocation };
  rule: Omit<PolicyRule, 'pointer'> & { path: string };
  /** The namespace the grant is limited to; null when it applies everywhere. */
  namespace: string | null;
}

/** A binding whose role is neither in the input nor a modelled default ClusterRole. */
export interface UnresolvedBinding {
  binding: ObjectRef & { location: SourceLocation };
  roleRef: { kind: string; name: string };
  message: string;
}

/** The answer to `who-can`. */
export interface WhoCanReport {
  request: AccessRequest;
  /** Whether the request was asked in every namespace that has a binding (`--all-namespaces`). */
  anyNamespace: boolean;
  subjects: { subject: SubjectRef; usedBy: string[]; note?: string; grants: GrantChain[] }[];
  /** Bindings that could bear on the request but whose role is unknown, so the answer may be incomplete. */
  unresolved: UnresolvedBinding[];
}

/** The answer to `can`. */
export interface CanReport {
  subject: SubjectRef;
  identity: Identity;
  usedBy: string[];
  grants: GrantChain[];
  /** Bindings of the subject whose role is unknown, so the answer may be incomplete. */
  unresolved: UnresolvedBinding[];
}

/** `RoleBinding prod/x refers to ClusterRole foo, which is not in the input; its permissions are unknown`. */
export function unresolvedMessage(binding: BindingView): string {
  const { kind, name } = binding.roleRef;
  // A RoleBinding's Role is looked up in the binding's own namespace.
  const ref =
    kind === '' && name === ''
      ? 'no role'
      : kind === 'Role' && binding.namespace !== null
        ? `Role ${binding.namespace}/${name}`
        : `${kind || 'a role'} ${name}`.trim();
  const why =
    binding.kind === 'ClusterRoleBinding' && kind === 'Role'
      ? 'which a ClusterRoleBinding cannot refer to'
      : 'which is not in the input';
  return `${formatObject(binding)} refers to ${ref}, ${why}; its permissions are unknown`;
}

function unresolved(binding: BindingView): UnresolvedBinding {
  return {
    binding: { ...ref(binding), location: binding.resource.source.locate('/roleRef') },
    roleRef: { ...binding.roleRef },
    message: unresolvedMessage(binding),
  };
}

function ref(o: ObjectRef): ObjectRef {
  return { kind: o.kind, namespace: o.namespace, name: o.name };
}

function chain(grant: Grant): GrantChain {
  const { binding, role, rule } = grant;
  const { pointer, ...fields } = rule.rule;
  return {
    binding: { ...ref(binding), location: binding.resource.source.locate(grant.subjectPointer) },
    subjectPath: grant.subjectPointer,
    subject: grant.subject,
    role: role ? { ...ref(role), builtIn: role.builtIn } : null,
    ruleSource: { ...ref(rule.source), location: rule.source.resource.source.locate(pointer) },
    rule: { ...fields, path: pointer },
    namespace: grant.scope,
  };
}

function usedBy(graph: RbacGraph, subject: SubjectRef): string[] {
  if (subject.kind !== 'ServiceAccount' || subject.namespace === undefined) return [];
  return graph
    .workloadsUsing(subject.namespace, subject.name)
    .map((w) => `${w.kind} ${w.namespace ?? ''}/${w.name}`);
}

/** What the API server's built-in groups stand for. */
export function groupNote(name: string): string | undefined {
  if (name === 'system:authenticated') return 'every authenticated user';
  if (name === 'system:unauthenticated') return 'every anonymous request';
  if (name === 'system:serviceaccounts') return 'every service account';
  if (name.startsWith('system:serviceaccounts:'))
    return `every service account in namespace ${name.slice('system:serviceaccounts:'.length)}`;
  if (name === 'system:masters') return 'members bypass RBAC entirely';
  return undefined;
}

/**
 * Builds an access request from command-line words: `who-can VERB RESOURCE` with an optional namespace,
 * subresource and object name. A RESOURCE starting with `/` is a non-resource URL.
 */
export function parseAccessRequest(
  verb: string,
  resourceArg: string,
  options: { namespace?: string; subresource?: string; name?: string } = {},
): AccessRequest {
  if (verb === '') throw new UsageError('who-can: the verb is empty');
  if (resourceArg.startsWith('/')) return { type: 'nonResource', verb, path: resourceArg };
  const parsed = parseResourceArg(resourceArg);
  if (parsed.apiGroup === undefined)
    throw new UsageError(
      `who-can: unknown resource "${parsed.resource}": write it with its API group, as RESOURCE.GROUP (for example widgets.example.com), or core resources as RESOURCE.core`,
    );
  if (
    parsed.subresource !== undefined &&
    options.subresource !== undefined &&
    parsed.subresource !== options.subresource
  )
    throw new UsageError(
      `who-can: subresource given twice: ${resourceArg} and --subresource ${options.subresource}`,
    );
  const subresource = options.subresource ?? parsed.subresource;
  const clusterScoped = isClusterScoped(parsed.apiGroup, parsed.resource);
  return {
    type: 'resource',
    verb,
    apiGroup: parsed.apiGroup,
    resource: parsed.resource,
    ...(subresource !== undefined ? { subresource } : {}),
    ...(options.name !== undefined ? { name: options.name } : {}),
    namespace: clusterScoped ? null : (options.namespace ?? null),
  };
}

/**
 * Parses a subject: `User:alice`, `Group:devs`, `ServiceAccount:ns/name`, the service-account user name
 * `system:serviceaccount:ns:name`, or a bare user name.
 */
export function parseSubject(text: string): SubjectRef {
  const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(text);
  if (sa) return { kind: 'ServiceAccount', namespace: sa[1] as string, name: sa[2] as string };
  // `s`: a name may hold a line break, and `User:NAME` must still mean the user NAME.
  const m = /^(User|Group|ServiceAccount|user|group|serviceaccount|sa):(.+)$/s.exec(text);
  if (!m) {
    if (text === '') throw new UsageError('can: the subject is empty');
    return { kind: 'User', name: text };
  }
  const kind = (m[1] as string).toLowerCase();
  const rest = m[2] as string;
  if (kind === 'user') return { kind: 'User', name: rest };
  if (kind === 'group') return { kind: 'Group', name: rest };
  const slash = rest.indexOf('/');
  if (slash <= 0 || slash === rest.length - 1)
    throw new UsageError(`can: write a service account as ServiceAccount:NAMESPACE/NAME, not "${text}"`);
  return { kind: 'ServiceAccount', namespace: rest.slice(0, slash), name: rest.slice(slash + 1) };
}

/** Who can make a request, with every binding chain that allows it. */
export function whoCan(graph: RbacGraph, request: AccessRequest, anyNamespace = false): WhoCanReport {
  return {
    request,
    anyNamespace,
    subjects: graph.whoCan(request, anyNamespace).map(({ subject, grants }) => {
      const note = subject.kind === 'Group' ? groupNote(subject.name) : undefined;
      return {
        subject,
        usedBy: usedBy(graph, subject),
        ...(note !== undefined ? { note } : {}),
        grants: grants.map(chain),
      };
    }),
    unresolved: graph.unresolvedFor(request, anyNamespace).map(unresolved),
  };
}

/** Everything a subject can do (as a user with the groups the API server adds, or as a group). */
export function can(graph: RbacGraph, subject: SubjectRef, extraGroups: readonly string[] = []): CanReport {
  const identity = identityOf(subject, extraGroups);
  return {
    subject,
    identity,
    usedBy: usedBy(graph, subject),
    grants: graph.can(identity).map(chain),
    unresolved: graph.unresolvedForIdentity(identity).map(unresolved),
  };
}

function requestText(request: AccessRequest, anyNamespace: boolean): string {
  if (request.type === 'nonResource') return `${request.verb} ${request.path}`;
  const group = request.apiGroup === '' ? '' : `.${request.apiGroup}`;
  const sub = request.subresource ? `/${request.subresource}` : '';
  const name = request.name !== undefined ? ` named ${request.name}` : '';
  const where = isClusterScoped(request.apiGroup, request.resource)
    ? ' (cluster-scoped)'
    : anyNamespace
      ? ' in some namespace'
      : request.namespace === null
        ? ' in every namespace'
        : ` in namespace ${request.namespace}`;
  return `${request.verb} ${request.resource}${group}${sub}${name}${where}`;
}

function locationText(l: SourceLocation): string {
  return l.file.startsWith('cluster://') || l.file.startsWith(BUILTIN_FILE_PREFIX)
    ? l.file
    : `${l.file}:${l.line}`;
}

function chainText(c: GrantChain, withRule = true): string {
  const role = c.role
    ? `${formatObject(c.role)}${c.role.builtIn ? ' (Kubernetes default)' : ''}`
    : 'a role that is not in the input';
  const from =
    c.role && formatObject(c.role) !== formatObject(c.ruleSource)
      ? ` (aggregated from ${formatObject(c.ruleSource)})`
      : '';
  const rule: PolicyRule = { ...c.rule, pointer: c.rule.path };
  const what = withRule ? `: ${describeRule(rule)}` : '';
  return `${formatObject(c.binding)} [${locationText(c.binding.location)}] → ${role}${from} rule ${c.rule.path}${what}`;
}

function subjectLine(subject: SubjectRef, usedByList: readonly string[], note?: string): string {
  const extra = [
    ...(note !== undefined ? [note] : []),
    ...(usedByList.length > 0 ? [`used by ${usedByList.join(', ')}`] : []),
  ];
  return `${formatSubject(subject)}${extra.length > 0 ? ` (${extra.join('; ')})` : ''}`;
}

function unresolvedLines(list: readonly UnresolvedBinding[]): string[] {
  if (list.length === 0) return [];
  return [
    '',
    ...list.map(
      (u) => `Note: ${u.message} [${locationText(u.binding.location)}]; the answer may be incomplete.`,
    ),
  ];
}

/**
 * The text form of a who-can answer. Every line goes through {@link escapeText}: subjects, bindings, roles
 * and file names come from the input and must not break lines or drive the terminal.
 */
export function formatWhoCanText(report: WhoCanReport): string {
  const lines = [`Who can ${requestText(report.request, report.anyNamespace)}:`, ''];
  for (const s of report.subjects) {
    lines.push(subjectLine(s.subject, s.usedBy, s.note));
    for (const g of s.grants) lines.push(`  via ${chainText(g)}`);
  }
  if (report.subjects.length === 0) lines.push('No subject is granted this by RBAC.');
  for (const line of unresolvedLines(report.unresolved)) lines.push(line);
  lines.push(
    '',
    `${report.subjects.length} subject${report.subjects.length === 1 ? '' : 's'}. Members of the group system:masters can do everything without any RBAC grant.`,
  );
  return `${lines.map(escapeText).join('\n')}\n`;
}

/** The text form of a can answer, grouped by where each grant applies; lines escaped as in who-can. */
export function formatCanText(report: CanReport): string {
  const who =
    report.identity.user !== undefined
      ? `as user ${report.identity.user} in groups ${report.identity.groups.join(', ')}`
      : `as members of group ${report.identity.groups.join(', ')}`;
  const lines = [`${subjectLine(report.subject, report.usedBy)} ${who}:`];
  // Grouped in one pass, in order of first appearance: filtering the grants once per scope is quadratic.
  const scopes = new Map<string | null, GrantChain[]>();
  for (const g of report.grants) {
    const list = scopes.get(g.namespace);
    if (list) list.push(g);
    else scopes.set(g.namespace, [g]);
  }
  for (const [scope, grants] of scopes) {
    lines.push('', scope === null ? 'Cluster-wide and in every namespace:' : `In namespace ${scope}:`);
    for (const g of grants) {
      const rule: PolicyRule = { ...g.rule, pointer: g.rule.path };
      const via =
        formatSubject(g.subject) === formatSubject(report.subject) ? '' : ` as ${formatSubject(g.subject)}`;
      lines.push(`  ${describeRule(rule)}`, `    via ${chainText(g, false)}${via}`);
    }
  }
  if (report.grants.length === 0) lines.push('', 'No RBAC grant applies.');
  for (const line of unresolvedLines(report.unresolved)) lines.push(line);
  return `${lines.map(escapeText).join('\n')}\n`;
}
