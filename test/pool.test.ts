/**
 * The lint pool on its own: what a run gets when its workers cannot start. (The pool's other
 * behaviour, order, time budget and memory cap, is tested through the command in
 * scale.test.ts and hostile.test.ts.)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LintPool } from '../src/runner/pool.js';
import { DEFAULT_LIMITS } from '../src/runner/limits.js';
import { rules } from '../src/rules/index.js';
import { makeConfig } from './support/harness.js';
import type { RunContext } from '../src/runner/job.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A worker file that fails as it loads, as a broken installation's would. */
function brokenWorker(): URL {
  const dir = mkdtempSync(join(tmpdir(), 'postings-pool-'));
  dirs.push(dir);
  const file = join(dir, 'worker.mjs');
  writeFileSync(file, "throw new Error('broken installation');\n");
  return pathToFileURL(file);
}

const context = (): RunContext => ({
  config: makeConfig(),
  locale: 'en',
  index: { entries: [] } as unknown as RunContext['index'],
  mode: 'lint',
  limits: DEFAULT_LIMITS,
  cwd: tmpdir(),
  cache: false,
});

const job = { files: [{ filePath: join(tmpdir(), 'posting.md') }] } as unknown as Parameters<LintPool['lint']>[0][number];

describe('a pool whose workers cannot start', () => {
  test('a run started after the workers failed is rejected with their error, not left waiting', async () => {
    // Workers start before the run is known (while the index is built): these fail first.
    const pool = new LintPool(2, DEFAULT_LIMITS, rules, brokenWorker());
    for (let i = 0; i < 400 && pool.size > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(pool.size).toBe(0);
    await expect(pool.lint([job], context(), () => {})).rejects.toThrow(/broken installation/);
  }, 30_000);

  test('a run that is waiting when they fail is rejected with their error', async () => {
    const pool = new LintPool(2, DEFAULT_LIMITS, rules, brokenWorker());
    await expect(pool.lint([job, job], context(), () => {})).rejects.toThrow(/broken installation/);
  }, 30_000);
});
