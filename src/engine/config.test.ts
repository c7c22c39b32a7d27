import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfigFile } from '../load/config-file.js';
import { UsageError, InputError } from '../base/errors.js';
import { selectRules } from './registry.js';

function configFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kubeward-config-'));
  const file = join(dir, '.kubeward.yaml');
  writeFileSync(file, text);
  return file;
}

describe('config file', () => {
  it('reads preset, rule settings, exemptions and failOn', () => {
    const config = readConfigFile(
      configFile(`preset: strict
failOn: medium
annotationExemptions: false
rules:
  workload/privileged:
    severity: high
exemptions:
  - rules: [workload/privileged]
    namespaces: [kube-system]
    reason: CNI agents
`),
    );
    expect(config).toEqual({
      preset: 'strict',
      failOn: 'medium',
      annotationExemptions: false,
      rules: { 'workload/privileged': { severity: 'high' } },
      exemptions: [{ rules: ['workload/privileged'], namespaces: ['kube-system'], reason: 'CNI agents' }],
    });
    expect(selectRules(config).find((r) => r.rule.id === 'workload/privileged')?.severity).toBe('high');
  });

  it('names every invalid key with its line', () => {
    const file = configFile(`preset: paranoid
rules:
  workload/no-such-rule: off
  workload/privileged:
    severity: urgent
    options: { depth: 3 }
exemptions:
  - rules: [workload/privileged]
  - reason: ok
    color: red
unknown: 1
`);
    let error: unknown;
    try {
      readConfigFile(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    const lines = (error as Error).message
      .split('\n')
      .slice(1)
      .map((l) => l.trim().replace(`${file}:`, ''));
    expect(lines).toEqual([
      '11:1: unknown: unknown key "unknown" (expected one of preset, rules, exemptions, failOn, annotationExemptions)',
      '1:1: preset: must be one of recommended, strict, kubesec, pss-baseline, pss-restricted, cis, nsa, all',
      '3:3: rules.workload/no-such-rule: unknown rule "workload/no-such-rule" (see `kubeward rules`)',
      '5:5: rules.workload/privileged.severity: must be one of critical, high, medium, low, info',
      '6:16: rules.workload/privileged.options.depth: unknown option "depth" (this rule has no options)',
      '8:5: exemptions[0].reason: every exemption needs a non-empty reason',
      '10:5: exemptions[1].color: unknown key "color" (expected one of rules, namespaces, kinds, names, containers, reason)',
    ]);
  });

  it('reports a config that is not valid YAML as an input error with its line', () => {
    expect(() => readConfigFile(configFile('preset: [strict\n'))).toThrow(InputError);
    expect(() => readConfigFile(configFile('preset: [strict\n'))).toThrow(
      /\.kubeward\.yaml:2:1: invalid config/,
    );
  });

  it('treats an empty file as the defaults', () => {
    expect(readConfigFile(configFile('# nothing yet\n')).preset).toBe('recommended');
  });
});

describe('superseded rules', () => {
  it('drops a Pod Security baseline check when the restricted check that replaces it is selected', () => {
    const ids = (preset: 'pss-baseline' | 'pss-restricted') =>
      selectRules({ preset, rules: {} }).map((a) => a.rule.id);
    expect(ids('pss-baseline')).toContain('pss/capabilities-baseline');
    const restricted = ids('pss-restricted');
    expect(restricted).toContain('pss/capabilities-restricted');
    for (const replaced of [
      'pss/capabilities-baseline',
      'pss/host-path-volumes',
      'pss/seccomp-profile-baseline',
      'pss/proc-mount',
    ]) {
      expect(restricted).not.toContain(replaced);
    }
    expect(restricted).toContain('pss/privileged');
  });
});
