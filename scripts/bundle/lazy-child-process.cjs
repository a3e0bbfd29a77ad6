// commander requires `child_process` when it is loaded, for executable subcommands, which
// postings has none of; with it come `net` and `dgram`, 3 to 10 ms of a one-posting run.
// The bundle gives commander this instead: the module is loaded when a property is first read.
let loaded;
const load = () => (loaded ??= require('node:child_process'));
module.exports = new Proxy({}, { get: (_, key) => load()[key], has: (_, key) => key in load() });
