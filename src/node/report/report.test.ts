import { readFileSync } from 'node:fs';
import { Ajv, type AnySchemaObject } from 'ajv';
import formats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { evaluate, selectBenchmark, type NodeReport } from '../evaluate.js';
import { parseFacts } from '../facts.js';
import { formatNodeReport, NODE_FORMATS } from './index.js';

function report(name: string, benchmark = 'cis-1.12'): NodeReport {
  const file = `test/fixtures/node/${name}/facts.json`;
  const facts = parseFacts(readFileSync(file, 'utf8'), file);
  return evaluate(facts, selectBenchmark(facts, benchmark));
}

// Same approach as src/report/sarif.test.ts: the official draft-04 schema read by ajv's draft-07 validator.
function sarifValidator() {
  const text = readFileSync(
    new URL('../../../test/schemas/sarif-schema-2.1.0.json', import.meta.url),
    'utf8',
  );
  const { id, $schema: _draft04, ...rest } = JSON.parse(text) as AnySchemaObject;
  const ajv = new Ajv({ allErrors: true, strict: false });
  formats.default(ajv);
  return ajv.compile({ $id: id as string, ...rest });
}

describe('node reports', () => {
  const worker = report('kubeadm-worker');

  it('text: kube-bench layout with remediations, evidence and summaries', async () => {
    const text = await formatNodeReport(worker, 'text');
    const lines = text.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'CIS Kubernetes Benchmark v1.12.0 (cis-1.12)',
      'benchmark: requested with --benchmark cis-1.12',
      'node: worker1; platform kubeadm; Kubernetes unknown',
      'components: kubelet (systemd unit /usr/lib/systemd/system/kubelet.service)',
    ]);
    expect(lines).toContain('[INFO] 4 Worker Node Security Configuration');
    expect(lines).toContain('[INFO] 4.2 Kubelet');
    expect(lines).toContain('[FAIL] 4.2.1 Ensure that the Anonymous Auth is Not Enabled (Automated)');
    expect(lines).toContain(
      '[NOT_APPLICABLE] 1.2.15 Ensure that the --profiling argument is set to false (Automated)',
    );
    const at = lines.indexOf('== Remediations node ==');
    expect(at).toBeGreaterThan(0);
    const anon = lines.findIndex((l, i) => i > at && l.startsWith('4.2.1 '));
    expect(lines.slice(anon + 1, anon + 4)).toEqual([
      '    expected: --anonymous-auth / authentication.anonymous.enabled = false',
      '    observed: true',
      '    source:   flag --anonymous-auth=true (systemd unit /usr/lib/systemd/system/kubelet.service)',
    ]);
    expect(
      text.endsWith(
        '== Summary total ==\n15 checks PASS\n3 checks FAIL\n4 checks WARN\n2 checks INFO\n73 checks NOT_APPLICABLE\n',
      ),
    ).toBe(true);
    // Section 4 by hand: files 6 PASS (4.1.2/5/6/7/8/10), 2 FAIL (4.1.1, 4.1.9), 2 NA (kube-proxy);
    // kubelet 9 PASS, 1 FAIL (4.2.1), 4 WARN (manual 4.2.9, 4.2.12–4.2.14); 4.3.1 NA; sections 1–3 NA (70) except the
    // CNI checks 1.1.9/1.1.10, which belong to the kubelet and find no CNI files (INFO).
    expect(worker.totals).toEqual({ PASS: 15, FAIL: 3, WARN: 4, INFO: 2, NOT_APPLICABLE: 73 });
    expect(await formatNodeReport(worker, 'text', { color: true })).toContain(
      '\u001b[31m[FAIL]\u001b[0m 4.1.1',
    );
  });

  it('text: host names and sources from the node are escaped, colour tags are kept', async () => {
    const file = 'test/fixtures/node/kubeadm-worker/facts.json';
    const facts = parseFacts(readFileSync(file, 'utf8'), file);
    facts.hostname = 'worker1\n::error title=kubeward::all clear\u001b[2J';
    const kubelet = facts.components[0]!;
    kubelet.source = { ...kubelet.source, path: '/usr/lib/systemd/system/kubelet\u202Ecivres.service' };
    const hostile = evaluate(facts, selectBenchmark(facts, 'cis-1.12'));
    const lines = (await formatNodeReport(hostile, 'text', { color: true })).split('\n');
    expect(lines.slice(2, 4)).toEqual([
      'node: worker1\\n::error title=kubeward::all clear\\x1b[2J; platform kubeadm; Kubernetes unknown',
      'components: kubelet (systemd unit /usr/lib/systemd/system/kubelet\\u202ecivres.service)',
    ]);
    expect(lines).toContain(
      '\u001b[31m[FAIL]\u001b[0m 4.2.1 Ensure that the Anonymous Auth is Not Enabled (Automated)',
    );
    expect(lines).toContain(
      '    source:   flag --anonymous-auth=true (systemd unit /usr/lib/systemd/system/kubelet\\u202ecivres.service)',
    );
    expect(lines.some((l) => /^::/.test(l))).toBe(false);
  });

  it('junit: bidi and terminal controls from the node are made visible', async () => {
    const file = 'test/fixtures/node/kubeadm-worker/facts.json';
    const facts = parseFacts(readFileSync(file, 'utf8'), file);
    const kubelet = facts.components[0]!;
    kubelet.source = {
      ...kubelet.source,
      path: '/usr/lib/systemd/system/kubelet\u202Ecivres\u001b[2J.service',
    };
    const xml = await formatNodeReport(evaluate(facts, selectBenchmark(facts, 'cis-1.12')), 'junit');
    expect(xml).toContain('(systemd unit /usr/lib/systemd/system/kubelet\\u202ecivres\\x1b[2J.service)');
    // eslint-disable-next-line no-control-regex
    expect(xml).not.toMatch(/[\u202e\u001b]/);
    kubelet.source = { ...kubelet.source, path: '/etc/kubelet\n::error title=x::forged.conf' };
    const forged = await formatNodeReport(evaluate(facts, selectBenchmark(facts, 'cis-1.12')), 'junit');
    expect(forged.split('\n').filter((line) => line.trimStart().startsWith('::'))).toEqual([]);
  });

  it('json: kubeward report with per-check evidence', async () => {
    const json = JSON.parse(await formatNodeReport(worker, 'json')) as {
      tool: { name: string };
      benchmark: { id: string };
      totals: Record<string, number>;
      sections: {
        groups: {
          results: { id: string; status: string; observed: string | null; source: string | null }[];
        }[];
      }[];
    };
    expect(json.tool.name).toBe('kubeward');
    expect(json.benchmark.id).toBe('cis-1.12');
    const r = json.sections.flatMap((s) => s.groups.flatMap((g) => g.results)).find((x) => x.id === '4.2.6');
    expect(r).toMatchObject({
      status: 'PASS',
      observed: 'true',
      source: 'flag --make-iptables-util-chains (systemd unit /usr/lib/systemd/system/kubelet.service)',
    });
  });

  it('kube-bench: the Controls/Totals shape and key names of kube-bench --json', async () => {
    const kb = JSON.parse(await formatNodeReport(worker, 'kube-bench')) as {
      Controls: Record<string, unknown>[];
      Totals: Record<string, number>;
    };
    expect(Object.keys(kb)).toEqual(['Controls', 'Totals']);
    expect(kb.Totals).toEqual({ total_pass: 15, total_fail: 3, total_warn: 4, total_info: 75 });
    const node = kb.Controls.find((c) => c.id === '4') as Record<string, unknown> & {
      tests: (Record<string, unknown> & { results: Record<string, unknown>[] })[];
    };
    expect(Object.keys(node)).toEqual([
      'id',
      'version',
      'detected_version',
      'text',
      'node_type',
      'tests',
      'total_pass',
      'total_fail',
      'total_warn',
      'total_info',
    ]);
    expect(node).toMatchObject({ version: 'cis-1.12', node_type: 'node', detected_version: '' });
    const group = node.tests.find((t) => t.section === '4.2');
    expect(Object.keys(group ?? {})).toEqual([
      'section',
      'type',
      'pass',
      'fail',
      'warn',
      'info',
      'desc',
      'results',
    ]);
    const check = group?.results.find((r) => r.test_number === '4.2.1');
    expect(Object.keys(check ?? {})).toEqual([
      'test_number',
      'test_desc',
      'audit',
      'AuditEnv',
      'AuditConfig',
      'type',
      'remediation',
      'test_info',
      'status',
      'actual_value',
      'scored',
      'IsMultiple',
      'expected_result',
      'reason',
    ]);
    expect(check).toMatchObject({
      test_desc: 'Ensure that the Anonymous Auth is Not Enabled (Automated)',
      status: 'FAIL',
      actual_value: 'true',
      scored: true,
      type: '',
    });
    // NOT_APPLICABLE has no kube-bench equivalent: INFO with the reason.
    const master = kb.Controls.find((c) => c.id === '1') as {
      tests: { results: Record<string, unknown>[] }[];
    };
    expect(master.tests[0]?.results[0]).toMatchObject({
      status: 'INFO',
      reason: 'kube-apiserver does not run on this node',
    });
  });

  it('junit: one suite per section, failures for FAIL, skipped for the rest', async () => {
    const xml = await formatNodeReport(worker, 'junit');
    expect(xml.split('\n').slice(0, 3)).toEqual([
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<testsuites name="kubeward node cis-1.12" tests="97" failures="3" errors="0" skipped="79">',
      '  <testsuite name="1 Control Plane Security Configuration" tests="60" failures="0" errors="0" skipped="60">',
    ]);
    expect(xml).toContain(
      '    <testcase name="4.2.1 Ensure that the Anonymous Auth is Not Enabled (Automated)" classname="4.2 Kubelet">\n      <failure message="In the kubelet config file',
    );
    expect(xml).toMatch(/<testcase name="4\.2\.2 [^"]*" classname="4\.2 Kubelet"\/>/);
  });

  it('sarif: validates against the SARIF 2.1.0 schema, one rule and result per check', async () => {
    const validate = sarifValidator();
    for (const r of [worker, report('kubeadm-cp-default'), report('eks-al2023-worker', 'eks-1.8')]) {
      const log = JSON.parse(await formatNodeReport(r, 'sarif')) as {
        runs: {
          tool: { driver: { rules: { id: string }[] } };
          results: { ruleId: string; kind: string; level: string }[];
        }[];
      };
      expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    }
    const log = JSON.parse(await formatNodeReport(worker, 'sarif')) as {
      runs: {
        tool: { driver: { rules: { id: string }[] } };
        results: { ruleId: string; kind: string; level: string }[];
      }[];
    };
    const run = log.runs[0];
    expect(run?.tool.driver.rules).toHaveLength(97);
    expect(run?.results.find((r) => r.ruleId === 'cis-1.12/4.2.1')).toMatchObject({
      kind: 'fail',
      level: 'error',
    });
    expect(run?.results.find((r) => r.ruleId === 'cis-1.12/4.2.2')).toMatchObject({
      kind: 'pass',
      level: 'none',
    });
    expect(run?.results.find((r) => r.ruleId === 'cis-1.12/1.2.2')).toMatchObject({
      kind: 'notApplicable',
      level: 'none',
    });
    // The validator is live: a bad level is rejected.
    (run?.results[0] as { level: string }).level = 'fatal';
    expect(validate(log)).toBe(false);
  });

  it('every format is byte-identical across runs', async () => {
    for (const format of NODE_FORMATS) {
      expect(await formatNodeReport(report('kubeadm-cp-hardened'), format)).toBe(
        await formatNodeReport(report('kubeadm-cp-hardened'), format),
      );
    }
  });
});
