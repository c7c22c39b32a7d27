import { createHash } from 'node:crypto';
import type { ResourceRef } from '../model/types.js';
import { apiGroup } from '../model/workload.js';

/**
 * A stable identity for a finding: rule, resource (group, kind, namespace, name) and JSON pointer. The
 * message and the API version are left out so that rewording a message or moving from `v1beta1` to `v1`
 * keeps baselines valid.
 */
export function fingerprint(ruleId: string, resource: ResourceRef, path: string): string {
  const key = [
    ruleId,
    apiGroup(resource.apiVersion),
    resource.kind,
    resource.namespace ?? '',
    resource.name,
    path,
  ].join('\u0000');
  // The first 16 bytes as 32 hex digits, built as a string of its own (a slice of the full digest would keep
  // the 64-digit string alive for every finding).
  return createHash('sha256').update(key).digest().toString('hex', 0, 16);
}
