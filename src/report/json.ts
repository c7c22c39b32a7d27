import type { Finding, ResourceSummary, ScanResult } from '../engine/result.js';
import type { Problem } from '../model/types.js';
import { summarize } from './common.js';
import { orderFindings, orderProblems, orderResources } from '../engine/order.js';
import { collectOutput, jsonAt, writeJsonArray, type ReportWriter } from './writer.js';

/**
 * kubeward's own JSON report (`--format json`), as specified in DESIGN.md:
 *
 * - `summary.findings` and `summary.bySeverity` count unsuppressed findings; `summary.suppressed` counts
 *   the others, which are still listed in `findings` with a `suppressed` member.
 * - `resources` are ordered by file, document index and line; `findings` by file, line, column and rule
 *   id (then resource, JSON pointer and fingerprint); `problems` by file, line, column, code and message.
 * - `container` and `suppressed` appear only when set; `namespace` is `null` when the object has none.
 * - Keys appear in a fixed order, objects are indented by 2 spaces, and the text ends with a newline, so
 *   the same result always gives the same bytes.
 */
export function formatJson(result: ScanResult): string {
  return collectOutput((out) => writeJson(result, out));
}

/**
 * Writes the {@link formatJson} report to `out` one resource, finding and problem at a time, so that its
 * size is not bounded by the longest string V8 can build. The bytes are those of `formatJson`.
 */
export function writeJson(result: ScanResult, out: ReportWriter): void {
  const summary = summarize(result);
  const tool = { name: result.tool.name, version: result.tool.version };
  const counts = {
    resources: summary.resources,
    findings: summary.findings,
    suppressed: summary.suppressed,
    problems: summary.problems,
    bySeverity: summary.bySeverity,
  };
  out.write(`{\n  "tool": ${jsonAt(tool, 1)},\n  "summary": ${jsonAt(counts, 1)},\n  "resources": `);
  writeJsonArray(out, orderResources(result.resources), 1, resourceJson);
  out.write(',\n  "findings": ');
  writeJsonArray(out, orderFindings(result.findings), 1, findingJson);
  out.write(',\n  "problems": ');
  writeJsonArray(out, orderProblems(result.problems), 1, problemJson);
  out.write('\n}\n');
}

// Each object is rebuilt member by member so that key order never depends on how the engine built it.
function resourceJson(r: ResourceSummary) {
  return {
    apiVersion: r.apiVersion,
    kind: r.kind,
    namespace: r.namespace,
    name: r.name,
    source: {
      file: r.source.file,
      docIndex: r.source.docIndex,
      line: r.source.line,
      column: r.source.column,
    },
    score: r.score,
  };
}

function findingJson(f: Finding) {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    title: f.title,
    message: f.message,
    resource: {
      apiVersion: f.resource.apiVersion,
      kind: f.resource.kind,
      namespace: f.resource.namespace,
      name: f.resource.name,
    },
    ...(f.container !== undefined ? { container: f.container } : {}),
    path: f.path,
    location: { file: f.location.file, line: f.location.line, column: f.location.column },
    remediation: f.remediation,
    refs: {
      cis: [...f.refs.cis],
      pss: [...f.refs.pss],
      nsa: [...f.refs.nsa],
      mitre: [...f.refs.mitre],
      kubesec: [...f.refs.kubesec],
    },
    fingerprint: f.fingerprint,
    ...(f.suppressed ? { suppressed: { by: f.suppressed.by, reason: f.suppressed.reason } } : {}),
  };
}

function problemJson(p: Problem) {
  return {
    code: p.code,
    level: p.level,
    message: p.message,
    location: { file: p.location.file, line: p.location.line, column: p.location.column },
  };
}
