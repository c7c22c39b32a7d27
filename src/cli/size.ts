import { UsageError } from '../base/errors.js';

/**
 * Parses a `--max-file-size` value: bytes, or a number with a binary unit (`512k`, `16M`, `1G`, `16MiB`,
 * `16mb`). Throws a {@link UsageError} for anything else.
 */
export function parseSize(value: string): number {
  const m = /^(\d+)\s*([kKmMgG]i?[bB]?)?$/.exec(value.trim());
  if (!m) throw new UsageError(`--max-file-size: not a size: ${value} (e.g. 1048576, 512k, 16M)`);
  const unit = (m[2] ?? '').charAt(0).toLowerCase();
  const factor = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return Number(m[1]) * factor;
}
