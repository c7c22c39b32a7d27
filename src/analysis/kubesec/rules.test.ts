import { describe, expect, it } from 'vitest';
import { getPath, goFormat, KUBESEC_RULE_IDS, KUBESEC_RULES } from './rules.js';

describe('kubesec rule data', () => {
  it('has the 30 kubesec v2 ids, once each, in kubesec order', () => {
    expect(KUBESEC_RULE_IDS).toHaveLength(30);
    expect(new Set(KUBESEC_RULE_IDS).size).toBe(30);
    expect(KUBESEC_RULES.map((r) => r.id)).toEqual([...KUBESEC_RULE_IDS]);
  });

  it('keeps advise values that only print-rules shows', () => {
    const advise = Object.fromEntries(
      KUBESEC_RULES.filter((r) => r.advise !== 0).map((r) => [r.id, r.advise]),
    );
    expect(advise).toEqual({ ReadOnlyRootFilesystem: 3, RunAsNonRoot: 10, RunAsUser: 4, RunAsGroup: 4 });
  });

  it('gates kinds as kubesec does', () => {
    const byKinds = new Map<string, string[]>();
    for (const rule of KUBESEC_RULES) {
      const key = rule.kinds.join(',');
      byKinds.set(key, [...(byKinds.get(key) ?? []), rule.id]);
    }
    expect(byKinds.get('StatefulSet')).toEqual([
      'VolumeClaimAccessModeReadWriteOnce',
      'VolumeClaimRequestsStorage',
    ]);
    expect(byKinds.get('RoleBinding,ClusterRoleBinding')).toEqual(['BindingsToSystemAnonymous']);
    expect(byKinds.get('Pod,Deployment,StatefulSet,DaemonSet,ReplicaSet,Job,CronJob')).toEqual([
      'SecretsAsEnvironmentVariables',
    ]);
    expect(byKinds.get('Pod,Deployment,StatefulSet,DaemonSet')).toHaveLength(26);
  });

  it('has a non-empty selector and reason everywhere, and no zero points', () => {
    for (const rule of KUBESEC_RULES) {
      expect(rule.selector).not.toBe('');
      expect(rule.reason).not.toBe('');
      expect(rule.points).not.toBe(0);
    }
  });

  it('counts matching containers, not just whether one matches', () => {
    const privileged = KUBESEC_RULES.find((r) => r.id === 'Privileged')!;
    const doc = {
      kind: 'Deployment',
      spec: {
        template: {
          spec: {
            initContainers: [{ securityContext: { privileged: true } }],
            containers: [
              { securityContext: { privileged: true } },
              { securityContext: { privileged: false } },
            ],
          },
        },
      },
    };
    expect(privileged.count(doc)).toBe(2);
  });
});

describe('goFormat (Go fmt %v of decoded JSON)', () => {
  it('formats scalars like Go', () => {
    expect(goFormat(null)).toBe('<nil>');
    expect(goFormat(undefined)).toBe('<nil>');
    expect(goFormat(true)).toBe('true');
    expect(goFormat('x y')).toBe('x y');
    expect(goFormat(0)).toBe('0');
    expect(goFormat(123456)).toBe('123456');
    expect(goFormat(1000000)).toBe('1e+06');
    expect(goFormat(1234567)).toBe('1.234567e+06');
    expect(goFormat(1.5)).toBe('1.5');
    expect(goFormat(-2)).toBe('-2');
    expect(goFormat(0.0001)).toBe('0.0001');
    expect(goFormat(0.00001)).toBe('1e-05');
  });

  it('formats lists and maps like Go, with map keys sorted', () => {
    expect(goFormat(['ALL', null])).toBe('[ALL <nil>]');
    expect(goFormat([{ path: '/proc' }, { path: '/var/run/docker.sock' }])).toBe(
      '[map[path:/proc] map[path:/var/run/docker.sock]]',
    );
    expect(goFormat({ b: 1, a: [] })).toBe('map[a:[] b:1]');
  });
});

describe('getPath (gojsonq path semantics)', () => {
  it('distinguishes a missing key from a null value only through undefined', () => {
    expect(getPath({ a: null }, 'a')).toBeNull();
    expect(getPath({ a: 1 }, 'b')).toBeUndefined();
    expect(getPath({ a: [{ b: 2 }] }, 'a.[0].b')).toBe(2);
    expect(getPath({ a: [] }, 'a.[0]')).toBeUndefined();
  });

  it('ignores an index applied to a non-list', () => {
    expect(getPath({ a: { b: 3 } }, 'a.[0].b')).toBe(3);
  });
});
