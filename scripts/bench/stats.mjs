// Statistics the benchmarks share.

/** The quartiles of `xs`, [first, median, third], interpolated between samples (as R's type 7). */
export function quartiles(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q) => {
    const h = q * (s.length - 1);
    const lo = Math.floor(h);
    return s[lo] + (h - lo) * (s[Math.min(lo + 1, s.length - 1)] - s[lo]);
  };
  return [at(0.25), at(0.5), at(0.75)];
}

/** The median of `xs` (interpolated between the two middle samples of an even count). */
export const median = (xs) => quartiles(xs)[1];

/**
 * `runs` rounds of one sample of each case (`sample(case)`), the cases in turn: a machine
 * whose speed drifts (by a third within minutes, on this one) weighs on every case alike.
 * Returns each case's samples, in the order of the rounds.
 */
export function roundsInTurn(cases, runs, sample) {
  const samples = cases.map(() => []);
  for (let i = 0; i < runs; i++) cases.forEach((c, k) => samples[k].push(sample(c)));
  return samples;
}

/** The quartiles of each round's ratio of `xs[key]` to `base[key]` (samples of the same rounds). */
export const pairedRatio = (xs, base, key) => quartiles(xs.map((x, i) => x[key] / base[i][key]));

/** A paired ratio as the benchmarks print it: `1.23× (1.20–1.30)`, the median and its quartiles. */
export const formatRatio = (q) => `${q[1].toFixed(2)}× (${q[0].toFixed(2)}–${q[2].toFixed(2)})`;
