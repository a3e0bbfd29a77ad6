/**
 * A full garbage collection at a phase boundary of a large run. Building the index of
 * thousands of files leaves tens of MiB of dead text and YAML nodes in this thread's old
 * generation, which V8 collects only when it next needs room, while the workers are growing
 * their own heaps: the run's peak was that garbage and the workers at once (issue 10: at
 * 16,848 files, 48 MiB of 79 MiB was dead when the first job was sent). Collecting it once,
 * when the index is done, keeps the peak near the steady state.
 *
 * `gc` is exposed the way the `expose-gc` package does it (the flag, then the function from a
 * fresh context), only when asked for, and once; if the platform refuses, nothing happens.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | null | undefined;

/** Collect now, when a run has this many files or more (a small run has little to free). */
export function collectAfterIndex(files: number, threshold = 2000): boolean {
  if (files < threshold) return false;
  return collect();
}

/**
 * Collect once every `every` files a large run lints: the main thread makes each linted
 * file's report piece and cache entry (a few KiB of text and JSON a file), and V8 grew its
 * heap rather than collect (a run of 3,120 files with --cache peaked 30 MB above the same
 * run without, and passed with the main thread's old space capped at 48 MiB). A collection
 * of that heap takes a few tens of milliseconds; results from the cache do not count.
 */
export function collectEvery(done: number, files: number, every = 2000): boolean {
  if (files < every || done % every !== 0) return false;
  return collect();
}

function collect(): boolean {
  if (gc === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc') as () => void;
    } catch {
      gc = null;
    }
  }
  if (!gc) return false;
  gc();
  return true;
}
