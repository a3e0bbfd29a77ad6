#!/usr/bin/env node
// The postings command. The TypeScript sources are compiled to dist/ by `npm run build`
// (run by `npm ci` / `npm install` through the `prepare` script).
import { main, version } from '../dist/cli/main.js';

const code = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: Boolean(process.stdout.isTTY),
  version: version(),
});
process.exitCode = code;
