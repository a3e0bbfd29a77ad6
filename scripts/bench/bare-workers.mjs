// The bare parse of bare.mjs split over worker threads (as many as the machine has, or
// BENCH_WORKERS): each thread loads unified + remark-parse + remark-frontmatter and parses
// every n-th file. The floor a linter that parses in parallel stands on, on this machine.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

if (isMainThread) {
  const [listFile] = process.argv.slice(2);
  const files = readFileSync(listFile, 'utf8').split('\n').filter(Boolean);
  const n = Math.max(1, Number(process.env.BENCH_WORKERS) || availableParallelism());
  let nodes = 0;
  await Promise.all(
    Array.from({ length: n }, (_, w) =>
      new Promise((resolve, reject) => {
        const worker = new Worker(new URL(import.meta.url), { workerData: files.filter((_, i) => i % n === w) });
        worker.once('message', (count) => resolve((nodes += count)));
        worker.once('error', reject);
      }),
    ),
  );
  if (nodes < 0) console.log(nodes);
} else {
  const { unified } = await import('unified');
  const { default: remarkParse } = await import('remark-parse');
  const { default: remarkFrontmatter } = await import('remark-frontmatter');
  const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).freeze();
  let nodes = 0;
  for (const f of workerData) nodes += processor.parse(readFileSync(f, 'utf8')).children.length;
  parentPort.postMessage(nodes);
}
