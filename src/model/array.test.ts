import { describe, expect, it } from 'vitest';
import { maxOf, pushAll } from './array.js';
import { guardSpreadArguments } from '../../test/helpers/spread.js';

guardSpreadArguments();

describe('pushAll', () => {
  it('appends in order', () => {
    const target = [1, 2];
    pushAll(target, [3, 4]);
    pushAll(target, new Set([5]));
    expect(target).toEqual([1, 2, 3, 4, 5]);
  });

  it('appends 300,000 items, where push(...items) overflows the stack', () => {
    const items = Array.from({ length: 300_000 }, (_, i) => i);
    expect(() => [-1].push(...items)).toThrow(RangeError);
    const target: number[] = [-1];
    pushAll(target, items);
    expect(target.length).toBe(300_001);
    expect(target[300_000]).toBe(299_999);
  });
});

describe('maxOf', () => {
  it('is the largest value, or the fallback for none', () => {
    expect(maxOf([3, 9, 2])).toBe(9);
    expect(maxOf([-5, -2])).toBe(-2);
    expect(maxOf([], 4)).toBe(4);
    expect(maxOf([1, 2], 4)).toBe(4);
    expect(maxOf([])).toBe(-Infinity);
  });

  it('takes 300,000 values', () => {
    const values = Array.from({ length: 300_000 }, (_, i) => i % 1000);
    values[123_456] = 5000;
    expect(() => Math.max(...values)).toThrow(RangeError);
    expect(maxOf(values)).toBe(5000);
  });
});
