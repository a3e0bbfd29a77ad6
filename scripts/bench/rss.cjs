// Preloaded into a benchmarked process: writes its peak resident memory and the CPU time it used
// (user and system, in microseconds; worker threads and V8's own threads included, as they share
// the process) to the file named by BENCH_RSS_FILE when it exits, as `<maxRSS KiB> <CPU µs>`.
const { writeFileSync } = require('node:fs');
process.on('exit', () => {
  if (process.env.BENCH_RSS_FILE) {
    const u = process.resourceUsage();
    writeFileSync(process.env.BENCH_RSS_FILE, `${u.maxRSS} ${u.userCPUTime + u.systemCPUTime}`);
  }
});
