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
