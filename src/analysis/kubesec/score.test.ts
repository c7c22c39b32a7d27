import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { JsonObject, JsonValue } from '../../model/types.js';
import { loadText } from '../../load/documents.js';
import { formatKubesec } from '../../report/kubesec.js';
import { kubesecObjectName, kubesecReport, kubesecScore, type KubesecReport } from './score.js';
import { KUBESEC_RULES } from './rules.js';

const fixtures = new URL('./__fixtures__/', import.meta.url);

/** The ids listed in each part of a report. */
function ids(report: KubesecReport) {
  return {
    critical: report.scoring.critical.map((r) => r.id),
    passed: report.scoring.passed.map((r) => r.id),
    advise: report.scoring.advise.map((r) => r.id),
  };
}

const POSITIVE_POD_RULES = KUBESEC_RULES.filter((r) => r.points > 0 && r.kinds.includes('Pod')).length;
const POSITIVE_RULES = KUBESEC_RULES.filter((r) => r.points > 0).length;

function pod(spec: JsonObject, metadata: JsonObject = { name: 'p' }): JsonObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec };
}

describe('kubesec output, byte for byte', () => {
  // Each fixture's expected JSON was written from kubesec's rules and output code, not from this module.
  const cases = readdirSync(fixtures).filter((name) => name.endsWith('.yaml'));

  it('has the fixtures', () => {
    expect(cases.length).toBeGreaterThanOrEqual(7);
  });

  for (const name of cases) {
    it(name, () => {
      const text = readFileSync(new URL(name, fixtures), 'utf8');
      const loaded = loadText(text, { file: name });
      expect(loaded.problems).toEqual([]);
      const reports = loaded.resources.map((resource) => kubesecReport(resource.object, name));
      const expected = readFileSync(new URL(name.replace(/\.yaml$/, '.json'), fixtures), 'utf8');
      expect(formatKubesec(reports)).toBe(expected);
    });
  }
});

describe('kubesecReport', () => {
  it('scores a fully hardened pod at the +19 maximum', () => {
    const text = readFileSync(new URL('hardened-pod.yaml', fixtures), 'utf8');
    const [resource] = loadText(text, { file: 'x' }).resources;
    expect(kubesecScore(resource!.object)).toBe(19);
    expect(ids(kubesecReport(resource!.object, 'x')).advise).toEqual([]);
  });

  it('reports kinds no rule covers as not supported, with an empty scoring', () => {
    for (const kind of ['Service', 'ConfigMap', 'List', 'Rollout']) {
      const report = kubesecReport({ apiVersion: 'v1', kind, metadata: { name: 'n' } }, 'f.yaml');
      expect(report.message).toBe('This resource kind is not supported by kubesec');
      expect(report.score).toBe(0);
      expect(ids(report)).toEqual({ critical: [], passed: [], advise: [] });
    }
  });

  it('gives ReplicaSet, Job and CronJob only the secrets rule', () => {
    for (const kind of ['ReplicaSet', 'Job', 'CronJob']) {
      const report = kubesecReport({ apiVersion: 'apps/v1', kind, metadata: { name: 'n' }, spec: {} }, 'f');
      expect(report.message).toBe('Passed with a score of 0 points');
      expect(ids(report)).toEqual({ critical: [], passed: [], advise: [] });
    }
  });

  it('names objects Kind/name.namespace with kubesec fallbacks', () => {
    expect(kubesecObjectName(pod({}, { name: 'a', namespace: 'b' }))).toBe('Pod/a.b');
    expect(kubesecObjectName({ kind: 'Pod' })).toBe('Pod/undefined.default');
    expect(kubesecObjectName({ kind: 'Pod', metadata: { name: null, namespace: null } })).toBe(
      'Pod/undefined.default',
    );
    expect(kubesecObjectName({ kind: 'Pod', metadata: { name: '', namespace: '' } })).toBe('Pod/.');
    expect(kubesecObjectName({ metadata: { name: 'a' } })).toBe('Unknown');
    expect(kubesecObjectName({ kind: null })).toBe('Unknown');
    expect(kubesecObjectName(null)).toBe('Unknown');
    // Go's %v of a float64.
    expect(kubesecObjectName({ kind: 'Pod', metadata: { name: 1000000, namespace: 12 } })).toBe(
      'Pod/1e+06.12',
    );
  });

  it('records every rule as applied when there is no kind key (kubesec error path)', () => {
    const values: JsonValue[] = [
      null,
      [],
      'text',
      42,
      { metadata: { name: 'x' }, spec: { hostNetwork: true } },
    ];
    for (const value of values) {
      const report = kubesecReport(value, 'f');
      expect(report.object).toBe('Unknown');
      expect(report.message).toBe('Passed with a score of 0 points');
      expect(report.scoring.critical).toEqual([]);
      expect(report.scoring.passed).toEqual([]);
      expect(report.scoring.advise).toHaveLength(POSITIVE_RULES);
    }
  });

  it('treats a null kind as an unsupported kind', () => {
    const report = kubesecReport({ kind: null, spec: {} }, 'f');
    expect(report.object).toBe('Unknown');
    expect(report.message).toBe('This resource kind is not supported by kubesec');
  });

  it('lets a container setting override the pod one, and unset containers inherit it', () => {
    const override = pod({
      securityContext: { runAsNonRoot: true },
      containers: [{ name: 'a', securityContext: { runAsNonRoot: false } }],
    });
    expect(ids(kubesecReport(override, 'f')).advise).toContain('RunAsNonRoot');
    const inherit = pod({
      securityContext: { runAsNonRoot: true },
      containers: [{ name: 'a', securityContext: { runAsNonRoot: false } }, { name: 'b' }],
    });
    expect(ids(kubesecReport(inherit, 'f')).passed).toContain('RunAsNonRoot');
  });

  it('passes and fails seccomp at once when one container is Unconfined and another inherits', () => {
    const report = kubesecReport(
      pod({
        securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
        containers: [
          { name: 'a', securityContext: { seccompProfile: { type: 'Unconfined' } } },
          { name: 'b' },
        ],
      }),
      'f',
    );
    expect(ids(report).passed).toContain('SeccompAny');
    expect(ids(report).critical).toEqual(['SeccompUnconfined']);
    expect(report.score).toBe(0);
  });

  it('counts init and ephemeral containers for securityContext rules', () => {
    const report = kubesecReport(
      pod({
        initContainers: [{ name: 'i', securityContext: { privileged: true } }],
        containers: [{ name: 'c' }],
        ephemeralContainers: [{ name: 'e', securityContext: { appArmorProfile: { type: 'Unconfined' } } }],
      }),
      'f',
    );
    expect(ids(report).critical).toEqual(['Privileged', 'ApparmorUnconfined']);
    expect(report.message).toBe('Failed with a score of -31 points');
  });

  it('ignores pod-level fields for container-only rules', () => {
    const report = kubesecReport(
      pod({
        securityContext: { readOnlyRootFilesystem: true, privileged: true },
        containers: [{ name: 'c' }],
      }),
      'f',
    );
    expect(ids(report).critical).toEqual([]);
    expect(ids(report).advise).toContain('ReadOnlyRootFilesystem');
  });

  it('reads runAsUser and runAsGroup only as numbers above 10000', () => {
    const at = (value: JsonValue) =>
      ids(kubesecReport(pod({ containers: [{ name: 'c', securityContext: { runAsUser: value } }] }), 'f'));
    expect(at(10001).passed).toContain('RunAsUser');
    expect(at(10000).advise).toContain('RunAsUser');
    expect(at('20000').advise).toContain('RunAsUser');
  });

  it('matches capabilities by substring, as kubesec does', () => {
    const drop = (list: JsonValue) =>
      ids(
        kubesecReport(
          pod({ containers: [{ name: 'c', securityContext: { capabilities: { drop: list } } }] }),
          'f',
        ),
      );
    expect(drop(['all']).passed).toEqual(expect.arrayContaining(['CapDropAll', 'CapDropAny']));
    expect(drop(['NET_RAW']).passed).toEqual(['CapDropAny']);
    expect(drop([]).advise).toEqual(expect.arrayContaining(['CapDropAll', 'CapDropAny']));
    expect(drop([null]).advise).toContain('CapDropAny');
  });

  it('reads resources from regular containers only, by presence', () => {
    const report = kubesecReport(
      pod({
        initContainers: [{ name: 'i', resources: { requests: { cpu: '1' } } }],
        containers: [{ name: 'c', resources: { limits: { memory: null } } }],
      }),
      'f',
    );
    expect(ids(report).advise).toContain('RequestsCPU');
    expect(ids(report).passed).toEqual(['LimitsMemory']);
  });

  it('passes any non-null serviceAccountName and fails any non-null hostAliases', () => {
    const empty = kubesecReport(pod({ serviceAccountName: '', hostAliases: [], containers: [] }), 'f');
    expect(ids(empty).passed).toEqual(['ServiceAccountName']);
    expect(ids(empty).critical).toEqual(['HostAliases']);
    const nulls = kubesecReport(pod({ serviceAccountName: null, hostAliases: null, containers: [] }), 'f');
    expect(ids(nulls).passed).toEqual([]);
    expect(ids(nulls).critical).toEqual([]);
  });

  it('counts allowPrivilegeEscalation only when explicitly true', () => {
    expect(kubesecReport(pod({ containers: [{ name: 'c' }] }), 'f').scoring.critical).toEqual([]);
    const report = kubesecReport(
      pod({ containers: [{ name: 'c', securityContext: { allowPrivilegeEscalation: true } }] }),
      'f',
    );
    expect(ids(report).critical).toEqual(['AllowPrivilegeEscalation']);
  });

  it('finds secrets in envFrom of ephemeral containers', () => {
    const report = kubesecReport(
      pod({
        containers: [{ name: 'c' }],
        ephemeralContainers: [{ name: 'e', envFrom: [{ secretRef: { name: 's' } }] }],
      }),
      'f',
    );
    expect(ids(report).critical).toEqual(['SecretsAsEnvironmentVariables']);
  });

  it('treats claim templates without a spec as no claim templates', () => {
    const report = kubesecReport(
      {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        spec: { volumeClaimTemplates: [{ metadata: { name: 'x' } }] },
      },
      'f',
    );
    expect(ids(report).passed).toEqual(['VolumeClaimAccessModeReadWriteOnce', 'VolumeClaimRequestsStorage']);
  });

  it('matches system:anonymous anywhere in a subject name', () => {
    const binding = (name: string) =>
      kubesecReport(
        { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', subjects: [{ name }] },
        'f',
      );
    expect(binding('system:anonymous-ops').score).toBe(-30);
    expect(binding('system:unauthenticated').score).toBe(0);
  });

  it('has at most +19 for a Pod and no floor', () => {
    expect(
      KUBESEC_RULES.filter((r) => r.points > 0 && r.kinds.includes('Pod')).reduce((s, r) => s + r.points, 0),
    ).toBe(19);
    expect(POSITIVE_POD_RULES).toBe(15);
  });
});
