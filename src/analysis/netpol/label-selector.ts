import { asArray, asObject, isObject } from '../../model/json.js';
import type { JsonValue } from '../../model/types.js';

/** Labels of an object. */
export type Labels = Readonly<Record<string, string>>;

/**
 * The value of label `key`, or undefined. Own properties only: a plain `labels[key]` finds
 * `Object.prototype` members, so a selector on a label named `constructor` or `toString` would match
 * every endpoint.
 */
export function labelValue(labels: Labels, key: string): string | undefined {
  return Object.hasOwn(labels, key) ? labels[key] : undefined;
}

/** A compiled Kubernetes LabelSelector. */
export interface LabelSelector {
  /** True when the selector is `{}` (selects everything). */
  readonly empty: boolean;
  matches(labels: Labels): boolean;
  /** Canonical text (for display and for deduplicating identical selectors). */
  readonly text: string;
}

/** An invalid selector, with the JSON pointer of the offending field. */
export interface SelectorError {
  pointer: string;
  message: string;
}

type Requirement = { key: string; op: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values: string[] };

/**
 * Compiles a `metav1.LabelSelector` (`matchLabels` AND `matchExpressions`). `NotIn` and `DoesNotExist` also
 * match objects that lack the key, as in the API server. An invalid selector is reported and matches
 * nothing, so a broken policy never opens traffic.
 */
export function compileLabelSelector(
  value: JsonValue | undefined,
  pointer: string,
  errors: SelectorError[],
): LabelSelector {
  const object = asObject(value) ?? {};
  const requirements: Requirement[] = [];
  let invalid = false;
  const matchLabels = object.matchLabels;
  if (matchLabels !== undefined && matchLabels !== null) {
    if (!isObject(matchLabels)) {
      errors.push({ pointer: `${pointer}/matchLabels`, message: 'matchLabels must be a map of strings' });
      invalid = true;
    } else {
      for (const [key, v] of Object.entries(matchLabels)) {
        requirements.push({ key, op: 'In', values: [String(v)] });
      }
    }
  }
  asArray(object.matchExpressions).forEach((raw, i) => {
    const expr = asObject(raw);
    const at = `${pointer}/matchExpressions/${i}`;
    const key = typeof expr?.key === 'string' ? expr.key : undefined;
    const op = expr?.operator;
    const values = asArray(expr?.values).map(String);
    if (!key) {
      errors.push({ pointer: at, message: 'matchExpressions entry has no key' });
      invalid = true;
      return;
    }
    if (op === 'In' || op === 'NotIn') {
      if (values.length === 0) {
        errors.push({ pointer: at, message: `operator ${op} needs at least one value` });
        invalid = true;
        return;
      }
      requirements.push({ key, op, values });
    } else if (op === 'Exists' || op === 'DoesNotExist') {
      if (values.length > 0) {
        errors.push({ pointer: at, message: `operator ${op} takes no values` });
        invalid = true;
        return;
      }
      requirements.push({ key, op, values: [] });
    } else {
      errors.push({
        pointer: `${at}/operator`,
        message: `unknown operator ${JSON.stringify(op ?? null)} (expected In, NotIn, Exists or DoesNotExist)`,
      });
      invalid = true;
    }
  });
  const text = invalid
    ? '<invalid>'
    : requirements
        .map((r) =>
          r.op === 'Exists'
            ? r.key
            : r.op === 'DoesNotExist'
              ? `!${r.key}`
              : r.op === 'In' && r.values.length === 1
                ? `${r.key}=${r.values[0]}`
                : `${r.key} ${r.op === 'In' ? 'in' : 'notin'} (${[...r.values].sort().join(',')})`,
        )
        .sort()
        .join(',');
  return {
    empty: !invalid && requirements.length === 0,
    text,
    matches: (labels) =>
      !invalid &&
      requirements.every((r) => {
        const v = labelValue(labels, r.key);
        switch (r.op) {
          case 'In':
            return v !== undefined && r.values.includes(v);
          case 'NotIn':
            return v === undefined || !r.values.includes(v);
          case 'Exists':
            return v !== undefined;
          case 'DoesNotExist':
            return v === undefined;
        }
      }),
  };
}

/** The labels of an object's metadata as strings (non-string values are stringified as the API would reject). */
export function labelsOf(metadata: JsonValue | undefined): Record<string, string> {
  const labels = asObject(asObject(metadata)?.labels) ?? {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) if (v !== null && typeof v !== 'object') out[k] = String(v);
  return out;
}
