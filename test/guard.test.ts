/**
 * The in-thread time budget (src/runner/guard.ts): work that never ends, in JavaScript or in a
 * backtracking regular expression, is stopped and reported as timed out; other work returns
 * its value or its error, and the thread goes on working after a stop.
 */
import { runGuarded, TIMED_OUT } from '../src/runner/guard.js';

describe('runGuarded', () => {
  test('returns the value of work that ends', () => {
    expect(runGuarded(() => 6 * 7, 1000)).toBe(42);
  });

  test('passes on the error of work that fails', () => {
    expect(() =>
      runGuarded(() => {
        throw new RangeError('bad input');
      }, 1000),
    ).toThrow('bad input');
  });

  test('stops a loop that never ends, and the thread goes on', () => {
    let spins = 0;
    const out = runGuarded(() => {
      for (;;) spins++;
    }, 50);
    expect(out).toBe(TIMED_OUT);
    expect(spins).toBeGreaterThan(0);
    expect(runGuarded(() => 'after', 1000)).toBe('after');
  });

  test('stops a regular expression that backtracks for ever', () => {
    // (a+)+b on 60 `a`s: 2^60 ways to split them, none ends in b.
    expect(runGuarded(() => /(a+)+b/.test('a'.repeat(60)), 50)).toBe(TIMED_OUT);
  });
});
