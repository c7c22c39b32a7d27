import { asArray, asObject, joinPointer } from '../../model/json.js';
import type { JsonValue } from '../../model/types.js';

/** One rule of a Role or ClusterRole, with the JSON pointer it was read from. */
export interface PolicyRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
  /** JSON pointer of the rule inside its role (`/rules/2`). */
  pointer: string;
}

/**
 * A request as the RBAC authorizer sees it. Either a resource request (verb, group, resource, optional
 * subresource and name, namespace or null for cluster scope) or a non-resource request (verb and path).
 */
export type AccessRequest =
  | {
      type: 'resource';
      verb: string;
      apiGroup: string;
      resource: string;
      subresource?: string;
      /** The object's name; unset for requests about no object in particular (list, create, …). */
      name?: string;
      /** The namespace; null for cluster-scoped resources and for requests across all namespaces. */
      namespace: string | null;
    }
  | { type: 'nonResource'; verb: string; path: string };

function strings(value: JsonValue | undefined): string[] {
  return asArray(value).filter((v): v is string => typeof v === 'string');
}

/** Reads the `rules` list of a Role or ClusterRole object; malformed entries are skipped. */
export function readRules(rules: JsonValue | undefined, base = '/rules'): PolicyRule[] {
  const out: PolicyRule[] = [];
  asArray(rules).forEach((raw, index) => {
    const rule = asObject(raw);
    if (!rule) return;
    out.push({
      verbs: strings(rule.verbs),
      apiGroups: strings(rule.apiGroups),
      resources: strings(rule.resources),
      resourceNames: strings(rule.resourceNames),
      nonResourceURLs: strings(rule.nonResourceURLs),
      pointer: joinPointer(base, index),
    });
  });
  return out;
}

// The matching below follows the RBAC authorizer (kubernetes/kubernetes
// pkg/apis/rbac/v1/evaluation_helpers.go): `*` is the only wildcard for verbs, groups and resources; a
// resource `*` also covers every subresource, while `*/sub` covers one subresource of every resource; an
// empty resourceNames list covers every name, a non-empty one only requests for those names; a
// non-resource URL ending in `*` is a prefix.

function verbMatches(rule: PolicyRule, verb: string): boolean {
  return rule.verbs.some((v) => v === '*' || v === verb);
}

function groupMatches(rule: PolicyRule, group: string): boolean {
  return rule.apiGroups.some((g) => g === '*' || g === group);
}

function resourceMatches(rule: PolicyRule, resource: string, subresource: string | undefined): boolean {
  const combined = subresource ? `${resource}/${subresource}` : resource;
  return rule.resources.some(
    (r) =>
      r === '*' ||
      r === combined ||
      (subresource !== undefined && subresource !== '' && r === `*/${subresource}`),
  );
}

function nameMatches(rule: PolicyRule, name: string | undefined): boolean {
  if (rule.resourceNames.length === 0) return true;
  return name !== undefined && rule.resourceNames.includes(name);
}

function urlMatches(rule: PolicyRule, path: string): boolean {
  return rule.nonResourceURLs.some(
    (u) => u === '*' || u === path || (u.endsWith('*') && path.startsWith(u.replace(/\*+$/, ''))),
  );
}

/** Whether one policy rule allows a request, exactly as the RBAC authorizer decides it. */
export function ruleAllows(rule: PolicyRule, request: AccessRequest): boolean {
  if (request.type === 'nonResource')
    return verbMatches(rule, request.verb) && urlMatches(rule, request.path);
  return (
    verbMatches(rule, request.verb) &&
    groupMatches(rule, request.apiGroup) &&
    resourceMatches(rule, request.resource, request.subresource) &&
    nameMatches(rule, request.name)
  );
}

/** Whether a rule uses `*` in its verbs, API groups, resources or non-resource URLs. */
export function wildcardFields(
  rule: PolicyRule,
): ('verbs' | 'apiGroups' | 'resources' | 'nonResourceURLs')[] {
  const fields: ('verbs' | 'apiGroups' | 'resources' | 'nonResourceURLs')[] = [];
  if (rule.verbs.includes('*')) fields.push('verbs');
  if (rule.apiGroups.includes('*')) fields.push('apiGroups');
  if (rule.resources.some((r) => r === '*' || r.startsWith('*/'))) fields.push('resources');
  if (rule.nonResourceURLs.includes('*')) fields.push('nonResourceURLs');
  return fields;
}

/** A short human description of a rule: `verbs get,list on secrets` or `verbs get on /healthz`. */
export function describeRule(rule: PolicyRule): string {
  const parts = [`verbs ${rule.verbs.join(',') || '(none)'}`];
  if (rule.resources.length > 0) {
    const groups = rule.apiGroups.map((g) => (g === '' ? 'core' : g)).join(',');
    parts.push(`on ${rule.resources.join(',')} (${groups || 'no API group'})`);
    if (rule.resourceNames.length > 0) parts.push(`named ${rule.resourceNames.join(',')}`);
  }
  if (rule.nonResourceURLs.length > 0) parts.push(`on ${rule.nonResourceURLs.join(',')}`);
  return parts.join(' ');
}

/**
 * Resources that exist only at cluster scope (no namespace), by API group. A RoleBinding never grants
 * them, because the authorizer sees requests for them without a namespace.
 */
const CLUSTER_SCOPED: Readonly<Record<string, readonly string[]>> = {
  '': ['nodes', 'namespaces', 'persistentvolumes', 'componentstatuses'],
  'rbac.authorization.k8s.io': ['clusterroles', 'clusterrolebindings'],
  'certificates.k8s.io': ['certificatesigningrequests', 'clustertrustbundles', 'signers'],
  'admissionregistration.k8s.io': [
    'mutatingwebhookconfigurations',
    'validatingwebhookconfigurations',
    'validatingadmissionpolicies',
    'validatingadmissionpolicybindings',
    'mutatingadmissionpolicies',
    'mutatingadmissionpolicybindings',
  ],
  'apiextensions.k8s.io': ['customresourcedefinitions'],
  'apiregistration.k8s.io': ['apiservices'],
  'storage.k8s.io': [
    'storageclasses',
    'csidrivers',
    'csinodes',
    'volumeattachments',
    'volumeattributesclasses',
  ],
  'scheduling.k8s.io': ['priorityclasses'],
  'node.k8s.io': ['runtimeclasses'],
  'networking.k8s.io': ['ingressclasses', 'ipaddresses', 'servicecidrs'],
  'authentication.k8s.io': ['tokenreviews', 'selfsubjectreviews'],
  'authorization.k8s.io': ['subjectaccessreviews', 'selfsubjectaccessreviews', 'selfsubjectrulesreviews'],
  'flowcontrol.apiserver.k8s.io': ['flowschemas', 'prioritylevelconfigurations'],
};

/** Whether a resource of a group exists only at cluster scope. */
export function isClusterScoped(apiGroup: string, resource: string): boolean {
  // Impersonation targets: users and groups (core group), uids and userextras (authentication.k8s.io) are
  // checked at cluster scope; serviceaccounts is namespaced.
  if (apiGroup === '' && (resource === 'users' || resource === 'groups')) return true;
  if (apiGroup === 'authentication.k8s.io' && (resource === 'uids' || resource === 'userextras')) return true;
  return CLUSTER_SCOPED[apiGroup]?.includes(resource) ?? false;
}

/** API groups of the resources people usually ask about, so `who-can create deployments` needs no group. */
const KNOWN_GROUPS: Readonly<Record<string, string>> = {
  pods: '',
  services: '',
  secrets: '',
  configmaps: '',
  serviceaccounts: '',
  nodes: '',
  namespaces: '',
  persistentvolumes: '',
  persistentvolumeclaims: '',
  endpoints: '',
  events: '',
  replicationcontrollers: '',
  podtemplates: '',
  limitranges: '',
  resourcequotas: '',
  users: '',
  groups: '',
  uids: 'authentication.k8s.io',
  deployments: 'apps',
  replicasets: 'apps',
  statefulsets: 'apps',
  daemonsets: 'apps',
  controllerrevisions: 'apps',
  jobs: 'batch',
  cronjobs: 'batch',
  roles: 'rbac.authorization.k8s.io',
  rolebindings: 'rbac.authorization.k8s.io',
  clusterroles: 'rbac.authorization.k8s.io',
  clusterrolebindings: 'rbac.authorization.k8s.io',
  networkpolicies: 'networking.k8s.io',
  ingresses: 'networking.k8s.io',
  ingressclasses: 'networking.k8s.io',
  certificatesigningrequests: 'certificates.k8s.io',
  signers: 'certificates.k8s.io',
  mutatingwebhookconfigurations: 'admissionregistration.k8s.io',
  validatingwebhookconfigurations: 'admissionregistration.k8s.io',
  validatingadmissionpolicies: 'admissionregistration.k8s.io',
  validatingadmissionpolicybindings: 'admissionregistration.k8s.io',
  customresourcedefinitions: 'apiextensions.k8s.io',
  apiservices: 'apiregistration.k8s.io',
  storageclasses: 'storage.k8s.io',
  csidrivers: 'storage.k8s.io',
  volumeattachments: 'storage.k8s.io',
  priorityclasses: 'scheduling.k8s.io',
  runtimeclasses: 'node.k8s.io',
  poddisruptionbudgets: 'policy',
  horizontalpodautoscalers: 'autoscaling',
  leases: 'coordination.k8s.io',
  userextras: 'authentication.k8s.io',
  tokenreviews: 'authentication.k8s.io',
  subjectaccessreviews: 'authorization.k8s.io',
};

/**
 * Splits a resource as typed on the command line (`pods`, `pods/exec`, `deployments.apps`,
 * `widgets.example.com/status`) into resource, subresource and API group. Returns the group as undefined
 * when it is neither written nor one of the well-known resources.
 */
export function parseResourceArg(text: string): {
  resource: string;
  subresource?: string;
  apiGroup?: string;
} {
  const slash = text.indexOf('/');
  const head = slash === -1 ? text : text.slice(0, slash);
  const subresource = slash === -1 ? undefined : text.slice(slash + 1);
  const dot = head.indexOf('.');
  const resource = (dot === -1 ? head : head.slice(0, dot)).toLowerCase();
  const written = dot === -1 ? undefined : head.slice(dot + 1);
  const apiGroup = written ?? (resource === '*' ? '*' : KNOWN_GROUPS[resource]);
  return {
    resource,
    ...(subresource !== undefined && subresource !== '' ? { subresource } : {}),
    ...(apiGroup !== undefined ? { apiGroup: apiGroup === 'core' ? '' : apiGroup } : {}),
  };
}
