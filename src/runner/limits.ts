/**
 * The limits that keep one hostile file from hanging or exhausting a run: a time budget per
 * file, a size limit, and a memory cap per worker. Set in the configuration (`limits`) or on
 * the command line (`--timeout`, `--max-file-size`).
 */
export interface Limits {
  /** Time budget of one file, in milliseconds. */
  timeoutMs: number;
  /** Files larger than this (bytes) are not parsed: `internal/too-large`. */
  maxFileSize: number;
  /** Old-generation heap of each worker, in MiB. */
  memoryMb: number;
}

export const DEFAULT_LIMITS: Limits = { timeoutMs: 5_000, maxFileSize: 1 << 20, memoryMb: 768 };

/** The limits from the configuration's `limits` setting, with command-line overrides. */
export function resolveLimits(
  settings: Record<string, unknown>,
  cli: { timeout?: number; maxFileSize?: number } = {},
): Limits {
  const raw = (settings.limits ?? {}) as { timeout?: unknown; maxFileSize?: unknown; memory?: unknown };
  const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined);
  const seconds = cli.timeout ?? num(raw.timeout);
  return {
    timeoutMs: seconds !== undefined ? Math.round(seconds * 1000) : DEFAULT_LIMITS.timeoutMs,
    maxFileSize: cli.maxFileSize ?? num(raw.maxFileSize) ?? DEFAULT_LIMITS.maxFileSize,
    memoryMb: num(raw.memory) ?? DEFAULT_LIMITS.memoryMb,
  };
}
