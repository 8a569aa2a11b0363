/**
 * Seeded randomness for the demo dataset: the same seed gives the same numbers, and ids, on every
 * machine. Never Math.random or the wall clock.
 */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** mulberry32: uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** Integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** One of `items`, chosen with the matching weight. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    let r = this.next() * weights.reduce((a, b) => a + b, 0);
    for (let i = 0; i < items.length; i++) {
      r -= weights[i]!;
      if (r < 0) return items[i]!;
    }
    return items[items.length - 1]!;
  }

  /** Roughly normal (Irwin–Hall of four uniforms), mean 0, standard deviation ~1. */
  normal(): number {
    return (this.next() + this.next() + this.next() + this.next() - 2) * Math.sqrt(3);
  }

  private hex(digits: number): string {
    let out = '';
    while (out.length < digits) out += Math.floor(this.next() * 0x10000).toString(16).padStart(4, '0');
    return out.slice(0, digits);
  }

  /** A UUIDv7 whose timestamp is the row's own instant, so ids sort like the rows they name. */
  uuidv7(ms: number): string {
    const ts = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0').slice(-12);
    const variant = (8 + this.int(0, 3)).toString(16);
    return `${ts.slice(0, 8)}-${ts.slice(8)}-7${this.hex(3)}-${variant}${this.hex(3)}-${this.hex(12)}`;
  }
}
