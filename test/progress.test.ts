/** Progress (issue 10): on a terminal's error output only, after a second, cleared at the end. */
import { jest } from '@jest/globals';
import { progressLine } from '../src/runner/cli-options.js';

describe('progress on a terminal', () => {
  const run = (io: { stderrIsTTY?: boolean; env?: Record<string, string> }, steps: Array<[number, number]>) => {
    const written: string[] = [];
    let now = 0;
    const clock = jest.spyOn(Date, 'now').mockImplementation(() => now);
    try {
      const p = progressLine({ stderr: (t) => written.push(t), stderrIsTTY: io.stderrIsTTY, env: io.env ?? {} }, 'en');
      for (const [at, done] of steps) {
        now = at;
        p.update?.(done, 10);
      }
      p.clear();
    } finally {
      clock.mockRestore();
    }
    return written;
  };
  const steps: Array<[number, number]> = [[100, 1], [900, 2], [1500, 5], [1550, 6], [2000, 10]];

  test('after a second, files done of total on the error output, cleared at the end', () => {
    expect(run({ stderrIsTTY: true }, steps)).toEqual(['\rpostings: 5/10 files\x1b[K', '\rpostings: 10/10 files\x1b[K', '\r\x1b[K']);
  });

  test('never when the error output is not a terminal, in CI, or on a dumb terminal', () => {
    expect(run({ stderrIsTTY: false }, steps)).toEqual([]);
    expect(run({ stderrIsTTY: true, env: { CI: 'true' } }, steps)).toEqual([]);
    expect(run({ stderrIsTTY: true, env: { TERM: 'dumb' } }, steps)).toEqual([]);
  });

  test('a run shorter than a second shows nothing, and clears nothing', () => {
    expect(run({ stderrIsTTY: true }, [[100, 5], [800, 10]])).toEqual([]);
  });
});
