import type { Random } from './random.js';

/** Picks people in proportion to a weight (how much they write), in O(log n) however large the group. */
export class Picker<T> {
  private readonly cumulative: Float64Array;
  readonly total: number;

  constructor(
    readonly items: readonly T[],
    weight: (item: T) => number,
  ) {
    this.cumulative = new Float64Array(items.length);
    let sum = 0;
    for (let i = 0; i < items.length; i++) {
      sum += weight(items[i]!);
      this.cumulative[i] = sum;
    }
    this.total = sum;
  }

  get size(): number {
    return this.items.length;
  }

  pick(random: Random): T | undefined {
    if (this.items.length === 0) return undefined;
    const target = random.next() * this.total;
    let low = 0;
    let high = this.items.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.cumulative[mid]! <= target) low = mid + 1;
      else high = mid;
    }
    return this.items[low];
  }

  /** Up to n distinct items (fewer when the group is small), never one of `except`. */
  distinct(random: Random, n: number, except: ReadonlySet<T>): T[] {
    const out = new Set<T>();
    const want = Math.min(n, this.items.length - except.size);
    for (let attempts = 0; out.size < want && attempts < want * 4 + 10; attempts++) {
      const item = this.pick(random)!;
      if (!except.has(item)) out.add(item);
    }
    return [...out];
  }
}
