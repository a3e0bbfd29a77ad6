/**
 * When V8 compiles a function with its optimising compiler (TurboFan), in a command-line run
 * that lints in worker threads. Each file is linted once, then the run ends: with V8's default
 * budget a function is optimised after a few dozen calls, so every worker optimises some
 * thousand functions of the parser and the rules, and optimises again those it had to drop.
 * On this 2-core machine that compiling, in V8's background threads, took more processor time
 * than the parse itself (1,248 postings, one worker: 3.7 s against 2.4 s for a bare parse of
 * the same files), and left a second worker little to run on (at 524 files, two workers
 * finished no sooner than one).
 *
 * A budget about fifteen times V8's own (67,584) optimises only the functions that stay hot.
 * A dev probe alternating both (medians of 4 or 5 runs): 524 files 5.12 s → 3.97 s, the real
 * site from its root 2.42 s → 1.84 s, 1,248 postings 9.23 s → 7.39 s, 3,744 postings
 * 21.4 s → 19.6 s; 16,848 postings no change (the compiling is paid once a worker).
 *
 * Set before the first worker starts, not when the command starts: V8's flags are the
 * process's, and the main thread's own loops over every file (a warm `--cache` run of 16,848
 * files) ran slower under it (0.78 s → 0.90 s in `npm run bench`). Set too before one small
 * file is linted in the main thread (a pre-commit hook's run of one posting), once the index is
 * built: that lint is the one pass a worker would make, and V8's background threads spent more
 * processor time optimising it than it saved (`npm run bench:startup` on a posting of the real
 * site, the build before and after alternated, 3 × 21 runs: from the site's root about 2.5× →
 * 2.1× the bare parse in CPU time, 2.0× → 1.9× in wall time; see CHANGELOG). A flag set before the command's
 * code is loaded would make V8 reject the code cache of that code (bin/code-cache.cjs), and so
 * would a cache made after it was set: only the command's own process sets it (`CliIO.tiering`),
 * not the build's warm-up that makes the command's cache (scripts/bundle.mjs), nor the Node API
 * (its host's process, whose code caches would be made under it). The lint workers' cache is
 * the other way round: their script is compiled after the flags are set, so the build makes it
 * in a run of the command, under them (bin/lint-worker.cjs). Not set when the user gave node a
 * budget (`node --interrupt-budget=…`; Node refuses V8 flags in NODE_OPTIONS), nor on Node 22.1
 * and later, whose mid tier (Maglev) changes the cost measured here and whose compile cache
 * would keep code compiled under the flag for starts without it.
 */
import module from 'node:module';
import { setFlagsFromString } from 'node:v8';

export const INTERRUPT_BUDGET = 1_000_000;

/**
 * Regular expressions compiled to machine code on their first run. By default V8 first runs a
 * regular expression in its bytecode interpreter, then compiles it when it runs again: a
 * lint's patterns (dates, durations, amounts, terms, with `\p{L}` look-behinds and
 * case-insensitive Unicode classes) are interpreted slowly, and the hot ones are compiled all
 * the same (same matches either way). `npm run bench:startup` gives the before and after of
 * a whole run (see CHANGELOG). Set when the command starts, after its
 * code is loaded (a flag set before would make V8 reject the code cache), in the command's own
 * process only, as the budget above; not when the user chose (`node --regexp-tier-up`,
 * `--no_regexp_tier_up`, `--regexp-tier-up-ticks=N`), nor on Node 22.1 and later. It holds for
 * the expressions first run after it is set: the few that loading the command ran before
 * (commander's, modules' top levels) stay interpreted, as V8 counts no tier-up ticks under it;
 * the lint workers, started later in their own isolates, compile all theirs.
 */
export function regexpFlag(execArgv: readonly string[]): string | undefined {
  if (execArgv.some((a) => /^--(no[-_]?)?regexp[-_]tier[-_]up([-_]ticks)?(=|$)/.test(a))) return undefined;
  return '--no-regexp-tier-up';
}

/** The flag to set, or undefined when the user gave their own budget. */
export function tieringFlag(execArgv: readonly string[]): string | undefined {
  if (execArgv.some((a) => /^--interrupt[-_]budget(=|$)/.test(a))) return undefined;
  return `--interrupt-budget=${INTERRUPT_BUDGET}`;
}

/** Node 22.1 and later: a compile cache for ES modules, kept under the flags of the run that wrote it (see above). */
export const hasCompileCache = () => typeof (module as { enableCompileCache?: unknown }).enableCompileCache === 'function';

/**
 * A function that sets the flag `flagOf` gives (none when the user gave theirs) once a
 * process, on a Node without a compile cache for ES modules (before 22.1; see above).
 * Returns whether it set it.
 */
function oncePerProcess(flagOf: (execArgv: readonly string[]) => string | undefined): () => boolean {
  let set = false;
  return () => {
    if (set) return false;
    set = true;
    if (hasCompileCache()) return false;
    const flag = flagOf(process.execArgv);
    if (flag) setFlagsFromString(flag);
    return Boolean(flag);
  };
}

/**
 * The young generation kept at its first size, one semi-space of 1 MiB, in a run of one
 * file (a pre-commit hook's, an editor's): V8 doubles it when much of it survives a
 * collection, and every page a process touches for the first time costs it a page fault, some
 * 17 µs each on this project's CI machines. Kept small, the run collects it more often, into
 * pages it already has: one posting of the real site from its root made about 950 fewer page
 * faults (8,610 → 7,570; `npm run bench:startup` gives the time, see CHANGELOG). Set when
 * the command starts, as the flag above; V8's own factor (2) again as soon as the run has
 * more than one file, before any lint worker starts (a worker's isolate reads the flag too).
 * Not when the user gave a factor (`node --semi-space-growth-factor=…`).
 */
export function youngGenerationFlag(execArgv: readonly string[]): string | undefined {
  if (execArgv.some((a) => /^--semi[-_]space[-_]growth[-_]factor(=|$)/.test(a))) return undefined;
  return '--semi-space-growth-factor=1';
}

const setYoungGenerationSmall = oncePerProcess(youngGenerationFlag);
let youngGenerationSmall = false;

/** Once a process, when the command starts (see `youngGenerationFlag`). */
export function keepYoungGenerationSmall(): void {
  if (setYoungGenerationSmall()) youngGenerationSmall = true;
}

/** V8's own growth factor again, when the command set its own (a run of more than one file). */
export function letYoungGenerationGrow(): void {
  if (!youngGenerationSmall) return;
  youngGenerationSmall = false;
  setFlagsFromString('--semi-space-growth-factor=2');
}

/** Once a process, when the command starts (see `regexpFlag`). */
export const compileRegExpsAtOnce = oncePerProcess(regexpFlag);

/** Once a process, before the lint workers start or one small file is linted in this thread (see above). */
export const optimiseHotCodeOnly = oncePerProcess(tieringFlag);
