import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dump, load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { loadText } from '../../load/documents.js';
import type { JsonObject, Resource } from '../../model/types.js';
import { goQuote, joinQuote, PSS_CHECKS } from './checks.js';
import { checksFor, evaluatePod, MAX_CHECK_MINOR, podInputOf, wouldViolateMessage } from './evaluate.js';
import {
  NEWEST_MINOR,
  parseLevel,
  parsePolicyVersion,
  type PolicyVersion,
  type PssLevel,
} from './version.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixtureDir = join(here, '__fixtures__');

interface Expectation {
  at: string[];
  pass?: boolean;
  reason?: string;
  detail?: string;
  message?: string;
}

interface FixtureCase {
  name: string;
  kind?: string;
  metadata?: JsonObject;
  spec: JsonObject;
  expect: Expectation[];
}

interface Fixture {
  check: string;
  cases: FixtureCase[];
}

/** Wraps a pod spec into the requested kind, then loads it through the real loader. */
function resourceOf(c: FixtureCase): Resource {
  const metadata = { name: 'fixture', ...(c.metadata ?? {}) };
  const template = { metadata: c.metadata ?? {}, spec: c.spec };
  const objects: Record<string, JsonObject> = {
    Pod: { apiVersion: 'v1', kind: 'Pod', metadata, spec: c.spec },
    Deployment: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'fixture' },
      spec: { template },
    },
    CronJob: {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'fixture' },
      spec: { schedule: '* * * * *', jobTemplate: { spec: { template } } },
    },
  };
  const object = objects[c.kind ?? 'Pod'];
  if (!object) throw new Error(`fixture kind ${c.kind} is not supported`);
  const loaded = loadText(dump(object), { file: 'fixture.yaml' });
  expect(loaded.problems).toEqual([]);
  const resource = loaded.resources[0];
  if (!resource) throw new Error('fixture did not load');
  return resource;
}

function parseAt(at: string): { level: PssLevel; version: PolicyVersion } {
  const [levelText = '', versionText = ''] = at.split(':');
  const level = parseLevel(levelText);
  const version = parsePolicyVersion(versionText);
  if (!level || !version) throw new Error(`bad fixture level:version ${at}`);
  return { level, version };
}

const files = readdirSync(fixtureDir).filter((f) => f.endsWith('.yaml'));

describe('PSS fixtures', () => {
  it('cover every check', () => {
    const covered = files.map((f) => (load(readFileSync(join(fixtureDir, f), 'utf8')) as Fixture).check);
    for (const check of PSS_CHECKS) expect(covered).toContain(check.id);
  });

  for (const file of files) {
    const fixture = load(readFileSync(join(fixtureDir, file), 'utf8')) as Fixture;
    describe(`${file} (${fixture.check})`, () => {
      for (const c of fixture.cases) {
        for (const e of c.expect) {
          for (const at of e.at) {
            it(`${c.name} — ${at}`, () => {
              const { level, version } = parseAt(at);
              const pod = podInputOf(resourceOf(c));
              if (!pod) throw new Error('no pod spec');
              const verdict = evaluatePod(pod, level, version);
              if (fixture.check === '*') {
                if (e.pass) expect(verdict.violations).toEqual([]);
                else expect(wouldViolateMessage(level, version, verdict.violations)).toBe(e.message);
                expect(verdict.allowed).toBe(e.pass === true);
                return;
              }
              const own = verdict.violations
                .filter((v) => v.check === fixture.check)
                .map((v) => ({ reason: v.reason, detail: v.detail }));
              expect(own).toEqual(e.pass ? [] : [{ reason: e.reason, detail: e.detail }]);
            });
          }
        }
      }
    });
  }
});

describe('policy versions', () => {
  it('latest is the newest modelled minor, and versions above it behave like it', () => {
    expect(MAX_CHECK_MINOR).toBe(NEWEST_MINOR);
    const ids = (v: string): string[] =>
      checksFor('restricted', parsePolicyVersion(v) as PolicyVersion).map((c) => c.check.id);
    expect(ids('latest')).toEqual(ids(`v1.${NEWEST_MINOR}`));
    expect(ids('v1.99')).toEqual(ids('latest'));
  });

  it('parses versions as the API server does', () => {
    expect(parsePolicyVersion('latest')).toEqual({ latest: true });
    expect(parsePolicyVersion('v1.0')).toEqual({ latest: false, minor: 0 });
    expect(parsePolicyVersion('v1.30')).toEqual({ latest: false, minor: 30 });
    for (const bad of ['1.30', 'v1.030', 'v2.0', 'v1', 'v1.x', 'Latest', ''])
      expect(parsePolicyVersion(bad), bad).toBeUndefined();
  });

  it('privileged runs no check', () => {
    expect(checksFor('privileged', { latest: true })).toEqual([]);
  });

  // Which checks run where, with restricted revisions replacing their baseline counterparts.
  const table: [string, string[]][] = [
    [
      'baseline:v1.0',
      [
        'appArmorProfile',
        'capabilities_baseline',
        'hostNamespaces',
        'hostPathVolumes',
        'hostPorts',
        'privileged',
        'procMount',
        'seLinuxOptions',
        'seccompProfile_baseline',
        'sysctls',
        'windowsHostProcess',
      ],
    ],
    [
      'baseline:v1.34',
      [
        'appArmorProfile',
        'capabilities_baseline',
        'hostNamespaces',
        'hostPathVolumes',
        'hostPorts',
        'hostProbesAndHostLifecycle',
        'privileged',
        'procMount',
        'seLinuxOptions',
        'seccompProfile_baseline',
        'sysctls',
        'windowsHostProcess',
      ],
    ],
    [
      'restricted:v1.0',
      [
        'appArmorProfile',
        'capabilities_baseline',
        'hostNamespaces',
        'hostPorts',
        'privileged',
        'procMount',
        'seLinuxOptions',
        'seccompProfile_baseline',
        'sysctls',
        'windowsHostProcess',
        'restrictedVolumes',
        'runAsNonRoot',
      ],
    ],
    [
      'restricted:v1.22',
      [
        'appArmorProfile',
        'hostNamespaces',
        'hostPorts',
        'privileged',
        'procMount',
        'seLinuxOptions',
        'sysctls',
        'windowsHostProcess',
        'allowPrivilegeEscalation',
        'capabilities_restricted',
        'restrictedVolumes',
        'runAsNonRoot',
        'seccompProfile_restricted',
      ],
    ],
    [
      'restricted:latest',
      [
        'appArmorProfile',
        'hostNamespaces',
        'hostPorts',
        'hostProbesAndHostLifecycle',
        'privileged',
        'seLinuxOptions',
        'sysctls',
        'windowsHostProcess',
        'allowPrivilegeEscalation',
        'capabilities_restricted',
        'procMount_restricted',
        'restrictedVolumes',
        'runAsNonRoot',
        'runAsUser',
        'seccompProfile_restricted',
      ],
    ],
  ];
  for (const [at, expected] of table) {
    it(`runs exactly the expected checks at ${at}`, () => {
      const { level, version } = parseAt(at);
      expect(checksFor(level, version).map((c) => c.check.id)).toEqual(expected);
    });
  }
});

describe('version sweep', () => {
  // Upstream's registry at Kubernetes 1.37, written out by hand: each check's MinimumVersions, and the baseline
  // check a restricted check replaces. Every minor from v1.0 to one past the newest is compared against it.
  const REGISTRY: Record<string, { level: 'baseline' | 'restricted'; minors: number[]; overrides?: string }> =
    {
      appArmorProfile: { level: 'baseline', minors: [0] },
      capabilities_baseline: { level: 'baseline', minors: [0] },
      hostNamespaces: { level: 'baseline', minors: [0] },
      hostPathVolumes: { level: 'baseline', minors: [0] },
      hostPorts: { level: 'baseline', minors: [0] },
      hostProbesAndHostLifecycle: { level: 'baseline', minors: [34] },
      privileged: { level: 'baseline', minors: [0] },
      procMount: { level: 'baseline', minors: [0, 35] },
      seLinuxOptions: { level: 'baseline', minors: [0, 31] },
      seccompProfile_baseline: { level: 'baseline', minors: [0, 19] },
      sysctls: { level: 'baseline', minors: [0, 27, 29, 32, 37] },
      windowsHostProcess: { level: 'baseline', minors: [0] },
      allowPrivilegeEscalation: { level: 'restricted', minors: [8, 25] },
      capabilities_restricted: {
        level: 'restricted',
        minors: [22, 25],
        overrides: 'capabilities_baseline',
      },
      procMount_restricted: { level: 'restricted', minors: [35], overrides: 'procMount' },
      restrictedVolumes: { level: 'restricted', minors: [0], overrides: 'hostPathVolumes' },
      runAsNonRoot: { level: 'restricted', minors: [0, 35] },
      runAsUser: { level: 'restricted', minors: [23, 35] },
      seccompProfile_restricted: {
        level: 'restricted',
        minors: [19, 25],
        overrides: 'seccompProfile_baseline',
      },
    };

  /** The MinimumVersion in force at `minor`, or undefined when the check does not exist yet. */
  const inForce = (id: string, minor: number): number | undefined =>
    REGISTRY[id]?.minors.filter((m) => m <= minor).pop();

  it('models exactly the upstream check ids', () => {
    expect(PSS_CHECKS.map((c) => c.id).sort()).toEqual(Object.keys(REGISTRY).sort());
  });

  for (const level of ['baseline', 'restricted'] as const) {
    it(`${level}: every minor from v1.0 to v1.${NEWEST_MINOR + 1} runs upstream's revisions`, () => {
      for (let minor = 0; minor <= NEWEST_MINOR + 1; minor++) {
        const effective = Math.min(minor, NEWEST_MINOR);
        const expected: Record<string, number> = {};
        for (const [id, spec] of Object.entries(REGISTRY)) {
          if (level === 'baseline' && spec.level === 'restricted') continue;
          const m = inForce(id, effective);
          if (m !== undefined) expected[id] = m;
        }
        if (level === 'restricted')
          for (const [id, spec] of Object.entries(REGISTRY))
            if (spec.overrides && expected[id] !== undefined) delete expected[spec.overrides];
        const actual = Object.fromEntries(
          checksFor(level, { latest: false, minor }).map((c) => [c.check.id, c.revision.minMinor]),
        );
        expect(actual, `${level}:v1.${minor}`).toEqual(expected);
      }
    });
  }
});

describe('API server string formatting', () => {
  it('joinQuote wraps items in plain quotes, escaping nothing (upstream helpers.go)', () => {
    expect(joinQuote([])).toBe('');
    expect(joinQuote(['app'])).toBe('"app"');
    expect(joinQuote(['a', 'b'])).toBe('"a", "b"');
    expect(joinQuote(['k="v"'])).toBe('"k="v""');
    expect(joinQuote(['back\\slash'])).toBe('"back\\slash"');
  });

  it("goQuote escapes as Go's strconv.Quote (%q)", () => {
    expect(goQuote('unconfined')).toBe('"unconfined"');
    expect(goQuote('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(goQuote('\x07\b\f\n\r\t\v')).toBe('"\\a\\b\\f\\n\\r\\t\\v"');
    expect(goQuote('\x00\x1b\x7f')).toBe('"\\x00\\x1b\\x7f"');
    // Printable Unicode is kept; other spaces, C1 controls and format characters are escaped.
    expect(goQuote('é 日本 😀')).toBe('"é 日本 😀"');
    expect(goQuote('\u00a0\u0085\u200b')).toBe('"\\u00a0\\u0085\\u200b"');
    expect(goQuote('\u{e0001}')).toBe('"\\U000e0001"');
  });
});
