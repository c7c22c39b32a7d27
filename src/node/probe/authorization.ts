import type { JsonValue } from '../../model/types.js';
import type { AuthorizationFacts, AuthorizerFacts } from '../facts.js';

const API_VERSIONS = [
  'apiserver.config.k8s.io/v1',
  'apiserver.config.k8s.io/v1beta1',
  'apiserver.config.k8s.io/v1alpha1',
];
const TYPES = ['Node', 'RBAC', 'Webhook', 'AlwaysAllow', 'AlwaysDeny', 'ABAC'];
const FAILURE_POLICIES = ['NoOpinion', 'Deny'];

/**
 * Reads the authorizer chain of a decoded `AuthorizationConfiguration` (structured authorization,
 * `--authorization-config`). A document the API server would refuse to start with (wrong kind, no
 * authorizers, an unknown type, a webhook without a valid `failurePolicy`, a repeated non-webhook type or
 * name) gives an `error` instead of authorizers, so that no verdict rests on a chain that cannot run.
 */
export function parseAuthorizationConfig(doc: JsonValue, path: string): AuthorizationFacts {
  const invalid = (why: string): AuthorizationFacts => ({ path, error: `${path}: ${why}` });
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return invalid('not a mapping');
  if (doc.kind !== 'AuthorizationConfiguration')
    return invalid(`kind is ${JSON.stringify(doc.kind ?? null)}, expected AuthorizationConfiguration`);
  if (typeof doc.apiVersion !== 'string' || !API_VERSIONS.includes(doc.apiVersion))
    return invalid(
      `apiVersion is ${JSON.stringify(doc.apiVersion ?? null)}, expected one of ${API_VERSIONS.join(', ')}`,
    );
  const list = doc.authorizers;
  if (!Array.isArray(list) || list.length === 0) return invalid('authorizers: expected a non-empty list');
  const authorizers: AuthorizerFacts[] = [];
  const names = new Set<string>();
  const types = new Set<string>();
  for (const [i, item] of list.entries()) {
    const at = `authorizers[${i}]`;
    if (item === null || typeof item !== 'object' || Array.isArray(item))
      return invalid(`${at}: not a mapping`);
    const type = item.type;
    if (typeof type !== 'string' || !TYPES.includes(type))
      return invalid(`${at}.type: expected one of ${TYPES.join(', ')}`);
    const name = item.name;
    if (typeof name !== 'string' || name === '') return invalid(`${at}.name: required`);
    if (names.has(name)) return invalid(`${at}.name: "${name}" is used twice`);
    names.add(name);
    // Only webhooks may be repeated in the chain.
    if (type !== 'Webhook' && types.has(type)) return invalid(`${at}.type: ${type} is listed twice`);
    types.add(type);
    const entry: AuthorizerFacts = { type, name };
    if (type === 'Webhook') {
      const webhook = item.webhook;
      const policy =
        webhook !== null && typeof webhook === 'object' && !Array.isArray(webhook)
          ? webhook.failurePolicy
          : undefined;
      if (typeof policy !== 'string' || !FAILURE_POLICIES.includes(policy))
        return invalid(`${at}.webhook.failurePolicy: expected NoOpinion or Deny`);
      entry.failurePolicy = policy;
    }
    authorizers.push(entry);
  }
  return { path, authorizers };
}
