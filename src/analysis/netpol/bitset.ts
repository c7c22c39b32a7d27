/** A fixed-size set of small integers (endpoint indexes). */
export class Bitset {
  readonly words: Uint32Array;

  constructor(readonly size: number) {
    this.words = new Uint32Array(Math.ceil(size / 32));
  }

  /** A set holding every index below `size`. */
  static full(size: number): Bitset {
    const set = new Bitset(size);
    for (let i = 0; i < size; i++) set.add(i);
    return set;
  }

  add(i: number): void {
    this.words[i >> 5]! |= 1 << (i & 31);
  }

  has(i: number): boolean {
    return ((this.words[i >> 5] as number) & (1 << (i & 31))) !== 0;
  }

  /** In-place union. */
  or(other: Bitset): void {
    for (let i = 0; i < this.words.length; i++) this.words[i]! |= other.words[i] as number;
  }

  isEmpty(): boolean {
    for (const w of this.words) if (w !== 0) return false;
    return true;
  }

  count(): number {
    let n = 0;
    for (let w of this.words) {
      while (w !== 0) {
        w &= w - 1;
        n++;
      }
    }
    return n;
  }

  /** Calls `fn` for every member in ascending order. */
  forEach(fn: (i: number) => void): void {
    for (let wi = 0; wi < this.words.length; wi++) {
      let w = this.words[wi] as number;
      while (w !== 0) {
        const low = w & -w;
        fn((wi << 5) + (31 - Math.clz32(low)));
        w ^= low;
      }
    }
  }
}
