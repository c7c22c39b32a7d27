import type { Command } from 'commander';
import { UsageError } from '../base/errors.js';

/** Whether a flag value is empty or only blanks, as an unset shell or CI variable gives (`-r "$RULES"`). */
function blank(value: unknown): boolean {
  return typeof value === 'string' && value.trim() === '';
}

/**
 * Refuses an empty value for any option given on the command line of `command` or of a command above it.
 * No kubeward option has a meaning for an empty value, and taking one silently would weaken a check: an
 * empty `--rules` ran no rule and exited 0, an empty `--config` dropped the config file, an empty
 * `--namespace` or `--subresource` asked a different RBAC question. Repeatable options are checked item
 * by item. Throws a {@link UsageError} naming the flag.
 */
export function rejectEmptyOptionValues(command: Command): void {
  for (let c: Command | null = command; c; c = c.parent) {
    for (const option of c.options) {
      if (option.negate) continue;
      const key = option.attributeName();
      if (c.getOptionValueSource(key) !== 'cli') continue;
      const value: unknown = c.getOptionValue(key);
      if (blank(value) || (Array.isArray(value) && value.some(blank))) {
        const flag = option.long ?? option.short ?? key;
        throw new UsageError(
          `${flag}: the value is empty (is a variable unset?); give a value or leave the flag out`,
        );
      }
    }
  }
}

/**
 * The rule ids of a `--rules` value (`a,b, c`), or undefined when the flag was not given. A value that
 * names no rule at all (`""`, `","`, `" , "`) is a {@link UsageError}: running no rule would pass every
 * input.
 */
export function parseRuleIds(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const ids = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (ids.length === 0)
    throw new UsageError(
      `--rules: no rule id in ${JSON.stringify(value)}; give comma-separated rule ids (see \`kubeward rules\`) or leave the flag out`,
    );
  return ids;
}
