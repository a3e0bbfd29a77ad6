/**
 * A time budget for synchronous work in this thread: `fn` runs under V8's own watchdog (the
 * `timeout` of node:vm, which stops the running code as Worker#terminate does, in the middle
 * of a parse or a backtracking regular expression), so a parse that goes superlinear is
 * stopped without a worker. Meant for one small file (a pre-commit hook, an editor's save),
 * where starting a worker and loading the parser and rules a second time cost more than the
 * lint: measured on the corpus, one posting linted this way instead of in a worker takes
 * 480 ms of CPU instead of 618 and 83 MiB instead of 105. The file must be small (the memory
 * a parse can take within the budget grows with the size, and this thread has no memory cap
 * of its own as a worker has).
 */
import { createContext, Script, type Context } from 'node:vm';

export const TIMED_OUT = Symbol('timed out');

/** A context of its own whose one global is the work to run (made on first use). */
let guard: { sandbox: { work?: () => unknown }; context: Context; script: Script } | undefined;

export function runGuarded<T>(fn: () => T, timeoutMs: number): T | typeof TIMED_OUT {
  if (!guard) {
    const sandbox: { work?: () => unknown } = {};
    guard = { sandbox, context: createContext(sandbox), script: new Script('work()', { filename: 'postings-guard.js' }) };
  }
  guard.sandbox.work = fn;
  try {
    return guard.script.runInContext(guard.context, { timeout: timeoutMs }) as T;
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return TIMED_OUT;
    throw e;
  } finally {
    guard.sandbox.work = undefined;
  }
}
