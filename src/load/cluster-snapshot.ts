import { boolYaml11Tag, CORE_SCHEMA, dump, intYaml11Tag, mergeTag } from 'js-yaml';
import type { JsonObject, Problem, Resource } from '../model/types.js';
import { CLUSTER_KINDS } from './cluster.js';
import { compare } from '../model/compare.js';

// The loader reads YAML as Kubernetes does (YAML 1.1 booleans and octal integers); dumping with the same tags
// makes js-yaml quote strings such as "yes" or "0644" that would otherwise come back as a boolean or number.
const SCHEMA = CORE_SCHEMA.withTags(intYaml11Tag, boolYaml11Tag, mergeTag);

/** The text that replaces every Secret value in a snapshot. */
export const MASKED_VALUE = '*** masked by kubeward ***';

/**
 * A copy of an object with the values of a Secret's `data` and `stringData` replaced by {@link MASKED_VALUE}
 * (the keys stay, so rules can still see which keys exist). A snapshot is an output, and no output may
 * carry a secret value.
 */
export function maskSecretValues(object: JsonObject): JsonObject {
  if (object.kind !== 'Secret') return object;
  const masked: JsonObject = { ...object };
  for (const field of ['data', 'stringData']) {
    const values = object[field];
    if (values !== null && typeof values === 'object' && !Array.isArray(values)) {
      masked[field] = Object.fromEntries(Object.keys(values).map((k) => [k, MASKED_VALUE]));
    }
  }
  return masked;
}

/**
 * Writes listed cluster objects as one multi-document YAML text that `kubeward scan` reads back into the same
 * resources: sorted by kind (in listing order), namespace and name, without timestamps, so two snapshots of an
 * unchanged cluster are byte-identical. Problems met while listing are kept as comments at the top, so that a
 * partial snapshot says what it lacks.
 */
export function snapshotYaml(
  context: string,
  resources: readonly Resource[],
  problems: readonly Problem[],
): string {
  const order = new Map(CLUSTER_KINDS.map((k, i) => [k.kind, i]));
  const sorted = [...resources].sort(
    (a, b) =>
      (order.get(a.kind) ?? order.size) - (order.get(b.kind) ?? order.size) ||
      compare(a.kind, b.kind) ||
      compare(a.namespace ?? '', b.namespace ?? '') ||
      compare(a.name, b.name),
  );
  const header = [
    `# kubeward cluster snapshot of context ${JSON.stringify(context)}: ${sorted.length} objects`,
  ];
  for (const p of [...problems].sort(
    (a, b) => compare(a.location.file, b.location.file) || compare(a.message, b.message),
  ))
    header.push(`# ${p.level}: ${p.location.file}: ${p.message.replace(/\s*\n\s*/g, ' ')}`);
  const docs = sorted.map((r) =>
    dump(maskSecretValues(r.object), { schema: SCHEMA, lineWidth: -1, noRefs: true }).trimEnd(),
  );
  return `${header.join('\n')}\n${docs.map((d) => `---\n${d}\n`).join('')}`;
}
