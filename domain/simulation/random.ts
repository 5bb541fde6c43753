// A seeded random source, so a simulation or a demo team decides the same way every time it sees
// the same case in the same state. Pure: no clock, no Math.random.

/** A random number in [0, 1) on every call. */
export type Random = () => number;

/** 32-bit FNV-1a of a string: turns a key (seed, case, step) into the generator's start. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The random source for one decision, named by its parts (seed, case, what is being decided): a
 * decision never depends on how many other decisions came before it, so the order in which cases are
 * visited cannot change what happens to any of them.
 */
export function randomFor(...key: (string | number)[]): Random {
  // mulberry32: small, fast, and good enough to draw behaviours.
  let a = hash32(key.join('|'));
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One of the options, drawn with the given weights (they need not sum to 1). */
export function pick<K extends string>(random: Random, weights: Record<K, number>): K {
  const entries = Object.entries(weights) as [K, number][];
  const total = entries.reduce((sum, [, w]) => sum + Math.max(0, w), 0);
  let x = random() * total;
  for (const [k, w] of entries) {
    x -= Math.max(0, w);
    if (x < 0) return k;
  }
  return entries[entries.length - 1][0];
}

/** A number in [from, to). */
export const between = (random: Random, from: number, to: number): number => from + (to - from) * random();
