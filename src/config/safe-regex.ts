/**
 * Regular expressions a configuration supplies (data extensions such as
 * `placeholders.markers`, `pattern` in a user schema) run on JavaScript's backtracking
 * engine, where `(a+)+b` on 30 characters takes seconds and doubles with each one. A
 * configuration can come from a fork's pull request, so a pattern that can backtrack
 * catastrophically is refused with a configuration error, in two steps:
 *
 * 1. `recheck` (a maintained ReDoS checker) decides when it can: exponential patterns,
 *    nested (`(a+)+b`) or ambiguous (`(a|aa)+$`), are refused; safe ones and polynomial
 *    ones (bounded by the file size limit) are kept;
 * 2. when it cannot (lookarounds, back-references, large counted repetitions, or out of
 *    its time budget), a structural check decides: a repeated group that holds a repeated
 *    part (`(a+)+`, `(\w*\s?)*`, `(?:a{1,300})+`), the shape behind most exponential
 *    patterns (safe-regex's "star height"), is refused.
 *
 * The built-in data is checked the same way by the tests (test/security.test.ts), so it is
 * not checked again at each run.
 */
import { createRequire } from 'node:module';
import type { Bilingual } from '../types.js';

/** Whether a quantifier lets its atom repeat more than once (`*`, `+`, `{2}`, `{1,}`, `{0,300}`). */
function repeats(quantifier: string): boolean {
  if (quantifier === '*' || quantifier === '+') return true;
  const m = /^\{(\d+)(,(\d*))?\}$/.exec(quantifier);
  if (!m) return false;
  if (m[2] === undefined) return Number(m[1]) > 1;
  return m[3] === '' || Number(m[3]) > 1;
}

/** The quantifier at `i` (`*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}`), or '' when none. */
function quantifierAt(pattern: string, i: number): string {
  const c = pattern[i];
  if (c === '*' || c === '+' || c === '?') return c;
  if (c === '{') {
    const m = /^\{\d+(,\d*)?\}/.exec(pattern.slice(i, i + 24));
    if (m) return m[0];
  }
  return '';
}

/** True when a repeated group holds a repeated part: `(a+)+`, `(?:x|y*)*`. */
export function hasNestedRepetition(pattern: string): boolean {
  // One frame per open group: whether something inside it repeats.
  const stack: boolean[] = [];
  let i = 0;
  const markInner = () => {
    if (stack.length) stack[stack.length - 1] = true;
  };
  while (i < pattern.length) {
    const c = pattern[i]!;
    let atomEnd = i + 1;
    let innerRepeats = false;
    if (c === '\\') {
      // An escape: `\p{L}`, `\u{1F600}`, `\x41`, `\1`, `\k<name>`: skip its body.
      const next = pattern[i + 1];
      atomEnd = i + 2;
      if ((next === 'p' || next === 'P' || next === 'u') && pattern[i + 2] === '{') {
        const close = pattern.indexOf('}', i + 3);
        atomEnd = close === -1 ? pattern.length : close + 1;
      } else if (next === 'k' && pattern[i + 2] === '<') {
        const close = pattern.indexOf('>', i + 3);
        atomEnd = close === -1 ? pattern.length : close + 1;
      }
    } else if (c === '[') {
      let j = i + 1;
      if (pattern[j] === '^') j++;
      if (pattern[j] === ']') j++;
      while (j < pattern.length && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
      atomEnd = j + 1;
    } else if (c === '(') {
      stack.push(false);
      i++;
      if (pattern[i] === '?') {
        // `(?:`, `(?=`, `(?!`, `(?<=`, `(?<!`, `(?<name>`
        i++;
        if (pattern[i] === '<' && pattern[i + 1] !== '=' && pattern[i + 1] !== '!') {
          const close = pattern.indexOf('>', i);
          i = close === -1 ? pattern.length : close + 1;
        } else i += pattern[i] === '<' ? 2 : 1;
      }
      continue;
    } else if (c === ')') {
      innerRepeats = stack.pop() ?? false;
    }
    const quantifier = quantifierAt(pattern, atomEnd);
    if (quantifier && repeats(quantifier)) {
      if (innerRepeats) return true;
      markInner();
    } else if (innerRepeats) markInner();
    i = atomEnd + quantifier.length;
    // A lazy or possessive-looking suffix (`*?`) belongs to the quantifier.
    if (quantifier && pattern[i] === '?') i++;
  }
  return false;
}

interface Recheck {
  checkSync(source: string, flags: string, params?: Record<string, unknown>): { status: string; complexity?: { type: string } };
}
let recheck: Recheck | undefined;
const verdicts = new Map<string, Bilingual | undefined>();

/**
 * Why a pattern from the configuration is refused (bilingual), or undefined when it is
 * accepted. `flags` are those the pattern runs with.
 */
export function unsafePatternProblem(pattern: string, flags = 'u'): Bilingual | undefined {
  const key = `${flags}\u0000${pattern}`;
  if (verdicts.has(key)) return verdicts.get(key);
  let verdict: Bilingual | undefined;
  try {
    new RegExp(pattern, flags);
  } catch (e) {
    const reason = (e as Error).message.replace(/^Invalid regular expression: /, '');
    verdict = { en: `not a valid regular expression: ${reason}`, fr: `expression régulière non valide : ${reason}` };
  }
  if (!verdict) {
    // Loaded only when a configuration brings its own patterns (the checker is large).
    recheck ??= createRequire(import.meta.url)('recheck') as Recheck;
    const result = recheck.checkSync(pattern, flags.replace(/[gy]/g, ''), { timeout: 500, checker: 'automaton' });
    const nested = hasNestedRepetition(pattern);
    // recheck decides when it can; the structure decides when it cannot (lookarounds,
    // back-references, large counted repetitions, or out of time).
    const exponential = result.status === 'vulnerable' ? result.complexity?.type === 'exponential' : result.status !== 'safe' && nested;
    if (exponential && nested) {
      verdict = {
        en: 'this regular expression repeats a group that itself repeats (as `(a+)+`): it can take exponential time on some text; remove the inner or the outer repetition',
        fr: 'cette expression régulière répète un groupe qui se répète lui-même (comme `(a+)+`) : elle peut prendre un temps exponentiel sur certains textes; retirez la répétition intérieure ou extérieure',
      };
    } else if (exponential) {
      verdict = {
        en: 'this regular expression can match the same text in exponentially many ways (as `(a|aa)+`): it can take exponential time on some text; make its alternatives exclusive',
        fr: 'cette expression régulière peut reconnaître le même texte d’un nombre exponentiel de façons (comme `(a|aa)+`) : elle peut prendre un temps exponentiel sur certains textes; rendez ses choix exclusifs',
      };
    }
  }
  verdicts.set(key, verdict);
  return verdict;
}
