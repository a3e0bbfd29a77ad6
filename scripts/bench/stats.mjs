// Statistics the benchmarks share.

/** The quartiles of `xs`, [first, median, third], interpolated between samples (as R's type 7). */
export function quartiles(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q) => {
    const h = q * (s.length - 1);
    const lo = Math.floor(h);
    return s[lo] + (h - lo) * ((s[Math.min(lo + 1, s.length - 1)] ?? s[lo]) - s[lo]);
  };
  return [at(0.25), at(0.5), at(0.75)];
}

/** The median of `xs` (interpolated between the two middle samples of an even count). */
export const median = (xs) => quartiles(xs)[1];
