// The bare parse of bare.mjs split over worker threads (as many as the machine has, or
// BENCH_WORKERS): each thread runs bare.mjs itself on every n-th file. The floor a linter that
// parses in parallel stands on, on this machine.
import { Worker } from 'node:worker_threads';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';

const [listFile] = process.argv.slice(2);
const files = readFileSync(listFile, 'utf8').split('\n').filter(Boolean);
const n = Math.max(1, Number(process.env.BENCH_WORKERS) || availableParallelism());
const dir = mkdtempSync(join(tmpdir(), 'postings-bare-'));
try {
  await Promise.all(
    Array.from({ length: n }, (_, w) => {
      const list = join(dir, `${w}.txt`);
      writeFileSync(list, files.filter((_, i) => i % n === w).join('\n'));
      return new Promise((resolve, reject) => {
        const worker = new Worker(new URL('./bare.mjs', import.meta.url), { argv: [list] });
        worker.once('error', reject);
        worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`a worker of the bare parse exited with ${code}`))));
      });
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
