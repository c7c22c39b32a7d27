import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../test/helpers/cli.js';

afterEach(() => vi.restoreAllMocks());

// test/fixtures/hostile/hostile.yaml names a Pod "p\n::error title=kubeward::all clear" (a GitHub Actions
// workflow command on a line of its own), its namespace "shop\e[2J" (clear the screen), a container, a
// Role and a NetworkPolicy with U+202E (right-to-left override), a subject and a binding with line breaks,
// and a Pod "a|b" in namespace "=cmd|' /C calc'!A0" (a spreadsheet formula). It is copied to a file whose
// name is hostile too. Every text format must show all of it escaped: \n, \x1b, \u202e.
const dir = mkdtempSync(join(tmpdir(), 'kubeward-hostile-'));
const FILE = join(dir, 'h\n::error::f\u001bc\u202E.yaml');
copyFileSync('test/fixtures/hostile/hostile.yaml', FILE);
const SHOWN_FILE = `${dir}/h\\n::error::f\\x1bc\\u202e.yaml`;

const NS = 'shop\\x1b[2J';
const P = `${NS}/p\\n::error title=kubeward::all clear[Pod]`;
const DB = `${NS}/db[Pod]`;
const AB = `=cmd|' /C calc'!A0/a|b[Pod]`;
const P_ARG = 'shop\u001b[2J/p\n::error title=kubeward::all clear';
const DB_ARG = 'shop\u001b[2J/db';

/** Nothing a terminal or a CI log acts on: no raw control or bidi character, no line starting with `::`. */
function expectInert(text: string): void {
  // Tab and LF are the only controls a report writes itself (LF ends lines; DOT indents with tabs).
  expect(text).not.toMatch(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/,
  );
  expect(text.split('\n').filter((line) => line.startsWith('::'))).toEqual([]);
}

function restricted(container: string): string {
  return (
    `allowPrivilegeEscalation != false (container "${container}" must set securityContext.allowPrivilegeEscalation=false), ` +
    `unrestricted capabilities (container "${container}" must set securityContext.capabilities.drop=["ALL"]), ` +
    `runAsNonRoot != true (pod or container "${container}" must set securityContext.runAsNonRoot=true), ` +
    `seccompProfile (pod or container "${container}" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")`
  );
}

const NOTE =
  "info: namespaces =cmd|' /C calc'!A0, shop\\x1b[2J have no Namespace object in the input; assumed to exist with only the kubernetes.io/metadata.name label\n";

describe('hostile names in every text format', () => {
  it('pss text', async () => {
    const r = await run('pss', FILE);
    expect(r.stdout).toBe(
      `${SHOWN_FILE}:4 Pod ${NS}/p\\n::error title=kubeward::all clear: would violate PodSecurity "restricted:latest": ${restricted('c\\u202eexe.txt')}\n` +
        `${SHOWN_FILE}:15 Pod ${NS}/db: would violate PodSecurity "restricted:latest": ${restricted('db')}\n` +
        `${SHOWN_FILE}:58 Pod =cmd|' /C calc'!A0/a|b: would violate PodSecurity "restricted:latest": ${restricted('x')}\n` +
        '3 pod-bearing resources checked against PodSecurity "restricted:latest": 0 allowed, 3 not allowed\n',
    );
    expectInert(r.stdout);
  });

  it('scan junit: no line of the report starts a forged workflow command', async () => {
    const r = await run('scan', FILE, '--no-config', '-f', 'junit');
    expect(r.code).toBe(1);
    expectInert(r.stdout);
    // The name, in the testcase attribute and in the failure body, with its line break shown as \n.
    expect(r.stdout).toContain('<testcase name="Pod shop\\x1b[2J/p\\n::error title=kubeward::all clear (');
    expect(r.stdout).toContain(
      ' Pod shop\\x1b[2J/p\\n::error title=kubeward::all clear: container "c\\u202eexe.txt" has no CPU request\n',
    );
  });

  it('problem lines on standard error', async () => {
    const bad = join(dir, 'bad\n::error::x\u202E.yaml');
    writeFileSync(bad, 'a: [\n');
    const r = await run('pss', bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(
        `^${escapeRegExp(`${dir}/bad\\n::error::x\\u202e.yaml:`)}\\d+:\\d+: error: .* \\[input/parse-error\\]\\n$`,
      ),
    );
    expectInert(r.stderr);
  });

  it('netpol list txt, and the notes on standard error', async () => {
    const r = await run('netpol', 'list', FILE);
    const lines = r.stdout.split('\n');
    expect(lines).toContain(`${P} => ${DB} : TCP 5432`);
    expect(lines).toContain(`${DB} => ${P} : All Connections`);
    expect(lines).toContain(`${AB} => ${P} : All Connections`);
    expect(lines).not.toContain(`${AB} => ${DB} : All Connections`);
    expectInert(r.stdout);
    expect(r.stderr).toBe(NOTE);
  });

  it('netpol list md: | and \\ escaped, one row per line', async () => {
    const r = await run('netpol', 'list', FILE, '-f', 'md');
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 2)).toEqual(['| src | dst | conn |', '|-----|-----|------|']);
    expect(lines).toContain(
      `| shop\\\\x1b[2J/p\\\\n::error title=kubeward::all clear[Pod] | shop\\\\x1b[2J/db[Pod] | TCP 5432 |`,
    );
    expect(lines).toContain(
      `| =cmd\\|' /C calc'!A0/a\\|b[Pod] | shop\\\\x1b[2J/p\\\\n::error title=kubeward::all clear[Pod] | All Connections |`,
    );
    // Every row has exactly four unescaped pipes: three cells.
    for (const line of lines.filter((l) => l !== ''))
      expect(line.replace(/\\[\\|]/g, '').split('|').length - 1).toBe(4);
    expectInert(r.stdout);
  });

  it('netpol list csv: formula cells guarded, RFC 4180 quoting', async () => {
    const r = await run('netpol', 'list', FILE, '-f', 'csv');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('src,dst,conn');
    expect(lines).toContain(`'${AB},${P},All Connections`);
    expect(lines).toContain(`${P},'${AB},All Connections`);
    expect(lines).toContain(`${P},${DB},TCP 5432`);
    expect(lines.filter((l) => /^[=+\-@]|,[=+\-@]/.test(l))).toEqual([]);
    expectInert(r.stdout);
  });

  it('netpol list dot', async () => {
    const r = await run('netpol', 'list', FILE, '-f', 'dot');
    const lines = r.stdout.split('\n');
    expect(lines).toContain('\tsubgraph "cluster_shop\\\\x1b[2J" {');
    expect(lines).toContain(
      '\t\t"shop\\\\x1b[2J/p\\\\n::error title=kubeward::all clear[Pod]" [label="p\\\\n::error title=kubeward::all clear[Pod]" color="blue" fontcolor="blue"]',
    );
    expectInert(r.stdout);
  });

  it('netpol explain text', async () => {
    const r = await run('netpol', 'explain', FILE, '--from', P_ARG, '--to', DB_ARG, '--port', '5432');
    expect(r.stdout).toBe(
      [
        `${P} => ${DB} (TCP 5432): ALLOWED TCP 5432`,
        '',
        `egress from ${P} to ${DB}: allowed TCP 5432`,
        `  not isolated for egress: no policy selects ${P} for egress, so everything is allowed`,
        '',
        `ingress to ${DB} from ${P}: allowed TCP 5432`,
        '  isolated for ingress by:',
        `    NetworkPolicy ${NS}/db\\u202eyna-wolla (${SHOWN_FILE}:26)`,
        `  NetworkPolicy ${NS}/db\\u202eyna-wolla ingress rule 1 (${SHOWN_FILE}:35) allows: TCP 5432`,
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe(NOTE);
  });

  it('netpol coverage text', async () => {
    const r = await run('netpol', 'coverage', FILE);
    expect(r.stdout).toBe(
      [
        'workloads not isolated for ingress (of 3): 2',
        `  ${AB} (${SHOWN_FILE}:58)`,
        `  ${P} (${SHOWN_FILE}:4)`,
        '',
        'workloads not isolated for egress (of 3): 3',
        `  ${AB} (${SHOWN_FILE}:58)`,
        `  ${DB} (${SHOWN_FILE}:15)`,
        `  ${P} (${SHOWN_FILE}:4)`,
        '',
        'namespaces without a default deny for ingress: 2',
        "  =cmd|' /C calc'!A0 (no Namespace object in the input)",
        `  ${NS} (no Namespace object in the input)`,
        '',
        'namespaces without a default deny for egress: 2',
        "  =cmd|' /C calc'!A0 (no Namespace object in the input)",
        `  ${NS} (no Namespace object in the input)`,
        '',
        'policies that select nothing: 0',
        '',
        'rules that can never match: 0',
        '',
      ].join('\n'),
    );
  });

  it('a usage error quoting an endpoint stays on one line', async () => {
    const r = await run('netpol', 'explain', FILE, '--from', 'shop\u001b[2J/\u202Enope', '--to', DB_ARG);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`kubeward: --from: no endpoint matches "shop\\u001b[2J/\\u202enope"\n`);
  });

  it("commander's errors quoting an argument are escaped too", async () => {
    const r = await run('scan', '--bo\u001b[2Jgus\u202E');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("error: unknown option '--bo\\x1b[2Jgus\\u202e'\n(run with --help for usage)\n");
  });

  const CHAIN = `RoleBinding ${NS}/rb\\n::warning::forged [${SHOWN_FILE}:55] → Role ${NS}/reader\\u202e rule /rules/0`;

  it('rbac who-can text', async () => {
    const r = await run('rbac', 'who-can', 'get', 'pods', '-A', FILE);
    expect(r.stdout).toBe(
      [
        'Who can get pods in some namespace:',
        '',
        'User eve\\n::error::forged',
        `  via ${CHAIN}: verbs get on pods (core)`,
        '',
        '1 subject. Members of the group system:masters can do everything without any RBAC grant.',
        '',
      ].join('\n'),
    );
  });

  it('rbac can text, for a user whose name holds a line break', async () => {
    const r = await run('rbac', 'can', 'User:eve\n::error::forged', FILE);
    expect(r.stdout).toBe(
      [
        'User eve\\n::error::forged as user eve\\n::error::forged in groups system:authenticated:',
        '',
        `In namespace ${NS}:`,
        '  verbs get on pods (core)',
        `    via ${CHAIN}`,
        '',
      ].join('\n'),
    );
  });

  it('scan table', async () => {
    const r = await run('scan', FILE, '-r', 'workload/run-as-non-root');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(`${SHOWN_FILE}:4  Pod ${NS}/p\\n::error title=kubeward::all clear`);
    expect(lines[1]).toMatch(
      /^ {2}12:7 {2}high {6}workload\/run-as-non-root {2}container "c\\u202eexe\.txt" sets neither runAsNonRoot: true/,
    );
    expect(lines).toContain(`${SHOWN_FILE}:58  Pod =cmd|' /C calc'!A0/a|b`);
    expectInert(r.stdout);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
