import type { CheckResult, NodeReport } from '../evaluate.js';
import { escapeText, escapeTextKeepingLines } from '../../report/escape.js';
import { assessment, countResults, evidence, sectionResults } from './common.js';

/**
 * JUnit XML: one `<testsuite>` per benchmark section, one `<testcase name="id text" classname="group">` per
 * check. FAIL → `<failure>` (message = remediation, body = expected/observed/source); WARN, INFO and
 * NOT_APPLICABLE → `<skipped>` with the reason. No timestamps, so the same report gives the same bytes.
 */
export function formatNodeJunit(report: NodeReport): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const all = report.sections.flatMap(sectionResults);
  lines.push(`<testsuites name="${attr(`kubeward node ${report.benchmark.id}`)}"${counts(all)}>`);
  for (const section of report.sections) {
    lines.push(
      `  <testsuite name="${attr(`${section.id} ${section.text}`)}"${counts(sectionResults(section))}>`,
    );
    for (const group of section.groups) {
      for (const r of group.results) lines.push(...testCase(r, `${group.id} ${group.text}`));
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}

function counts(results: readonly CheckResult[]): string {
  const t = countResults(results);
  return ` tests="${results.length}" failures="${t.FAIL}" errors="0" skipped="${t.WARN + t.INFO + t.NOT_APPLICABLE}"`;
}

function testCase(r: CheckResult, classname: string): string[] {
  const open = `    <testcase name="${attr(`${r.id} ${r.text} ${assessment(r)}`)}" classname="${attr(classname)}"`;
  if (r.status === 'PASS') return [`${open}/>`];
  if (r.status === 'FAIL') {
    return [
      `${open}>`,
      `      <failure message="${attr(r.remediation)}" type="FAIL">${text(evidence(r))}</failure>`,
      '    </testcase>',
    ];
  }
  return [`${open}>`, `      <skipped message="${attr(`${r.status}: ${evidence(r)}`)}"/>`, '    </testcase>'];
}

// XML 1.0 cannot carry most C0 controls, U+FFFE/U+FFFF or unpaired surrogates, even as references.
const INVALID_XML =
  // Matching control characters is the point here.
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function escape(s: string): string {
  return (
    // Values from the node (paths, process names) are shown in CI web views: bidi and terminal controls
    // are made visible first.
    escapeTextKeepingLines(s)
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      // Characters XML 1.0 cannot carry are written as visible escapes.
      .replace(INVALID_XML, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
  );
}

function attr(s: string): string {
  // An attribute is one line: line breaks from the node are shown as `\n`, as in every text format.
  return escape(escapeText(s)).replace(/"/g, '&quot;');
}

// The evidence is one line by construction, so a line break in it can only come from the node's values.
function text(s: string): string {
  return escape(escapeText(s));
}
