/**
 * A small seeded pseudo-random generator (sfc32, seeded through splitmix32): the same seed
 * gives the same sequence on every platform, which keeps demo inboxes byte-identical.
 */
export class SeededRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareNormal: number | null = null;

  constructor(seed: number) {
    let state = seed >>> 0;
    const next = (): number => {
      state = (state + 0x9e3779b9) >>> 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i += 1) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** Uniform integer in [low, high], both included. */
  int(low: number, high: number): number {
    return low + Math.floor(this.next() * (high - low + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('Cannot pick from an empty list.');
    return item;
  }

  normal(): number {
    if (this.spareNormal !== null) {
      const spare = this.spareNormal;
      this.spareNormal = null;
      return spare;
    }
    // Box-Muller; 1 - next() avoids log(0).
    const radius = Math.sqrt(-2 * Math.log(1 - this.next()));
    const angle = 2 * Math.PI * this.next();
    this.spareNormal = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }

  /** Poisson-distributed count (normal approximation for large means). */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 60) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = Math.exp(-mean);
    let count = 0;
    let product = this.next();
    while (product > limit) {
      count += 1;
      product *= this.next();
    }
    return count;
  }

  /** Binomial count of successes in `trials` (normal approximation for many trials). */
  binomial(trials: number, probability: number): number {
    if (trials > 200) {
      const mean = trials * probability;
      const sd = Math.sqrt(trials * probability * (1 - probability));
      return Math.min(trials, Math.max(0, Math.round(mean + sd * this.normal())));
    }
    let successes = 0;
    for (let i = 0; i < trials; i += 1) if (this.next() < probability) successes += 1;
    return successes;
  }
}

/** Picks from a fixed weighted list in O(log n). */
export class WeightedChoice<T> {
  private readonly cumulative: number[] = [];
  private readonly items: T[] = [];
  private readonly total: number;

  constructor(weights: readonly (readonly [T, number])[]) {
    let sum = 0;
    for (const [item, weight] of weights) {
      sum += weight;
      this.items.push(item);
      this.cumulative.push(sum);
    }
    this.total = sum;
  }

  pick(random: SeededRandom): T {
    const target = random.next() * this.total;
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((this.cumulative[mid] ?? 0) > target) high = mid;
      else low = mid + 1;
    }
    const item = this.items[low];
    if (item === undefined) throw new Error('Weighted choice has no items.');
    return item;
  }
}

/** murmur3's 32-bit finaliser: a bijection, so distinct inputs never share an output. */
function mix32(value: number): number {
  let z = value >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * A pseudonymised child identifier for child number `index` under `seed`: `C` and 8 hex digits.
 * Distinct indexes give distinct identifiers (the mix is a bijection on 32 bits).
 */
export function pseudonymousChildId(seed: number, index: number): string {
  const key = mix32(seed ^ 0x5bd1e995);
  return `C${mix32((index ^ key) >>> 0)
    .toString(16)
    .padStart(8, '0')}`;
}
