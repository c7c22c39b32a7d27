import { UsageError } from '../base/errors.js';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Parses a duration flag into milliseconds: Go-style (`120s`, `2m`, `1m30s`, `500ms`, `1.5s`) or a bare
 * number of seconds. Throws a {@link UsageError} naming `flag` for anything else, and for zero.
 */
export function parseDuration(value: string, flag: string): number {
  const text = value.trim();
  let ms: number;
  if (/^\d+(\.\d+)?$/.test(text)) ms = Number(text) * 1000;
  else if (/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(text)) {
    ms = 0;
    for (const m of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g))
      ms += Number(m[1]) * (UNITS[m[2] ?? 's'] ?? 1000);
  } else throw new UsageError(`${flag}: not a duration: ${value} (e.g. 120s, 5m, 1m30s)`);
  if (!(ms >= 1)) throw new UsageError(`${flag}: must be at least 1ms, not ${value}`);
  return Math.round(ms);
}
