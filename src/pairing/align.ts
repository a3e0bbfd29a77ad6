/**
 * Sequence alignment of two lists with merges, in the manner of Gale and Church's sentence
 * alignment of translations: each step pairs one or two elements of one side with one or
 * two of the other, or leaves one element of a side without partner. The cheapest path
 * through the table wins; costs come from the caller (sizes, anchors, kinds).
 */

export interface Step {
  /** Indices on side A (0, 1 or 2 of them, consecutive). */
  a: number[];
  /** Indices on side B. */
  b: number[];
}

export interface AlignCosts<T> {
  /** Cost of pairing these elements, or undefined when they cannot pair. */
  pair(a: T[], b: T[]): number | undefined;
  /** Cost of an element with no partner. */
  skip(x: T, side: 'a' | 'b'): number;
}

/** Tables larger than this are not aligned (a posting of thousands of blocks): no steps. */
export const MAX_CELLS = 250_000;

const MOVES: Array<[number, number]> = [
  [1, 1],
  [1, 0],
  [0, 1],
  [2, 1],
  [1, 2],
];

/** The cheapest alignment of `A` and `B`, in order; undefined when the table would be too big. */
export function align<T>(A: readonly T[], B: readonly T[], costs: AlignCosts<T>): Step[] | undefined {
  const n = A.length;
  const m = B.length;
  if ((n + 1) * (m + 1) > MAX_CELLS) return undefined;
  const W = m + 1;
  // The runs of one and two elements the steps pair, made once each (not once per cell):
  // the costs may then keep what they compute for a run.
  const runs = <T>(X: readonly T[]): [T[][], T[][]] => [X.map((x) => [x]), X.map((x, i) => (i + 1 < X.length ? [x, X[i + 1]!] : [x]))];
  const [oneA, twoA] = runs(A);
  const [oneB, twoB] = runs(B);
  const best = new Float64Array((n + 1) * W).fill(Infinity);
  const move = new Int8Array((n + 1) * W).fill(-1);
  best[0] = 0;
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      const here = best[i * W + j]!;
      if (here === Infinity) continue;
      for (let k = 0; k < MOVES.length; k++) {
        const [di, dj] = MOVES[k]!;
        const ni = i + di;
        const nj = j + dj;
        if (ni > n || nj > m) continue;
        let c: number | undefined;
        if (di === 0) c = costs.skip(B[j]!, 'b');
        else if (dj === 0) c = costs.skip(A[i]!, 'a');
        else c = costs.pair(di === 1 ? oneA[i]! : twoA[i]!, dj === 1 ? oneB[j]! : twoB[j]!);
        if (c === undefined) continue;
        const total = here + c;
        if (total < best[ni * W + nj]! - 1e-9) {
          best[ni * W + nj] = total;
          move[ni * W + nj] = k;
        }
      }
    }
  }
  const steps: Step[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const k = move[i * W + j]!;
    const [di, dj] = MOVES[k]!;
    const a: number[] = [];
    const b: number[] = [];
    for (let x = i - di; x < i; x++) a.push(x);
    for (let y = j - dj; y < j; y++) b.push(y);
    steps.push({ a, b });
    i -= di;
    j -= dj;
  }
  return steps.reverse();
}
