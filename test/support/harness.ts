/**
 * Test support: load the real configuration and rules, lint fixture folders through the
 * real engine, and spawn the real bin.
 */
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join, relative, dirname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { rules } from '../../src/rules/index.js';
import { loadConfig } from '../../src/cli/config-loader.js';
import { resolveConfig, type RawConfig } from '../../src/config/resolve.js';
import { parsePosting } from '../../src/engine/parse.js';
import { lintPosting } from '../../src/engine/lint.js';
import { buildIndex } from '../../src/engine/project-index.js';
import { walkMarkdown } from '../../src/cli/files.js';
import { codeExtractor } from '../../src/lib/classification-codes.js';
import { outliner } from '../../src/pairing/outliner.js';
import type { Finding, GitInfo, IndexEntry, Locale, ProjectIndex, ResolvedConfig } from '../../src/types.js';
import { loadSite, siteConfigIn } from '../../src/site/load.js';
import { langOfSiteFile, pagesByFile, scanLayouts } from '../../src/cli/site.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURES = join(ROOT, 'fixtures');
export const BIN = join(ROOT, 'bin', 'postings.js');
export { rules };

/** The built-in configuration with `raw` applied, resolved like the CLI does. */
export function makeConfig(raw: RawConfig = {}): ResolvedConfig {
  const base = loadConfig({ cwd: ROOT, configFile: join(FIXTURES, 'empty-config.json'), rules }).config;
  if (Object.keys(raw).length === 0) return base;
  return resolveConfig({
    raw,
    rules,
    schema: base.schema,
    data: base.data,
    dataSchemas: loadDataSchemas(),
    configSchema: JSON.parse(readFileSync(join(ROOT, 'schemas', 'config.schema.json'), 'utf8')),
  });
}

function loadDataSchemas(): Record<string, object> {
  const dir = join(ROOT, 'schemas', 'data');
  const out: Record<string, object> = {};
  if (!existsSync(dir)) return out;
  for (const f of readdirSync(dir)) {
    if (f.endsWith('.schema.json')) out[f.replace(/\.schema\.json$/, '')] = JSON.parse(readFileSync(join(dir, f), 'utf8'));
  }
  return out;
}

/** Only `ruleId` on (at its default severity or `error`), every other rule off. */
export function onlyRule(ruleId: string, options?: Record<string, unknown>, extra: RawConfig = {}): ResolvedConfig {
  const ruleSettings: Record<string, unknown> = {};
  for (const r of rules) ruleSettings[r.meta.id] = 'off';
  const rule = rules.find((r) => r.meta.id === ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  const sev = rule.meta.defaultSeverity === 'off' ? 'error' : rule.meta.defaultSeverity;
  ruleSettings[ruleId] = options ? [sev, options] : sev;
  return makeConfig({ ...extra, rules: ruleSettings });
}

/**
 * Lint every Markdown file below `dir` as one project (the folder is the content root for
 * pairing). Returns findings by path relative to `dir`.
 */
export function lintFolder(dir: string, config: ResolvedConfig, locale: Locale = 'en'): Map<string, Finding[]> {
  const files = walkMarkdown(dir).sort();
  const parsed = files.map((f) => parsePosting(readFileSync(f, 'utf8'), f, config.language));
  const index = buildIndex(
    parsed.map((p) => ({ filePath: p.filePath, displayPath: rel(dir, p.filePath), parsed: p })),
    config.language,
    codeExtractor(config),
    outliner(config),
  );
  attachFixtureGit(dir, index);
  const out = new Map<string, Finding[]>();
  for (const p of parsed) {
    out.set(rel(dir, p.filePath), lintPosting(p, { filePath: p.filePath, config, rules, locale, project: index }));
  }
  return out;
}

export function lintString(text: string, filePath: string, config: ResolvedConfig, locale: Locale = 'en'): Finding[] {
  const p = parsePosting(text, filePath, config.language);
  const index = buildIndex([{ filePath, displayPath: filePath, parsed: p }], config.language, codeExtractor(config), outliner(config));
  return lintPosting(p, { filePath, config, rules, locale, project: index });
}

/**
 * What git would say of a fixture folder's postings, from its `git.json` (`{ "since"?: REF,
 * "files": { "en/x.md": GitInfo } }`): the rules read plain data, so fixtures can hold it.
 */
function attachFixtureGit(dir: string, index: ProjectIndex): void {
  const file = join(dir, 'git.json');
  if (!existsSync(file)) return;
  const data = JSON.parse(readFileSync(file, 'utf8')) as { since?: string; files: Record<string, GitInfo> };
  for (const e of index.entries as IndexEntry[]) {
    const info = data.files[rel(dir, e.filePath)];
    if (info) e.git = info;
  }
  if (data.since !== undefined) (index as { since?: string }).since = data.since;
}

function rel(dir: string, file: string): string {
  return relative(dir, file).split(sep).join('/');
}

/** `ruleId:line` or `ruleId:line:column`, as fixture expectations are written. */
export function signature(f: Finding, withColumn: boolean): string {
  return withColumn ? `${f.ruleId}:${f.line}:${f.column}` : `${f.ruleId}:${f.line}`;
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Spawn the real bin. */
export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string>; input?: string } = {}): CliRun {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), NO_COLOR: '1', LANG: 'en_CA.UTF-8' };
  delete env.FORCE_COLOR;
  delete env.LC_ALL;
  delete env.LC_MESSAGES;
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...env, ...(options.env ?? {}) },
    encoding: 'utf8',
    input: options.input,
    timeout: 60_000,
  });
  // A run killed by the timeout above is a hang (or a machine too loaded to test on): said as
  // such, with what it printed, rather than as an empty report compared with a full one.
  if (r.error) throw new Error(`postings ${args.join(' ')} (in ${options.cwd ?? ROOT}) did not end: ${r.error.message}; signal ${r.signal}; stderr: ${r.stderr?.slice(0, 2000)}`);
  // Nor is a run that a signal ended (a crash of node itself, the system's out-of-memory killer):
  // the command never ends so, and what it printed is not a report to compare.
  if (r.signal) throw new Error(`postings ${args.join(' ')} (in ${options.cwd ?? ROOT}) was ended by ${r.signal}; status ${r.status}; stdout: ${r.stdout?.slice(0, 500)}; stderr: ${r.stderr?.slice(0, 2000)}`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function isDir(p: string): boolean {
  return existsSync(p) && statSync(p).isDirectory();
}

/**
 * When `dir` is a Hugo site (a rule that reads the site: layouts, pages), the configuration
 * with that site model and the layouts of its postings scanned, as the CLI builds it.
 */
export async function withSite(dir: string, config: ResolvedConfig): Promise<ResolvedConfig> {
  const root = siteConfigIn(dir);
  if (!root) return config;
  const site = await loadSite(root, { paths: [], layouts: ['job-posting'] });
  const pages = pagesByFile(site);
  scanLayouts(
    site,
    walkMarkdown(dir).map((file) => {
      const page = pages.get(file);
      return { file, fm: page ? { layout: page.layout, type: page.type } : undefined, lang: langOfSiteFile(site, file) };
    }),
  );
  return { ...config, site };
}

/** Node 22.1 and later: a compile cache for ES modules; the command then runs its ES module bundle, and its workers the ES module worker. */
export const nodeHasCompileCache =
  Number(process.versions.node.split('.')[0]) > 22 || (process.versions.node.startsWith('22.') && Number(process.versions.node.split('.')[1]) >= 1);

/** Node with `args` in `cwd`, without NODE_OPTIONS: V8 takes a code cache only under the flags it was made with (the build's). */
export function nodeWithoutOptions(args: string[], cwd = ROOT, env: Record<string, string> = {}): SpawnSyncReturns<string> {
  const all: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', ...env };
  delete all.NODE_OPTIONS;
  return spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env: all });
}
