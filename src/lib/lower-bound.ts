/**
 * The first index of a sorted list whose key is not below `x` (the list's length when every
 * key is below it): a binary search shared by the rule families.
 */
export function lowerBound<T>(list: ArrayLike<T>, x: number, key: (item: T) => number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(list[mid]!) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export const itself = (n: number): number => n;
