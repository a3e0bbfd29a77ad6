#!/usr/bin/env node
// The postings command. `npm run build` (run by `npm ci` / `npm install` through the
// `prepare` script) compiles src/ to dist/ and bundles the CLI into dist/bundle/.
import { existsSync } from 'node:fs';

// `postings lint … | head`: the reader went away; stop quietly, as other CLI tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const bundled = new URL('../dist/bundle/main.js', import.meta.url);
const { main, version } = await import(existsSync(bundled) ? bundled.href : '../dist/cli/main.js');

const code = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: Boolean(process.stdout.isTTY),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  version: version(),
});
process.exitCode = code;
