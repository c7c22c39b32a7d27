/**
 * Array helpers that stay safe for inputs of any size. `target.push(...items)` and `Math.max(...values)`
 * pass every element as a call argument, and V8 overflows its stack at roughly 120,000 of them, so a large
 * input (130,000 documents, a Pod with 20,000 containers) would crash the run and lose its report.
 */

/** Appends every item of `items` to `target` in order (a `push(...items)` without the argument limit). */
export function pushAll<T>(target: T[], items: Iterable<T>): void {
  for (const item of items) target.push(item);
}

/** The largest of `values`, or `fallback` when there are none (a `Math.max(...values)` without the limit). */
export function maxOf(values: Iterable<number>, fallback = -Infinity): number {
  let max = fallback;
  for (const value of values) if (value > max) max = value;
  return max;
}
