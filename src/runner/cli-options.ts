/** The lint options of the scale features: worker pool, limits, cache. */
import type { Command } from 'commander';
import type { Locale } from '../types.js';
import { ts } from '../i18n/scale.js';

export interface ScaleCliOptions {
  concurrency?: string;
  timeout?: string;
  maxFileSize?: string;
  cache?: boolean;
  cacheLocation?: string;
  cacheStrategy?: string;
}

export function addScaleOptions(lint: Command, locale: Locale): Command {
  return lint
    .option('--concurrency <n>', ts(locale, 'opt.concurrency'))
    .option('--timeout <seconds>', ts(locale, 'opt.timeout'))
    .option('--max-file-size <bytes>', ts(locale, 'opt.maxFileSize'))
    .option('--cache', ts(locale, 'opt.cache'))
    .option('--cache-location <path>', ts(locale, 'opt.cacheLocation'))
    .option('--cache-strategy <strategy>', ts(locale, 'opt.cacheStrategy'));
}

import type { ResolvedConfig } from '../types.js';
import { UsageError } from '../cli/errors.js';
import { PACKAGE_ROOT } from '../cli/package-root.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveLimits, type Limits } from './limits.js';
import type { Concurrency } from './run.js';
import type { CacheStrategy, ResultCache } from './cache.js';

/** The pool size and limits of a run, from the options; bad values are usage errors. */
export function scaleSettings(
  opts: ScaleCliOptions,
  locale: Locale,
  config: ResolvedConfig,
): { concurrency: Concurrency; limits: Limits } {
  let concurrency: Concurrency = 'auto';
  const c = opts.concurrency?.trim().toLowerCase();
  if (c !== undefined) {
    if (c === 'auto' || c === 'off') concurrency = c;
    else if (/^\d+$/.test(c) && Number(c) > 0) concurrency = Number(c);
    else throw new UsageError(ts(locale, 'err.concurrency', { value: opts.concurrency! }));
  }
  const positive = (option: string, value: string | undefined): number | undefined => {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!/^\s*\d*\.?\d+\s*$/.test(value) || !(n > 0)) throw new UsageError(ts(locale, 'err.positive', { option, value }));
    return n;
  };
  const limits = resolveLimits(config.settings, {
    timeout: positive('--timeout', opts.timeout),
    maxFileSize: positive('--max-file-size', opts.maxFileSize),
  });
  return { concurrency, limits };
}

/** The run's cache (`--cache`), read now, written at the end of the run. */
export async function openCache(
  io: { cwd: string; version: string },
  configFile: string | undefined,
  config: ResolvedConfig,
  locale: Locale,
  opts: ScaleCliOptions,
  /** The run's limits: a file too large or too slow under them has other results. */
  limits?: Limits,
): Promise<ResultCache> {
  const strategy = (opts.cacheStrategy ?? 'content').toLowerCase();
  if (strategy !== 'content' && strategy !== 'metadata') {
    throw new UsageError(ts(locale, 'err.cacheStrategy', { value: opts.cacheStrategy! }));
  }
  const { ResultCache: Cache, cachePath } = await import('./cache.js');
  return new Cache(cachePath(io.cwd, configFile, opts.cacheLocation), strategy as CacheStrategy, cacheTool(io.version), config, locale, limits ?? null);
}

/**
 * What the cache says made its results: the version, and the build's id (a hash of the
 * bundle's code, written by `npm run build`) when there is one: two builds of one version
 * (installed from git at two commits) do not share results.
 */
export function cacheTool(version: string, root = PACKAGE_ROOT): string {
  try {
    const id = readFileSync(join(root, 'dist', 'bundle', 'build-id'), 'utf8').trim();
    return /^[0-9a-f]{16}$/.test(id) ? `${version}+${id}` : version;
  } catch {
    return version;
  }
}

/**
 * Progress on a terminal's error output (files done of total), shown once a run has taken a
 * second and cleared at the end; never in CI logs, pipes or reports.
 */
export function progressLine(
  io: { stderr: (text: string) => void; stderrIsTTY?: boolean; env: Record<string, string | undefined> },
  locale: Locale,
): { update?: (done: number, total: number) => void; clear: () => void } {
  if (!io.stderrIsTTY || io.env.CI || io.env.TERM === 'dumb') return { clear: () => {} };
  const start = Date.now();
  let last = 0;
  let shown = false;
  return {
    update(done, total) {
      const now = Date.now();
      if (now - start < 1000 || (now - last < 100 && done < total)) return;
      last = now;
      shown = true;
      io.stderr(`\r${ts(locale, 'progress', { done, total })}\x1b[K`);
    },
    clear() {
      if (shown) io.stderr('\r\x1b[K');
    },
  };
}
