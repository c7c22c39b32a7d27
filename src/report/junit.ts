import type { Finding, ScanResult } from '../engine/result.js';
import { severityRank, type Problem, type Severity } from '../model/types.js';
import { describeResource, resourceKey } from './common.js';
import { escapeText, escapeTextKeepingLines } from './escape.js';
import { orderFindings, orderProblems } from '../engine/order.js';
import { collectOutput, type ReportWriter } from './writer.js';

/** Name (and classname) of the test suite that holds input problems. */
export const INPUT_SUITE = 'kubeward/input';

/** Name of the passing test case of a rule that found nothing. */
export const NO_FINDINGS = 'no findings';

interface TestCase {
  name: string;
  classname: string;
  file?: string;
  line?: number;
  /** `failure`, `error` or `skipped` child; none for a passing case. */
  outcome?: { element: 'failure' | 'error' | 'skipped'; message: string; type?: string; text?: string };
}

/**
 * JUnit XML report, shaped for CI test views (GitLab merge-request widget, Jenkins JUnit plugin, Azure):
 *
 * - One `<testsuite>` per rule that ran, named by rule id and sorted by id. It holds one `<testcase>` per
 *   resource the rule reported on, named `Kind namespace/name (file)` with `classname` = rule id and
 *   `file`/`line` attributes (GitLab links them). Unsuppressed findings make a `<failure>` whose `type`
 *   is the highest severity and whose message lists the findings; the body gives `file:line:column`,
 *   JSON pointer, remediation and documentation link of each. A case whose findings are all suppressed is
 *   `<skipped>` with the exemption reasons.
 * - A rule that reported nothing has a single passing case named {@link NO_FINDINGS}. (One passing case
 *   per rule and resource would claim checks that never applied, as the result does not say which kinds a
 *   rule reads, and would grow as rules × resources.)
 * - Input problems come first, in a `kubeward/input` suite: one case per problem, `<error>` for an
 *   error-level problem and `<skipped>` for a warning (the input was shown but not scanned).
 * - No timestamps or durations, so the same result gives the same bytes. Text is escaped for XML 1.0;
 *   characters XML 1.0 cannot carry at all (most C0 controls, U+FFFE, U+FFFF, unpaired surrogates) are
 *   written as visible `\uXXXX` escapes (U+FFFD for unpaired surrogates).
 */
export function formatJunit(result: ScanResult): string {
  return collectOutput((out) => writeJunit(result, out));
}

/** A suite before its XML is written: each case is built only when it is written. */
interface PendingSuite {
  name: string;
  counts: Counts;
  cases: Iterable<TestCase>;
}

/**
 * Writes the {@link formatJunit} report to `out` one test case at a time; the text of a case (its findings'
 * details) exists only while it is written. The bytes are those of `formatJunit`.
 */
export function writeJunit(result: ScanResult, out: ReportWriter): void {
  const suites: PendingSuite[] = [];
  const problems = orderProblems(result.problems);
  if (problems.length > 0) {
    const c: Counts = { tests: problems.length, failures: 0, errors: 0, skipped: 0 };
    for (const p of problems) c[p.level === 'error' ? 'errors' : 'skipped']++;
    suites.push({ name: INPUT_SUITE, counts: c, cases: mapped(problems, problemCase) });
  }

  const byRule = new Map<string, Finding[][]>();
  for (const id of result.rules.map((r) => r.id)) byRule.set(id, []);
  // Findings in report order; a resource's group is created at its first finding, so groups follow it too.
  const groupIndex = new Map<string, Finding[]>();
  for (const f of orderFindings(result.findings)) {
    const key = `${f.ruleId}\u0000${resourceKey(f.location.file, f.resource)}`;
    let group = groupIndex.get(key);
    if (!group) {
      group = [];
      groupIndex.set(key, group);
      let groups = byRule.get(f.ruleId);
      if (!groups) byRule.set(f.ruleId, (groups = []));
      groups.push(group);
    }
    group.push(f);
  }
  groupIndex.clear();
  const helpUris = new Map(result.rules.map((r) => [r.id, r.helpUri]));
  for (const id of [...byRule.keys()].sort()) {
    const groups = byRule.get(id) ?? [];
    if (groups.length === 0) {
      const pass: TestCase = { name: NO_FINDINGS, classname: id };
      suites.push({ name: id, counts: counts([pass]), cases: [pass] });
      continue;
    }
    const c: Counts = { tests: groups.length, failures: 0, errors: 0, skipped: 0 };
    // The same test as findingCase's: a group is skipped when all its findings are suppressed.
    for (const g of groups) c[g.every((f) => f.suppressed) ? 'skipped' : 'failures']++;
    suites.push({ name: id, counts: c, cases: mapped(groups, (g) => findingCase(id, g, helpUris.get(id))) });
  }

  const total: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  for (const suite of suites)
    for (const k of ['tests', 'failures', 'errors', 'skipped'] as const) total[k] += suite.counts[k];
  out.write('<?xml version="1.0" encoding="UTF-8"?>\n');
  out.write(`<testsuites name="kubeward"${countAttrs(total)}>\n`);
  for (const suite of suites) {
    out.write(`  <testsuite name="${attr(suite.name)}"${countAttrs(suite.counts)}>\n`);
    for (const c of suite.cases) for (const line of testCaseXml(c)) out.write(`${line}\n`);
    out.write('  </testsuite>\n');
  }
  out.write('</testsuites>\n');
}

function* mapped<T, U>(items: readonly T[], map: (item: T) => U): Iterable<U> {
  for (const item of items) yield map(item);
}

function findingCase(ruleId: string, group: Finding[], helpUri: string | undefined): TestCase {
  const first = group[0] as Finding;
  const open = group.filter((f) => !f.suppressed);
  const base = {
    name: `${describeResource(first.resource)} (${first.location.file})`,
    classname: ruleId,
    file: first.location.file,
    line: (open[0] ?? first).location.line,
  };
  const details = group.map((f) => findingDetails(f)).join('\n\n');
  if (open.length === 0) {
    const reasons = [
      ...new Set(group.map((f) => `suppressed by ${f.suppressed?.by}: ${f.suppressed?.reason}`)),
    ];
    return { ...base, outcome: { element: 'skipped', message: reasons.join('; '), text: details } };
  }
  const severity = open.map((f) => f.severity).reduce(higher);
  return {
    ...base,
    outcome: {
      element: 'failure',
      message: open.map((f) => f.message).join('; '),
      type: severity,
      text: helpUri ? `${details}\n\nDocumentation: ${helpUri}` : details,
    },
  };
}

function higher(a: Severity, b: Severity): Severity {
  return severityRank(b) > severityRank(a) ? b : a;
}

function findingDetails(f: Finding): string {
  const where = `${f.location.file}:${f.location.line}:${f.location.column}`;
  const lines = [
    `${f.severity} ${where} ${describeResource(f.resource)}: ${f.message}`,
    `  at ${f.path}`,
    `  remediation: ${f.remediation}`,
  ];
  if (f.suppressed) lines.push(`  suppressed by ${f.suppressed.by}: ${f.suppressed.reason}`);
  // Each line holds values from the input (names, messages): escaped to one line, so that the only line
  // breaks in the body are these, and none can start a forged CI log line (`::error …`).
  return lines.map(escapeText).join('\n');
}

function problemCase(p: Problem): TestCase {
  const where = `${p.location.file}:${p.location.line}:${p.location.column}`;
  return {
    name: `${p.code} ${where}`,
    classname: INPUT_SUITE,
    file: p.location.file,
    line: p.location.line,
    outcome:
      p.level === 'error'
        ? { element: 'error', message: p.message, type: p.code, text: escapeText(`${where}: ${p.message}`) }
        : { element: 'skipped', message: p.message, text: escapeText(`${where}: ${p.message}`) },
  };
}

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

function counts(cases: readonly TestCase[]): Counts {
  const c: Counts = { tests: cases.length, failures: 0, errors: 0, skipped: 0 };
  for (const t of cases) {
    if (t.outcome?.element === 'failure') c.failures++;
    else if (t.outcome?.element === 'error') c.errors++;
    else if (t.outcome?.element === 'skipped') c.skipped++;
  }
  return c;
}

function countAttrs(c: Counts): string {
  return ` tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="${c.skipped}"`;
}

function testCaseXml(c: TestCase): string[] {
  const attrs =
    `name="${attr(c.name)}" classname="${attr(c.classname)}"` +
    (c.file !== undefined ? ` file="${attr(c.file)}"` : '') +
    (c.line !== undefined && c.line >= 1 ? ` line="${c.line}"` : '');
  const o = c.outcome;
  if (!o) return [`    <testcase ${attrs}/>`];
  const outcomeAttrs = `message="${attr(o.message)}"${o.type !== undefined ? ` type="${attr(o.type)}"` : ''}`;
  const child =
    o.text === undefined
      ? `      <${o.element} ${outcomeAttrs}/>`
      : `      <${o.element} ${outcomeAttrs}>${text(o.text)}</${o.element}>`;
  return [`    <testcase ${attrs}>`, child, '    </testcase>'];
}

// XML 1.0 allows tab, LF, CR and U+0020 and above except U+FFFE/U+FFFF and surrogates; the others cannot
// appear even as character references, so they are written as visible escapes instead of being dropped.
function xmlChars(s: string): string {
  // Values from the input are shown in CI web views: bidi and terminal controls are made visible first.
  return escapeTextKeepingLines(s).replace(
    // Matching control characters is the point here.
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
  );
}

/** Escapes element content. `\r` is kept as a reference because parsers turn a literal CR into LF. */
function text(s: string): string {
  return xmlChars(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
}

/** Escapes an attribute value; tab, LF and CR become references because parsers normalize them to spaces. */
function attr(s: string): string {
  // An attribute (a test name, a message) is one line: line breaks from the input are shown as `\n`, as in
  // every text format, so a CI view that prints names cannot be handed a forged line.
  return text(escapeText(s)).replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
