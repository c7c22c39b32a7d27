import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dump, load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { loadText } from '../../load/documents.js';
import type { JsonObject, Resource } from '../../model/types.js';
import { PSS_CHECKS } from './checks.js';
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
