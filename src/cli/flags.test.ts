import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../test/helpers/cli.js';
import { parseRuleIds } from './flags.js';

afterEach(() => vi.restoreAllMocks());

// A privileged Pod: every preset reports it, so a run that checks anything exits 1.
const pod = 'test/fixtures/inputs/pod.json';
const EMPTY = 'the value is empty (is a variable unset?); give a value or leave the flag out';

describe('an empty --rules (an unset CI variable) is a usage error, not a run of no rule', () => {
  it.each([[''], [','], [' , '], [' ']])('scan -r %j exits 2 without a report', async (value) => {
    const r = await run('scan', pod, '--no-config', '-r', value);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^kubeward: --rules: /);
  });

  it('names the flag and says why', async () => {
    expect((await run('scan', pod, '--no-config', '-r', '')).stderr).toBe(`kubeward: --rules: ${EMPTY}\n`);
    expect((await run('scan', pod, '--no-config', '--rules=')).stderr).toBe(`kubeward: --rules: ${EMPTY}\n`);
    expect((await run('scan', pod, '--no-config', '-r', ',')).stderr).toBe(
      'kubeward: --rules: no rule id in ","; give comma-separated rule ids (see `kubeward rules`) or leave the flag out\n',
    );
  });

  it('cluster snapshot -r "," exits 2 before reaching for a cluster', async () => {
    const r = await run('cluster', 'snapshot', '-o', '-', '--no-config', '-r', ',');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^kubeward: --rules: no rule id in ","/);
  });

  it('a list with one id still runs that rule', async () => {
    const r = await run('scan', pod, '--no-config', '-f', 'json', '-r', ' workload/privileged ,');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { findings: { ruleId: string }[] };
    expect(new Set(report.findings.map((f) => f.ruleId))).toEqual(new Set(['workload/privileged']));
  });

  it('parseRuleIds keeps ids in order and refuses a list of none', () => {
    expect(parseRuleIds(undefined)).toBeUndefined();
    expect(parseRuleIds('a, b,,c')).toEqual(['a', 'b', 'c']);
    expect(() => parseRuleIds(',,')).toThrow(/--rules: no rule id/);
  });
});

describe('every flag refuses an empty value with exit 2', () => {
  it('scan -c "" does not fall back to no config file', async () => {
    const r = await run('scan', pod, '-c', '');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`kubeward: --config: ${EMPTY}\n`);
  });

  it.each([
    ['--config', ['scan', pod, '-c', ' ']],
    ['--output', ['scan', pod, '--no-config', '-o', '']],
    ['--values', ['scan', pod, '--no-config', '--values', 'a.yaml', '--values', '']],
    ['--set', ['scan', pod, '--no-config', '--set', '']],
    ['--context', ['scan', '--cluster', '--no-config', '--context', '']],
    ['--kubeconfig', ['scan', '--cluster', '--no-config', '--kubeconfig', '']],
    ['--namespace', ['scan', '--cluster', '--no-config', '-n', '']],
    ['--config', ['cluster', 'snapshot', '-o', '-', '-c', '']],
    ['--output', ['cluster', 'snapshot', '-o', '']],
    ['--namespace', ['rbac', 'who-can', 'get', 'pods', pod, '-n', '']],
    ['--name', ['rbac', 'who-can', 'get', 'pods', pod, '--name', '']],
    ['--subresource', ['rbac', 'who-can', 'get', 'pods', pod, '--subresource', '']],
    ['--namespace', ['rbac', 'can', 'User:alice', pod, '-n', '']],
    ['--group', ['rbac', 'can', 'User:alice', pod, '--group', '']],
    ['--output', ['netpol', 'list', pod, '-o', '']],
    ['--namespace', ['netpol', 'generate', 'default-deny', '-n', 'web', '-n', '']],
    ['--dns-namespace', ['netpol', 'generate', 'default-deny', '-n', 'web', '--dns-namespace', '']],
    ['--connections', ['netpol', 'generate', 'from-connections', pod, '-c', '']],
    ['--version', ['pss', pod, '--version', '']],
    ['--default-version', ['pss', pod, '--namespaces', '--default-version', '']],
    ['--preset', ['rules', '--preset', '']],
    ['--benchmark', ['node', '--benchmark', '']],
    ['--kube-version', ['node', '--kube-version', '']],
    ['--facts', ['node', '--facts', '']],
    ['--from', ['netpol', 'explain', pod, '--from', '', '--to', 'x']],
    ['--port', ['netpol', 'explain', pod, '--from', 'x', '--to', 'x', '--port', ' ']],
    ['--root', ['node', 'collect', '--root', '']],
    ['--output', ['node', 'collect', '-o', '']],
  ])('%s in %j', async (flag, argv) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`kubeward: ${flag}: ${EMPTY}\n`);
  });

  it.each([
    [['scan', pod, '--no-config', '--preset', ''], "option '-p, --preset <name>' argument '' is invalid"],
    [['scan', pod, '--no-config', '--fail-on', ''], "option '--fail-on <severity>' argument '' is invalid"],
    [['pss', pod, '--level', ''], "option '-l, --level <level>' argument '' is invalid"],
    [['scan', pod, '--no-config', '--max-file-size', ''], 'kubeward: --max-file-size: not a size'],
  ])('%j was already refused', async (argv, message) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
  });

  it('a flag that is left out is not refused', async () => {
    expect((await run('scan', pod, '--no-config', '--fail-on', 'none')).code).toBe(0);
  });
});
