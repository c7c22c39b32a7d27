import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import type { Location, Log, Notification, ReportingDescriptor, Result, Run, Suppression } from 'sarif';
import type { Finding, RuleInfo, ScanResult } from '../engine/result.js';
import type { RuleRefs } from '../engine/rule.js';
import type { Problem, Severity, SourceLocation } from '../model/types.js';
import { describeResource, wellFormed } from './common.js';
import { orderFindings, orderProblems, orderRules } from '../engine/order.js';
import { collectOutput, jsonAt, writeJsonArray, type ReportWriter } from './writer.js';

/** Where kubeward is documented; SARIF viewers link the tool name to it. */
export const INFORMATION_URI = 'https://github.com/kubeward/kubeward';

/** The published location of the SARIF 2.1.0 schema (errata 01), written as the log's `$schema`. */
export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/**
 * Key of the fingerprint in `result.partialFingerprints`; bump the suffix if its inputs change. v2 adds the
 * file to the finding's own fingerprint (rule, resource, pointer): the same object can sit in several files
 * (a base and its rendered release), and code-scanning services must not merge those alerts.
 */
export const FINGERPRINT_KEY = 'kubeward/v2';

function sarifFingerprint(f: Finding): string {
  // The normalised URI, not the path as typed: `./a.yaml` and `a.yaml` are the same artifact.
  const uri = locationOf(f.location.file).uri;
  return createHash('sha256').update(`${f.fingerprint}\u0000${uri}`).digest('hex').slice(0, 32);
}

/** SARIF result level used by kubeward. */
export type SarifLevel = 'error' | 'warning' | 'note';

/** SARIF `level` of a severity: critical/high → error, medium → warning, low/info → note. */
export function sarifLevel(severity: Severity): SarifLevel {
  switch (severity) {
    case 'critical':
    case 'high':
      return 'error';
    case 'medium':
      return 'warning';
    default:
      return 'note';
  }
}

/**
 * GitHub code scanning's `security-severity` score of a severity. GitHub reads scores above 9.0 as
 * critical, 7.0–8.9 as high, 4.0–6.9 as medium and up to 3.9 as low; each severity gets a score inside
 * its band. `info` gets none, so informational rules are not shown as security alerts. The score is
 * written as a decimal string, the form GitHub's own tools emit.
 */
export function securitySeverity(severity: Severity): string | undefined {
  switch (severity) {
    case 'critical':
      return '9.5';
    case 'high':
      return '8.0';
    case 'medium':
      return '5.5';
    case 'low':
      return '2.0';
    default:
      return undefined;
  }
}

/**
 * SARIF 2.1.0 log of a scan, for GitHub code scanning and other SARIF viewers.
 *
 * - `tool.driver.rules` lists every rule that ran (sorted by id), with its effective severity as
 *   `defaultConfiguration.level`, and `properties.tags` / `properties["security-severity"]` for GitHub.
 * - One result per finding, in report order (file, line, column, rule id). Suppressed findings are kept,
 *   with `suppressions`: `external` for config exemptions and `inSource` for annotations.
 * - Relative file paths become URIs under `%SRCROOT%` with forward slashes and percent-encoding; absolute
 *   paths become `file://` URIs. Columns count UTF-16 code units (`columnKind`).
 * - Input problems become `invocations[0].toolExecutionNotifications`; `executionSuccessful` is false when
 *   any problem is an error.
 */
export function formatSarif(result: ScanResult): string {
  return collectOutput((out) => writeSarif(result, out));
}

/**
 * Writes the {@link formatSarif} log to `out` one result and one notification at a time (a log of many
 * findings can be larger than the longest string V8 can build). The bytes are those of `formatSarif`:
 * `JSON.stringify(log, null, 2)` and a newline.
 */
export function writeSarif(result: ScanResult, out: ReportWriter): void {
  const findings = orderFindings(result.findings);
  const problems = orderProblems(result.problems);

  const rules = orderRules(withMissingRules(result.rules, findings));
  const ruleIndex = new Map(rules.map((rule, i) => [rule.id, i]));
  const problemCodes = [...new Set(problems.map((p) => p.code))].sort();
  const codeIndex = new Map(problemCodes.map((code, i) => [code, i]));

  const log: Pick<Log, '$schema' | 'version'> = { $schema: SARIF_SCHEMA_URI, version: '2.1.0' };
  const tool: Run['tool'] = {
    driver: {
      name: result.tool.name,
      version: result.tool.version,
      informationUri: INFORMATION_URI,
      rules: rules.map(reportingDescriptor),
      ...(problemCodes.length > 0 ? { notifications: problemCodes.map((id) => ({ id })) } : {}),
    },
  };
  const executionSuccessful = !problems.some((p) => p.level === 'error');
  // The layout of JSON.stringify(log, null, 2), with the two lists that grow with the input written item by
  // item: runs[0] is at depth 2, its members at 3, invocations[0]'s members at 5.
  out.write(
    `{\n  "$schema": ${JSON.stringify(log.$schema)},\n  "version": ${JSON.stringify(log.version)},\n`,
  );
  out.write(`  "runs": [\n    {\n      "tool": ${jsonAt(tool, 3)},\n`);
  out.write(`      "invocations": [\n        {\n          "executionSuccessful": ${executionSuccessful},\n`);
  out.write('          "toolExecutionNotifications": ');
  writeJsonArray(out, problems, 5, (p): Notification => notification(p, codeIndex.get(p.code) ?? -1));
  out.write('\n        }\n      ],\n      "columnKind": "utf16CodeUnits",\n      "results": ');
  writeJsonArray(out, findings, 3, (f): Result => sarifResult(f, ruleIndex.get(f.ruleId) ?? -1));
  out.write('\n    }\n  ]\n}\n');
}

// A finding whose rule is not in `rules` (a hand-built or filtered result) still needs a descriptor for
// `ruleIndex` to point at; it is built from what the finding carries.
function withMissingRules(rules: readonly RuleInfo[], findings: readonly Finding[]): RuleInfo[] {
  const all = [...rules];
  const known = new Set(rules.map((r) => r.id));
  for (const f of findings) {
    if (known.has(f.ruleId)) continue;
    known.add(f.ruleId);
    all.push({
      id: f.ruleId,
      title: f.title,
      description: f.title,
      remediation: f.remediation,
      severity: f.severity,
      refs: f.refs,
      helpUri: `${INFORMATION_URI}/blob/main/docs/rules/${f.ruleId}.md`,
    });
  }
  return all;
}

function reportingDescriptor(rule: RuleInfo): ReportingDescriptor {
  const score = securitySeverity(rule.severity);
  const references = referenceList(rule.refs);
  const referencesText = references.length > 0 ? `\n\nReferences: ${references.join(', ')}.` : '';
  return {
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description },
    help: {
      text: `${rule.description}\n\nRemediation: ${rule.remediation}${referencesText}\n\nDocumentation: ${rule.helpUri}`,
      markdown: `${rule.description}\n\n**Remediation:** ${rule.remediation}${referencesText.replace('References:', '**References:**')}\n\n[Documentation](${rule.helpUri})`,
    },
    helpUri: rule.helpUri,
    defaultConfiguration: { level: sarifLevel(rule.severity) },
    properties: {
      tags: ruleTags(rule.refs),
      ...(score !== undefined ? { 'security-severity': score } : {}),
    },
  };
}

/** SARIF `name` of a rule: its id in PascalCase (`workload/run-as-root` → `WorkloadRunAsRoot`). */
export function ruleName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

const REF_LABELS: Record<keyof RuleRefs, string> = {
  cis: 'CIS',
  pss: 'PSS',
  nsa: 'NSA',
  mitre: 'MITRE ATT&CK',
  kubesec: 'kubesec',
};

function referenceList(refs: Required<RuleRefs>): string[] {
  return (Object.keys(REF_LABELS) as (keyof RuleRefs)[]).flatMap((k) =>
    refs[k].map((id) => `${REF_LABELS[k]} ${id}`),
  );
}

// GitHub shows `security-severity` only for rules tagged `security`; the framework refs become tags such
// as `cis:5.2.2` so that alerts can be filtered by framework.
function ruleTags(refs: Required<RuleRefs>): string[] {
  const tags = ['security', 'kubernetes'];
  for (const k of Object.keys(REF_LABELS) as (keyof RuleRefs)[]) {
    for (const id of refs[k]) tags.push(`${k}:${id}`);
  }
  return [...new Set(tags)];
}

function sarifResult(f: Finding, ruleIndex: number): Result {
  const location: Location = {
    ...physicalLocation(f.location),
    logicalLocations: [
      {
        kind: 'resource',
        name: f.resource.name,
        fullyQualifiedName: [f.resource.kind, f.resource.namespace, f.resource.name]
          .filter((part) => part !== null)
          .join('/'),
      },
    ],
  };
  return {
    ruleId: f.ruleId,
    ruleIndex,
    level: sarifLevel(f.severity),
    message: { text: `${describeResource(f.resource)}: ${f.message}` },
    locations: [location],
    partialFingerprints: { [FINGERPRINT_KEY]: sarifFingerprint(f) },
    ...(f.suppressed ? { suppressions: [suppression(f.suppressed)] } : {}),
    properties: {
      severity: f.severity,
      path: f.path,
      ...(f.container !== undefined ? { container: f.container } : {}),
    },
  };
}

function suppression(s: NonNullable<Finding['suppressed']>): Suppression {
  return {
    kind: s.by === 'annotation' ? 'inSource' : 'external',
    status: 'accepted',
    justification: s.reason,
  };
}

function notification(p: Problem, descriptorIndex: number): Notification {
  return {
    level: p.level,
    message: { text: p.message },
    locations: [physicalLocation(p.location)],
    descriptor: { id: p.code, index: descriptorIndex },
  };
}

function physicalLocation(at: SourceLocation): Pick<Location, 'physicalLocation'> {
  // A region needs a real 1-based line; a location without one still names the file.
  const region =
    at.line >= 1 ? { startLine: at.line, ...(at.column >= 1 ? { startColumn: at.column } : {}) } : undefined;
  return {
    physicalLocation: {
      artifactLocation: locationOf(at.file),
      ...(region ? { region } : {}),
    },
  };
}

// Findings and problems come in file order, so the last file's location is nearly always the next one's: a
// one-entry cache saves normalising and encoding the same path for every finding. Callers copy nothing
// out of the returned object, and JSON.stringify writes a shared object as often as it appears.
let lastLocation: { file: string; location: SarifArtifactLocation } | undefined;

function locationOf(file: string): SarifArtifactLocation {
  if (lastLocation?.file !== file) lastLocation = { file, location: artifactLocation(file) };
  return lastLocation.location;
}

/** The subset of a SARIF `artifactLocation` that kubeward writes. */
export interface SarifArtifactLocation {
  uri: string;
  uriBaseId?: string;
  description?: { text: string };
}

/**
 * SARIF artifact location of an input path:
 * - a URI with a scheme (`cluster://…`, `https://…`) is kept, with unsafe characters percent-encoded;
 * - an absolute path (`/a/b.yaml`, `C:\a\b.yaml`) becomes a `file://` URI;
 * - `-` (standard input) stays `-` with no base;
 * - any other path is relative: a leading `./` is dropped, each segment is percent-encoded (spaces,
 *   non-ASCII, `#`, `?`, `:`, `\`), and `uriBaseId` is `%SRCROOT%` so that GitHub resolves it against the
 *   repository root.
 *
 * A backslash separates directories only on Windows (`windows`, by default whether kubeward runs there).
 * Elsewhere it is an ordinary character of a file name, so `a\b.yaml` is one file and becomes `a%5Cb.yaml`:
 * turning it into `/` would point the alert at a different file.
 */
export function artifactLocation(
  input: string,
  windows = process.platform === 'win32',
): SarifArtifactLocation {
  const file = wellFormed(input);
  if (file === '-') return { uri: '-', description: { text: 'standard input' } };
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(file)) return { uri: encodeURI(file) };
  const path = windows ? file.replace(/\\/g, '/') : file;
  if (/^[A-Za-z]:\//.test(path)) return { uri: `file:///${path.slice(0, 2)}${encodePath(path.slice(2))}` };
  if (path.startsWith('/')) return { uri: `file://${encodePath(path)}` };
  return { uri: encodePath(posix.normalize(path).replace(/^(\.\/)+/, '')), uriBaseId: '%SRCROOT%' };
}

function encodePath(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}
