import fc, { type GeneratorValue } from 'fast-check';
import { dateOf, dayNumber } from './fuzz-dates';

/** Draws made inside a case with fast-check's `fc.gen()`: replayed exactly from the run's seed. */
export type Gen = GeneratorValue;

/** A whole number in [min, max], biased (as fast-check is) towards the bounds and small values. */
export function int(g: Gen, min: number, max: number): number {
  return g(fc.integer, { min, max });
}

/** A whole number in [min, max], every one as likely: for choices, where a bias would skew the mix. */
export function uniform(g: Gen, min: number, max: number): number {
  return g((lo: number, hi: number) => fc.noBias(fc.integer({ min: lo, max: hi })), min, max);
}

export function pick<T>(g: Gen, list: readonly T[]): T {
  if (list.length === 0) throw new Error('pick from an empty list');
  return list[uniform(g, 0, list.length - 1)];
}

export function chance(g: Gen, probability: number): boolean {
  return uniform(g, 0, 999) < probability * 1000;
}

export function dateIn(g: Gen, from: string, to: string): string {
  return dateOf(int(g, dayNumber(from), dayNumber(to)));
}

const WORDS = ['Program', 'Berkah', 'Nelayan', 'Petani', 'Sumba', 'Desa', 'Lembang', 'Kader', 'Posyandu', 'Linmas'];

/** A short text of real words: the kind of name or reason a clerk types. */
export function words(g: Gen): string {
  return Array.from({ length: int(g, 1, 4) }, () => pick(g, WORDS)).join(' ');
}
