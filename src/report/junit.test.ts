import { describe, expect, it } from 'vitest';
import type { ScanResult } from '../engine/result.js';
import { emptyResult, reversed, sampleResult } from './__fixtures__/result.js';
import { formatJunit } from './junit.js';

function suite(xml: string, name: string): string {
  const start = xml.indexOf(`<testsuite name="${name}"`);
  if (start < 0) throw new Error(`no suite ${name}`);
  return xml.slice(start, xml.indexOf('</testsuite>', start));
}

describe('formatJunit', () => {
  it('matches the golden file', async () => {
    await expect(formatJunit(sampleResult())).toMatchFileSnapshot('./__fixtures__/junit.golden.xml');
  });

  it('does not depend on the order of the input arrays', () => {
    expect(formatJunit(reversed(sampleResult()))).toBe(formatJunit(sampleResult()));
  });

  it('totals the counts of its suites', () => {
    const xml = formatJunit(sampleResult());
    expect(xml).toContain('<testsuites name="kubeward" tests="10" failures="5" errors="1" skipped="3">');
    const suites = [...xml.matchAll(/<testsuite name="([^"]+)"/g)].map((m) => m[1]);
    expect(suites).toEqual([
      'kubeward/input',
      'workload/host-network',
      'workload/image-tag',
      'workload/pod-security-context',
      'workload/privileged',
      'workload/run-as-root',
      'workload/service-account-token',
    ]);
  });

  it('makes one case per rule and resource, failing with the highest severity as type', () => {
    const result = sampleResult();
    const second = { ...(result.findings[1] as ScanResult['findings'][number]) };
    // A second, lower-severity finding of the same rule on the same resource joins the same test case.
    result.findings.push({
      ...second,
      severity: 'low',
      message: 'second <finding>',
      fingerprint: 'x',
      location: { ...second.location, line: 26 },
    });
    const privileged = suite(formatJunit(result), 'workload/privileged');
    expect(privileged).toContain('tests="2" failures="1" errors="0" skipped="1"');
    expect(privileged).toContain(
      '<testcase name="Deployment prod/web (manifests/web app/déploiement.yaml)" classname="workload/privileged" file="manifests/web app/déploiement.yaml" line="24">',
    );
    expect(privileged).toContain(
      '<failure message="container &quot;app&quot; runs privileged; second &lt;finding&gt;" type="critical">',
    );
    expect(privileged).toContain(
      'low manifests/web app/déploiement.yaml:26:13 Deployment prod/web: second &lt;finding&gt;',
    );
  });

  it('gives a rule without findings one passing case', () => {
    expect(suite(formatJunit(sampleResult()), 'workload/host-network')).toContain(
      '<testcase name="no findings" classname="workload/host-network"/>',
    );
  });

  it('skips fully suppressed cases with their reasons', () => {
    const xml = formatJunit(sampleResult());
    expect(suite(xml, 'workload/privileged')).toContain(
      '<skipped message="suppressed by config: debug pod, approved in SEC-123">',
    );
    expect(suite(xml, 'workload/run-as-root')).toContain(
      '<skipped message="suppressed by annotation: legacy image &lt;needs root&gt; &amp; &quot;approved&quot;">',
    );
  });

  it('reports error problems as errors and warnings as skipped in the input suite', () => {
    const input = suite(formatJunit(sampleResult()), 'kubeward/input');
    expect(input).toContain('tests="2" failures="0" errors="1" skipped="1"');
    expect(input).toContain(
      '<error message="YAML syntax error: bad indentation of a mapping entry" type="input/parse-error">broken.yaml:3:7: YAML syntax error',
    );
    expect(input).toContain(
      '<skipped message="document is YAML but not a Kubernetes object (no kind); not scanned">',
    );
  });

  it('escapes markup in attributes and text', () => {
    const xml = formatJunit(sampleResult());
    expect(xml).toContain(
      'message="container &quot;backup&quot; uses image &quot;registry.example/backup:&lt;latest&gt; &amp; more&quot; without a digest"',
    );
    expect(xml).toContain(
      'uses image "registry.example/backup:&lt;latest&gt; &amp; more" without a digest\n',
    );
    // Nothing but the XML declaration and tags may contain a raw `<`; no raw `&` outside entities.
    const withoutTags = xml.replace(/<\/?[a-z?][^<>]*>/g, '');
    expect(withoutTags).not.toMatch(/[<>]/);
    expect(xml).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;|#\d+;)/);
  });

  it('makes characters that XML 1.0 forbids, terminal controls and bidi controls visible instead of writing them', () => {
    const result = emptyResult();
    result.problems = [
      {
        code: 'input/parse-error',
        level: 'error',
        message: 'bad\u0000byte\u0007bell\u001b[31m esc\uFFFE\uD800 tab\tline\ncr\r bidi\u202e',
        location: { file: 'x\u0001.yaml', line: 1, column: 1 },
      },
    ];
    const xml = formatJunit(result);
    // eslint-disable-next-line no-control-regex
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
    expect(xml).not.toMatch(/[\uD800-\uDFFF]/);
    expect(xml).toContain(
      'message="bad\\x00byte\\x07bell\\x1b[31m esc\\uFFFE\uFFFD tab\\tline\\ncr\\r bidi\\u202e"',
    );
    expect(xml).toContain('file="x\\x01.yaml"');
    expect(xml).toContain(
      '>x\\x01.yaml:1:1: bad\\x00byte\\x07bell\\x1b[31m esc\\uFFFE\uFFFD tab\\tline\\ncr\\r bidi\\u202e</error>',
    );
  });

  it('writes only the declaration and an empty root for an empty result', () => {
    expect(formatJunit(emptyResult())).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="kubeward" tests="0" failures="0" errors="0" skipped="0">\n</testsuites>\n',
    );
  });
});
