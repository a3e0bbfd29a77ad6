// Whether a file descriptor is a terminal, as `require('node:tty').isatty(fd)` says, without
// loading `node:tty` (and with it `net`, some 5 ms of a pre-commit run) when a `stat` already
// tells: a regular file, a pipe or a socket (a hook's, an editor's or a CI job's output; Node
// gives a child process sockets) is never one.
// Used by bin/postings.js, and by the bundle in place of `node:tty` for chalk's colour
// detection (see scripts/bundle.mjs).
'use strict';
const { fstatSync } = require('node:fs');

let tty;
function isatty(fd) {
  try {
    const st = fstatSync(fd);
    if (st.isFile() || st.isFIFO() || st.isSocket()) return false;
  } catch {
    /* not answered by a stat (a closed descriptor, a console on Windows): tty.isatty decides */
  }
  return (tty ??= require('node:tty')).isatty(fd);
}

// Anything else chalk's detection might ask of `node:tty` comes from the real module.
module.exports = new Proxy({ isatty }, { get: (own, key) => (key in own ? own[key] : (tty ??= require('node:tty'))[key]) });
