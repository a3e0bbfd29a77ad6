/**
 * The pre-commit run (issue 10, point 4): one posting of a site. Counts of work only, never
 * timings: the code cache the build wrote is the one the command compiles with (on Node 20),
 * and gives the same report as the ES module bundle; the run loads no Node module it does not
 * use; the words of every table are compiled only when a text reaches them.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, FIXTURES, ROOT, nodeHasCompileCache, nodeWithoutOptions, runCli } from './support/harness.js';
import { tempDir } from './support/temp-site.js';

const node = (args: string[], cwd = ROOT) => nodeWithoutOptions(args, cwd);

/** A site of a translated pair (the pairing rules parse the partner too) and other postings. */
function site(): { dir: string; posting: string } {
  const dir = tempDir('one-posting');
  cpSync(join(FIXTURES, 'clean-pair', 'content'), join(dir, 'content'), { recursive: true });
  const posting = 'content/en/careers/positions/senior-developer--0b5c3a2e-7d5f-4c1e-9a3b-2f6d8e9c1a4b.md';
  return { dir, posting };
}

describe('the command on Node 20: one script compiled with the code cache of the build', () => {
  const run = nodeHasCompileCache ? test.skip : test;

  run('the cache fits this Node and this script: V8 takes it', () => {
    const probe = [
      "import { readFileSync } from 'node:fs';",
      "import { createRequire } from 'node:module';",
      "const { compileCli, CLI_CACHE, CLI_SCRIPT, cacheKey } = createRequire(process.cwd() + '/')('./bin/code-cache.cjs');",
      'const bytes = readFileSync(CLI_CACHE);',
      'const newline = bytes.indexOf(10);',
      "const key = bytes.toString('latin1', 0, newline);",
      'const { script, exports } = compileCli(bytes.subarray(newline + 1));',
      "console.log(JSON.stringify({ key, expected: cacheKey(readFileSync(CLI_SCRIPT).length), rejected: script.cachedDataRejected, main: typeof exports.main, ascii: !/[^\\x00-\\x7f]/.test(readFileSync(CLI_SCRIPT, 'latin1')) }));",
    ].join('\n');
    const r = node(['--input-type=module', '-e', probe]);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { key: string; expected: string; rejected: boolean; main: string; ascii: boolean };
    expect(out.key).toBe(out.expected);
    expect(out.rejected).toBe(false);
    expect(out.main).toBe('function');
    // Read as a one-byte string: no UTF-8 decode, and the letters of its expressions intact (below).
    expect(out.ascii).toBe(true);
  });

  run('the bin loads the command from the cache, not from the ES module bundle: one script, its cache taken', () => {
    // Every vm.Script the loader makes, with whether V8 took its cache.
    const probe = `const vm = require('node:vm'); const Script = vm.Script; const made = [];
      vm.Script = function (source, options) { const s = new Script(source, options); made.push({ length: source.length, cached: Boolean(options && options.cachedData), rejected: s.cachedDataRejected }); return s; };
      const { loadCachedCli, CLI_SCRIPT } = require(${JSON.stringify(join(ROOT, 'bin', 'code-cache.cjs'))});
      const cli = loadCachedCli();
      console.log(JSON.stringify({ main: typeof (cli && cli.main), made, size: require('node:fs').statSync(CLI_SCRIPT).size }));`;
    const r = node(['-e', probe]);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { main: string; made: Array<{ length: number; cached: boolean; rejected: boolean }>; size: number };
    expect(out.main).toBe('function');
    expect(out.made).toEqual([{ length: out.size, cached: true, rejected: false }]);
  });

  run('the cached script reports what the ES module bundle reports, in English and in French', () => {
    const { dir, posting } = site();
    // A French mistake, so that expressions with accented letters (escaped in the script) run.
    const fr = join(dir, 'content/fr/careers/positions/developpeur-principal-ou-developpeuse-principale--0b5c3a2e-7d5f-4c1e-9a3b-2f6d8e9c1a4b.md');
    writeFileSync(fr, readFileSync(fr, 'utf8') + '\nNous cherchons un développeur·se et des employé(e)s motivé.e.s.\n');
    for (const args of [['lint', '-f', 'json', posting], ['lint', '--locale', 'fr', 'content'], ['lint', '-f', 'json', 'content']]) {
      const viaBin = runCli(args, { cwd: dir });
      const esm = node(
        [
          '--input-type=module',
          '-e',
          `import { main, version } from ${JSON.stringify(join(ROOT, 'dist', 'bundle', 'main.js'))};
           let out = ''; let err = '';
           const env = { ...process.env, LANG: 'en_CA.UTF-8' };
           delete env.LC_ALL; delete env.LC_MESSAGES; delete env.FORCE_COLOR;
           process.exitCode = await main(${JSON.stringify(args)}, { cwd: process.cwd(), env, stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, isTTY: false, version: version() });
           process.stdout.write(out); process.stderr.write(err);`,
        ],
        dir,
      );
      expect([args, viaBin.stdout]).toEqual([args, esm.stdout]);
      expect(viaBin.status).toBe(esm.status);
    }
  });

  run('the script is minified, yet `--debug` prints an internal error with the functions by their names', () => {
    const { dir, posting } = site();
    // An internal error in the JSON reporter: JSON.stringify throws on the report's items.
    const preload = join(dir, 'boom.cjs');
    writeFileSync(
      preload,
      "const s = JSON.stringify; JSON.stringify = function (v, ...r) { const item = Array.isArray(v) ? v[0] : v; if (item && typeof item === 'object' && 'filePath' in item) throw new Error('boom'); return s.call(this, v, ...r); };",
    );
    const plain = node(['-r', preload, BIN, 'lint', '-f', 'json', posting], dir);
    expect(plain.status).toBe(2);
    expect(plain.stderr).toContain('Internal error: boom (run again with --debug');
    expect(plain.stderr).not.toContain('    at ');
    // The minified script names none of its functions as the source does.
    expect(readFileSync(join(ROOT, 'dist', 'bundle', 'cli.cjs'), 'latin1')).not.toMatch(/function runFiles\b/);
    const debug = node(['-r', preload, BIN, 'lint', '-f', 'json', '--debug', posting], dir);
    expect(debug.status).toBe(2);
    expect(debug.stderr).toMatch(/\n {4}at runFiles \(/);
  });

  run('`new`, left out of the script, still runs from it: through its chunk of the ES module bundle', () => {
    const dir = tempDir('one-posting-new');
    const probe = `const { compileCli } = require(${JSON.stringify(join(ROOT, 'bin', 'code-cache.cjs'))});
      const { exports } = compileCli(undefined);
      let out = '';
      exports.main(['new', 'data-analyst', '--title-en', 'Data analyst', '--title-fr', 'Analyste de données', '--classification', 'EC-05'],
        { cwd: process.cwd(), env: {}, stdout: (t) => { out += t; }, stderr: (t) => { out += t; }, isTTY: false, version: '0' })
        .then((code) => console.log(JSON.stringify({ code, out })));`;
    const r = node(['-e', probe], dir);
    const { code, out } = JSON.parse(r.stdout) as { code: number; out: string };
    expect(out).toContain('content/en/careers/positions/data-analyst.md');
    expect(code).toBe(0);
    expect(readFileSync(join(dir, 'content/fr/careers/positions/analyste-de-données.md'), 'utf8')).toContain('Analyste de données');
  });
});

test('one posting loads no Node module a plain lint does not use (crypto hashes only for the cache, a baseline, a write; child_process runs git only in a repository; no worker, no terminal)', () => {
  const { dir, posting } = site();
  // A French paragraph of more than 200 characters: its finding's baseline text would be hashed.
  const french =
    'Nous accueillons les candidatures de toutes les personnes, et nous garderons cette offre ouverte jusqu’à la fin de l’année, lorsque l’équipe lira chaque candidature, rencontrera les personnes qui ont postulé et répondra à chacune.';
  writeFileSync(join(dir, posting), readFileSync(join(dir, posting), 'utf8') + `\n${french}\n`);
  const list = join(dir, 'modules.txt');
  const preload = join(dir, 'modules.cjs');
  writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(list)}, process.moduleLoadList.join('\\n')));`);
  const modules = () => readFileSync(list, 'utf8').split('\n');
  const lint = (...args: string[]) => node(['--require', preload, BIN, 'lint', ...args, posting], dir);
  const r = lint('-f', 'json');
  expect(r.status).toBe(1);
  expect(r.stdout).toContain('"language/mismatch"');
  expect(modules()).not.toContain('NativeModule crypto');
  // Outside a git repository, no git is run: child_process (and net, dgram) is not loaded.
  expect(modules()).not.toContain('NativeModule child_process');
  // One small posting is linted in the command's thread: no worker.
  expect(modules()).not.toContain('NativeModule worker_threads');
  // The output is a pipe, not a terminal: no tty (and its net), for chalk's detection either.
  expect(modules()).not.toContain('NativeModule tty');
  expect(modules()).not.toContain('NativeModule net');
  // With --cache, the file's bytes are hashed: then it is loaded.
  expect(lint('--cache', '-f', 'json').status).toBe(1);
  expect(modules()).toContain('NativeModule crypto');
  // With a baseline, the long text of the finding is kept (with a hash), and matched.
  expect(lint('--update-baseline').status).toBe(0);
  const again = lint('-f', 'json');
  expect(modules()).toContain('NativeModule crypto');
  expect(again.status).toBe(0);
  expect(again.stdout).not.toContain('language/mismatch');
});

test('a run of a Hugo site, of one posting or of all, never sorts by locale (ICU collation costs its first call about 7 ms)', () => {
  const dir = tempDir('one-posting-collation');
  cpSync(join(FIXTURES, 'hugo-site'), dir, { recursive: true });
  const preload = join(dir, 'collation.cjs');
  writeFileSync(
    preload,
    `let n = 0; const lc = String.prototype.localeCompare; String.prototype.localeCompare = function (...a) { n++; return lc.apply(this, a); };
     const C = Intl.Collator; Intl.Collator = function (...a) { n++; return new C(...a); };
     process.on('exit', () => process.stderr.write('collations: ' + n + '\\n'));`,
  );
  for (const args of [['lint', '-f', 'json', 'content/en/careers/positions/developer.md'], ['lint', 'content']]) {
    const r = node(['--require', preload, BIN, ...args], dir);
    expect(r.stdout).toContain('developer.md');
    expect(r.stderr).toContain('collations: 0');
  }
});

test('in a Hugo site, the index takes the front matter the site model read: the main thread reads the posting and its partner only', () => {
  const dir = tempDir('one-posting-hugo');
  cpSync(join(FIXTURES, 'hugo-site'), dir, { recursive: true });
  const reads = (args: string[]) => {
    const r = runCli(['lint', '-f', 'json', '--debug', ...args], { cwd: dir });
    return { reads: Number(/(\d+) files read by the main thread/.exec(r.stderr)![1]), partners: Number(/(\d+) partners parsed only to compare/.exec(r.stderr)![1]), stdout: r.stdout };
  };
  const one = reads(['content/en/careers/positions/developer.md']);
  // The linted posting (read whole for its classification codes) and its French partner.
  expect(one).toMatchObject({ reads: 2, partners: 1 });
  // The same findings for that posting as a run of the whole site.
  const all = JSON.parse(reads(['content']).stdout) as Array<{ filePath: string }>;
  expect(JSON.parse(one.stdout)[0]).toEqual(all.find((r) => r.filePath.endsWith('developer.md')));
});
