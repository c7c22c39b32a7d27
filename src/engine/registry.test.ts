import { describe, expect, it } from 'vitest';
import { defaultConfig } from './config.js';
import { UsageError } from '../base/errors.js';
import { selectRules } from './registry.js';

describe('selectRules', () => {
  it('refuses an empty selection, which would run no rule and pass every input', () => {
    expect(() => selectRules(defaultConfig(), [])).toThrow(UsageError);
    expect(() => selectRules(defaultConfig(), [])).toThrow('no rule selected: name at least one rule id');
  });

  it('runs exactly the named rules', () => {
    expect(selectRules(defaultConfig(), ['workload/privileged']).map((a) => a.rule.id)).toEqual([
      'workload/privileged',
    ]);
  });
});
