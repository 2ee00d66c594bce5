/** A closed interval [min, max] of a quantity, with the few operations the estimate needs. */
export interface Range { min: number; max: number }

export const ZERO: Range = { min: 0, max: 0 };

export function exact(value: number): Range {
  return { min: value, max: value };
}

export function add(...ranges: Range[]): Range {
  return ranges.reduce((sum, r) => ({ min: sum.min + r.min, max: sum.max + r.max }), ZERO);
}

/** `range` repeated between `times.min` and `times.max` times. */
export function times(range: Range, count: Range): Range {
  return { min: range.min * count.min, max: range.max * count.max };
}

export function scale(range: Range, factor: number): Range {
  return { min: range.min * factor, max: range.max * factor };
}

/** A node that may be skipped (route branch, rejected approval) costs nothing at best. */
export function optional(range: Range): Range {
  return { min: 0, max: range.max };
}
