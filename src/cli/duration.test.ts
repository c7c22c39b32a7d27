import { describe, expect, it } from 'vitest';
import { UsageError } from '../base/errors.js';
import { parseDuration } from './duration.js';

describe('parseDuration', () => {
  it('reads Go-style durations and bare seconds as milliseconds', () => {
    expect(parseDuration('120s', '--render-timeout')).toBe(120_000);
    expect(parseDuration('2m', '--render-timeout')).toBe(120_000);
    expect(parseDuration('1m30s', '--render-timeout')).toBe(90_000);
    expect(parseDuration('500ms', '--render-timeout')).toBe(500);
    expect(parseDuration('1.5s', '--render-timeout')).toBe(1500);
    expect(parseDuration('1h', '--render-timeout')).toBe(3_600_000);
    expect(parseDuration('30', '--render-timeout')).toBe(30_000);
  });

  it('refuses anything else, and zero, naming the flag', () => {
    for (const bad of ['', 'soon', '10x', '-5s', '5 s s', '0s', '0']) {
      expect(() => parseDuration(bad, '--render-timeout')).toThrow(UsageError);
    }
    expect(() => parseDuration('soon', '--render-timeout')).toThrow(
      '--render-timeout: not a duration: soon (e.g. 120s, 5m, 1m30s)',
    );
  });
});
