import { afterEach, beforeEach } from 'vitest';

/**
 * Above this many call arguments the guarded functions throw. The CLI's default stack overflows at roughly
 * 120,000 spread arguments, but vitest's worker threads have a larger stack and take a million; the guard
 * makes the CLI's limit hold inside tests too, so a `push(...items)` over a large input fails here as it
 * does for a user.
 */
export const MAX_SPREAD_ARGUMENTS = 65_536;

/**
 * Installs, for every test of the calling file, guards on `Array.prototype.push`, `Array.prototype.unshift`,
 * `Math.max` and `Math.min` that throw the RangeError V8 throws when a call has more than
 * {@link MAX_SPREAD_ARGUMENTS} arguments.
 */
export function guardSpreadArguments(): void {
  const push = Array.prototype.push;
  const unshift = Array.prototype.unshift;
  const max = Math.max;
  const min = Math.min;
  const check = (count: number): void => {
    if (count > MAX_SPREAD_ARGUMENTS) throw new RangeError('Maximum call stack size exceeded');
  };
  // `arguments` rather than rest parameters: V8 forwards it to `apply` without building an array, so the
  // guard costs little on the millions of ordinary calls a large test makes.
  beforeEach(() => {
    Array.prototype.push = function (this: unknown[]): number {
      check(arguments.length);
      // eslint-disable-next-line prefer-rest-params
      return push.apply(this, arguments as unknown as unknown[]);
    };
    Array.prototype.unshift = function (this: unknown[]): number {
      check(arguments.length);
      // eslint-disable-next-line prefer-rest-params
      return unshift.apply(this, arguments as unknown as unknown[]);
    };
    Math.max = function (): number {
      check(arguments.length);
      // eslint-disable-next-line prefer-rest-params
      return max.apply(Math, arguments as unknown as number[]);
    };
    Math.min = function (): number {
      check(arguments.length);
      // eslint-disable-next-line prefer-rest-params
      return min.apply(Math, arguments as unknown as number[]);
    };
  });
  afterEach(() => {
    Array.prototype.push = push;
    Array.prototype.unshift = unshift;
    Math.max = max;
    Math.min = min;
  });
}
