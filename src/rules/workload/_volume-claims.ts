// Iteration shared by the StatefulSet claim template rules. The leading underscore keeps this file out of the
// rule registry.
import { asArray, asObject, joinPointer } from '../../model/json.js';
import type { JsonObject, Resource } from '../../model/types.js';
import { apiGroup } from '../../model/workload.js';

/** One entry of a StatefulSet's `spec.volumeClaimTemplates`. */
export interface ClaimTemplate {
  /** Pointer of the entry. */
  pointer: string;
  /** The template's `metadata.name`, or `#<index>` when it has none. */
  claim: string;
  /** The template's `spec`, when it is an object. */
  spec: JsonObject | undefined;
}

/**
 * Every claim template of an `apps` StatefulSet that is an object, in order; nothing for other API groups.
 *
 * @param resource - the StatefulSet
 */
export function claimTemplates(resource: Resource): ClaimTemplate[] {
  if (apiGroup(resource.apiVersion) !== 'apps') return [];
  const spec = asObject(resource.object.spec);
  return asArray(spec?.volumeClaimTemplates).flatMap((raw, index) => {
    const template = asObject(raw);
    if (!template) return [];
    const name = asObject(template.metadata)?.name;
    return [
      {
        pointer: joinPointer('/spec/volumeClaimTemplates', index),
        claim: typeof name === 'string' ? name : `#${index}`,
        spec: asObject(template.spec),
      },
    ];
  });
}
