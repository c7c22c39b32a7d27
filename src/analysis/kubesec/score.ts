import type { JsonObject, JsonValue } from '../../model/types.js';
import { getPath, goFormat, hasKindKey, KUBESEC_RULES, type KubesecRule } from './rules.js';

/**
 * One rule as listed in a kubesec report (kubesec's `RuleRef`). Serialised in the key order
 * `id, selector, reason, weight, href, points`; `weight` and `href` are omitted when empty, and kubesec's
 * built-in rules never set them.
 */
export interface KubesecRuleRef {
  id: string;
  selector: string;
  reason: string;
  points: number;
  weight?: number;
  href?: string;
}

/** The three lists of a kubesec report, each sorted the way kubesec sorts them. */
export interface KubesecScoring {
  /** Matched rules with negative points, most negative first. */
  critical: KubesecRuleRef[];
  /** Matched rules with positive points, highest first. */
  passed: KubesecRuleRef[];
  /** Unmatched rules with positive points, highest first. */
  advise: KubesecRuleRef[];
}

/**
 * kubesec v2's report for one document. {@link formatKubesec} serialises it byte for byte as kubesec
 * does: keys in the order declared here, `message` omitted when empty, empty scoring lists omitted.
 */
export interface KubesecReport {
  /** `Kind/name.namespace`, with `undefined` for a missing name, `default` for a missing namespace, and
   * `Unknown` alone when there is no kind. */
  object: string;
  /** Always true here: schema validation is not reproduced (see {@link kubesecReport}). */
  valid: boolean;
  fileName: string;
  message: string;
  /** Sum of the points of the matched rules; no cap and no floor. */
  score: number;
  scoring: KubesecScoring;
}

/** kubesec's message for a document none of whose rules apply. */
export const KUBESEC_NOT_SUPPORTED = 'This resource kind is not supported by kubesec';

/** kubesec's `object` label: `Kind/name.namespace`, Go `%v` of each value. */
export function kubesecObjectName(document: JsonValue): string {
  const kind = getPath(document, 'kind');
  if (kind === undefined || kind === null) return 'Unknown';
  const name = getPath(document, 'metadata.name');
  const namespace = getPath(document, 'metadata.namespace');
  const nameText = name === undefined || name === null ? 'undefined' : goFormat(name);
  const namespaceText = namespace === undefined || namespace === null ? 'default' : goFormat(namespace);
  return `${goFormat(kind)}/${nameText}.${namespaceText}`;
}

/** kubesec's priority order: by points (descending if either is positive, else ascending), then selector. */
function before(a: KubesecRuleRef, b: KubesecRuleRef): boolean {
  if (a.points !== b.points) {
    return a.points > 0 || b.points > 0 ? a.points > b.points : a.points < b.points;
  }
  return a.selector < b.selector;
}

function sortRefs(refs: KubesecRuleRef[]): KubesecRuleRef[] {
  return refs.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
}

// One frozen ref per rule, shared by every report that lists it (a scan keeps one report per document).
const REFS = new WeakMap<KubesecRule, KubesecRuleRef>();

function refOf(rule: KubesecRule): KubesecRuleRef {
  let ref = REFS.get(rule);
  if (!ref) {
    ref = Object.freeze({ id: rule.id, selector: rule.selector, reason: rule.reason, points: rule.points });
    REFS.set(rule, ref);
  }
  return ref;
}

/**
 * Scores one decoded document exactly as kubesec v2's ruler does and returns kubesec's report for it.
 *
 * - A rule runs only when the document's `kind` is one of the rule's kinds. A document with a string
 *   `kind` that no rule covers (Service, ConfigMap, …) gets score 0 and
 *   {@link KUBESEC_NOT_SUPPORTED}.
 * - A matched rule adds its points: positive ones go to `passed`, negative ones to `critical`. An
 *   unmatched positive rule goes to `advise`; an unmatched negative rule is not listed.
 * - A value without a readable `kind` key (a non-object, or an object without `kind`, e.g. `null` from a
 *   comment-only document) takes kubesec's error path: every rule is recorded as applied with no match, so
 *   the report is `Unknown`, score 0, with all positive rules under `advise`.
 *
 * Schema validation is out of scope: every document is treated as valid (`valid: true`), as kubesec does
 * with validation disabled. With validation on, kubesec instead reports `valid: false` and kubeconform's
 * error text for documents that fail the Kubernetes JSON schema (missing `apiVersion`/`kind`, unknown
 * fields, kinds without a schema such as CRDs). Textually empty documents are skipped by kubesec and must
 * not be passed here.
 *
 * @param document - the decoded YAML/JSON document, as the loader produced it
 * @param fileName - the `fileName` kubesec prints: the path as given, or `STDIN`
 */
export function kubesecReport(document: JsonValue, fileName: string): KubesecReport {
  const report: KubesecReport = {
    object: kubesecObjectName(document),
    valid: true,
    fileName,
    message: '',
    score: 0,
    scoring: { critical: [], passed: [], advise: [] },
  };
  const kindReadable = hasKindKey(document);
  const kind = getPath(document, 'kind');
  let applied = 0;
  for (const rule of KUBESEC_RULES) {
    let matches = 0;
    if (kindReadable) {
      if (typeof kind !== 'string' || !rule.kinds.includes(kind)) continue;
      matches = rule.count(document);
    }
    applied++;
    if (matches > 0) {
      report.score += rule.points;
      (rule.points >= 0 ? report.scoring.passed : report.scoring.critical).push(refOf(rule));
    } else if (rule.points >= 0) {
      report.scoring.advise.push(refOf(rule));
    }
  }
  if (applied === 0) report.message = KUBESEC_NOT_SUPPORTED;
  else if (report.score >= 0) report.message = `Passed with a score of ${report.score} points`;
  else report.message = `Failed with a score of ${report.score} points`;
  sortRefs(report.scoring.critical);
  sortRefs(report.scoring.passed);
  sortRefs(report.scoring.advise);
  return report;
}

/**
 * kubesec v2's points score of one object (see {@link kubesecReport}); 0 for kinds kubesec does not
 * score.
 */
export function kubesecScore(object: JsonObject): number {
  return kubesecReport(object, '').score;
}
