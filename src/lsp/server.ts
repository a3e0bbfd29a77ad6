/**
 * `postings lsp --stdio`: the language server. I/O around the pure engine, as the CLI is:
 * the editor's buffers in, diagnostics, code actions and hovers out. Each open posting is
 * linted on open and, debounced, after each change of its unsaved text; pair rules read an
 * index of the content root in which open buffers stand in for their files.
 */
import { basename, dirname, isAbsolute, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import lspNode from 'vscode-languageserver/node';
import type {
  CodeAction,
  CodeActionParams,
  Connection,
  Diagnostic,
  FileEvent,
  Hover,
  HoverParams,
  InitializeParams,
  InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, Locale, ParsedPosting, ResolvedConfig } from '../types.js';
import { rules } from '../rules/index.js';
import { lintPosting } from '../engine/lint.js';
import { parsePosting } from '../engine/parse.js';
import { codeActions, FIX_ALL_KIND } from './actions.js';
import { toDiagnostic, problemDiagnostic } from './diagnostics.js';
import { hoverFor } from './hover.js';
import { tl } from './messages.js';
import { isConfigFile, isSiteFile, Workspace, type OpenPosting, type SiteResult } from './workspace.js';
import { PACKAGE_ROOT, type LoadedConfig } from '../cli/config-loader.js';
import type { SiteModel } from '../site/model.js';

const { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, CodeActionKind, DidChangeWatchedFilesNotification, FileChangeType } = lspNode;

/** What the server holds for an open posting after its last lint. */
export interface LintState {
  version: number;
  /** The text the engine linted (BOM excluded) and its parse. */
  posting: ParsedPosting;
  /** 1 when the buffer starts with a BOM: LSP offsets count it, engine offsets do not. */
  bom: number;
  findings: Finding[];
  config: ResolvedConfig;
  locale: Locale;
  /** Lint another text of the same file with the same configuration and index (fix all). */
  relint: (text: string) => Finding[];
}

export interface ServerOptions {
  /** Locale when neither the client nor its settings say (from the environment). */
  fallbackLocale: Locale;
}

/** The locale of a tag such as `fr-CA` or `en`, if it is one of ours. */
export function localeOf(value: unknown): Locale | undefined {
  if (typeof value !== 'string') return undefined;
  if (/^fr\b/i.test(value)) return 'fr';
  if (/^en\b/i.test(value)) return 'en';
  return undefined;
}

export function filePathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function startServer(connection: Connection, options: ServerOptions): void {
  const documents = new TextDocuments(TextDocument);
  const states = new Map<string, LintState>();
  const timers = new Map<string, NodeJS.Timeout>();
  /** Each open posting's index entry at its last lint, to tell when its partners must be linted again. */
  const entries = new Map<string, string>();
  const parses = new Map<string, { version: number; config: ResolvedConfig; parsed: ParsedPosting }>();
  let workspace = new Workspace([]);
  let initLocale: Locale | undefined;
  let settingsLocale: Locale | undefined;
  let clientLocale: Locale | undefined;
  let debounceMs = 250;
  let canReadConfiguration = false;
  let canWatchFiles = false;
  /** The client takes a watcher's glob relative to a folder of ours (LSP 3.17 RelativePattern). */
  let canWatchRelative = false;
  let canWatchFolders = false;
  let canShowRelated = false;
  let folders: string[] = [];

  const locale = (): Locale => initLocale ?? settingsLocale ?? clientLocale ?? options.fallbackLocale;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const init = (params.initializationOptions ?? {}) as { locale?: unknown; debounce?: unknown };
    initLocale = localeOf(init.locale);
    clientLocale = localeOf(params.locale);
    if (typeof init.debounce === 'number' && init.debounce >= 0) debounceMs = init.debounce;
    folders = (params.workspaceFolders ?? []).map((f) => filePathOf(f.uri)).filter((f): f is string => Boolean(f));
    if (!folders.length && params.rootUri) {
      const root = filePathOf(params.rootUri);
      if (root) folders.push(root);
    }
    workspace = new Workspace(folders);
    canReadConfiguration = Boolean(params.capabilities.workspace?.configuration);
    canWatchFiles = Boolean(params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration);
    canWatchRelative = Boolean((params.capabilities.workspace?.didChangeWatchedFiles as { relativePatternSupport?: boolean } | undefined)?.relativePatternSupport);
    canWatchFolders = Boolean(params.capabilities.workspace?.workspaceFolders);
    canShowRelated = Boolean(params.capabilities.textDocument?.publishDiagnostics?.relatedInformation);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        hoverProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'postings' },
    };
  });

  connection.onInitialized(async () => {
    if (canWatchFiles) {
      await connection.client
        .register(DidChangeWatchedFilesNotification.type, {
          watchers: [
            { globPattern: '**/*.md' },
            // The site's other content pages (their URLs and layouts are in the site model).
            { globPattern: '**/content/**/*.{markdown,html,htm}' },
            { globPattern: '**/{postings.config.json,.postingsrc.json,.postingsrc.yaml,.postingsrc.yml,package.json,.postingsignore}' },
            // The Hugo site: its configuration and layouts.
            { globPattern: '**/{hugo,config}.{toml,yaml,yml,json}' },
            { globPattern: '**/config/**/*.{toml,yaml,yml,json}' },
            { globPattern: '**/layouts/**' },
          ],
        })
        .catch(() => undefined);
    }
    if (await refreshSettings()) relintAll();
    if (canWatchFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const next = new Set(folders);
        event.removed.forEach((f) => next.delete(filePathOf(f.uri) ?? ''));
        event.added.forEach((f) => next.add(filePathOf(f.uri) ?? ''));
        folders = [...next].filter(Boolean);
        workspace.setFolders(folders);
        relintAll();
      });
    }
  });

  /** A front matter schema of the user's (`schema` in the configuration): its changes re-lint too. */
  const schemas = new Set<string>();
  function watchSchema(schemaPath: string | undefined): void {
    if (!schemaPath || schemas.has(schemaPath) || schemaPath.startsWith(PACKAGE_ROOT + sep)) return;
    schemas.add(schemaPath);
    if (!canWatchFiles) return;
    void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [watcherIn(dirname(schemaPath), basename(schemaPath))] }).catch(() => undefined);
  }

  /**
   * A watcher of the files `pattern` matches in `dir`: relative to that folder when the client
   * takes such a pattern (LSP 3.17), else a glob on the folder's name, which a client matches
   * in the workspace (events from a folder of the same name elsewhere are read as any change).
   */
  function watcherIn(dir: string, pattern: string): { globPattern: string | { baseUri: string; pattern: string } } {
    return canWatchRelative ? { globPattern: { baseUri: pathToFileURL(dir).href, pattern } } : { globPattern: `**/${basename(dir)}/${pattern}` };
  }

  /**
   * Whether the watchers registered at start see `dir`: it is in a workspace folder, under a
   * folder named `name` there (their patterns name folders called content and layouts, and a
   * client matches them in its workspace).
   */
  function watchedAtStart(dir: string, name: string): boolean {
    return folders.some((folder) => {
      const rel = relative(folder, dir);
      return !rel.startsWith('..') && !isAbsolute(rel) && rel.split(sep).includes(name);
    });
  }

  /**
   * A loaded site's files that the watchers registered at start miss: its content folders
   * (`contentDir`) and layout folders (`layoutDir`, themes) when they are not under a folder
   * named `content` or `layouts` in the workspace, and, for a site whose root is outside the
   * workspace (a workspace opened on its `content/`), its configuration. Each is watched once,
   * from the first lint that loads its site.
   */
  const siteWatched = new Set<string>();
  function watchSite(site: SiteModel | undefined): void {
    if (!site || !canWatchFiles) return;
    const watchers: Array<ReturnType<typeof watcherIn>> = [];
    const add = (dir: string, pattern: string) => {
      const key = `${dir}\u0000${pattern}`;
      if (siteWatched.has(key)) return;
      siteWatched.add(key);
      watchers.push(watcherIn(dir, pattern));
    };
    const inWorkspace = (dir: string) => folders.some((f) => dir === f || dir.startsWith(f + sep));
    for (const language of site.languages) {
      const dir = language.contentDir;
      // Outside the workspace, the watcher of every Markdown file does not reach its postings either.
      if (!inWorkspace(dir)) add(dir, '**/*.{md,markdown,html,htm}');
      else if (!watchedAtStart(dir, 'content')) add(dir, '**/*.{markdown,html,htm}');
    }
    for (const dir of site.layoutDirs) if (!watchedAtStart(dir, 'layouts')) add(dir, '**/*');
    if (!inWorkspace(site.root)) {
      add(site.root, '{hugo,config}.{toml,yaml,yml,json}');
      add(site.root, 'config/**/*.{toml,yaml,yml,json}');
    }
    if (watchers.length) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }).catch(() => undefined);
  }

  /** Read `postings.locale` from the client's settings; true when it changed. */
  async function refreshSettings(): Promise<boolean> {
    if (!canReadConfiguration) return false;
    try {
      const value = (await connection.workspace.getConfiguration('postings')) as { locale?: unknown } | null;
      const next = localeOf(value?.locale);
      const changed = next !== settingsLocale;
      settingsLocale = next;
      return changed;
    } catch {
      return false;
    }
  }

  connection.onDidChangeConfiguration(async (change) => {
    const pushed = (change.settings as { postings?: { locale?: unknown } } | null)?.postings;
    if (pushed && 'locale' in pushed) settingsLocale = localeOf(pushed.locale);
    else await refreshSettings();
    relintAll();
  });

  /** The parse of an open document for the index, once per version and configuration. */
  function parsedOf(doc: TextDocument, file: string, config: ResolvedConfig): ParsedPosting {
    const hit = parses.get(doc.uri);
    if (hit && hit.version === doc.version && hit.config === config) return hit.parsed;
    const parsed = parsePosting(doc.getText(), file, config.language);
    parses.set(doc.uri, { version: doc.version, config, parsed });
    return parsed;
  }

  /** Lint a document now (its text when the site is at hand) and publish its diagnostics. Never throws. */
  async function lint(opened: TextDocument): Promise<LintState | undefined> {
    const file = filePathOf(opened.uri);
    const early = (diagnostics: Diagnostic[]) =>
      void connection.sendDiagnostics({ uri: opened.uri, version: opened.version, diagnostics }).catch(() => undefined);
    if (!file) {
      early([]);
      return undefined;
    }
    const loc = locale();
    const result = workspace.configFor(file);
    if (!result.ok) {
      // Only a posting hears about a broken configuration (as the CLI would tell).
      early(file.toLowerCase().endsWith('.md') ? [problemDiagnostic(result.failure.message[loc], 'config')] : []);
      return undefined;
    }
    watchSchema(result.loaded.config.schemaPath);
    let site: SiteResult;
    try {
      site = await workspace.siteFor(file, result.loaded.config);
    } catch (error) {
      site = { site: undefined };
      connection.console.error(`postings: ${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
    watchSite(site.site);
    // The text may have changed while the site loaded: lint what the editor has now.
    const doc = documents.get(opened.uri);
    if (!doc) return undefined;
    const publish = (diagnostics: Diagnostic[]) =>
      void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics }).catch(() => undefined);
    states.delete(doc.uri);
    if (site.failure) {
      publish(file.toLowerCase().endsWith('.md') ? [problemDiagnostic(site.failure.message[loc], 'config')] : []);
      return undefined;
    }
    try {
      return lintNow(doc, file, result.loaded, site.site, loc, publish);
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0]! : String(error);
      connection.console.error(`postings: ${doc.uri}: ${reason}`);
      publish([problemDiagnostic(tl(loc, 'lint.crashed', { reason }), 'internal')]);
      return undefined;
    }
  }

  /** The front matter values of an open posting, as the site decides whether it is a posting. */
  const fmOf = (parsed: ParsedPosting) => parsed.frontMatter?.data;

  function lintNow(
    doc: TextDocument,
    file: string,
    loaded: LoadedConfig,
    site: SiteModel | undefined,
    loc: Locale,
    publish: (diagnostics: Diagnostic[]) => void,
  ): LintState | undefined {
    if (!file.toLowerCase().endsWith('.md')) {
      publish([]);
      return undefined;
    }
    const posting = parsedOf(doc, file, loaded.config);
    if (!workspace.isPosting(file, loaded, site, fmOf(posting))) {
      publish([]);
      return undefined;
    }
    const config = workspace.withSite(loaded.config, site, file, fmOf(posting));
    const open: OpenPosting[] = [];
    for (const other of documents.all()) {
      const otherFile = filePathOf(other.uri);
      if (!otherFile || other.uri === doc.uri || !otherFile.toLowerCase().endsWith('.md')) continue;
      try {
        const parsed = parsedOf(other, otherFile, loaded.config);
        if (workspace.isPosting(otherFile, loaded, site, fmOf(parsed))) open.push({ filePath: otherFile, parsed });
      } catch {
        /* a partner that cannot be parsed is left out of the index */
      }
    }
    open.push({ filePath: file, parsed: posting });
    const project = workspace.projectFor(file, config, open);
    // What the other postings see of this one changed (key, language, title, …): they
    // are linted again. An edit of the body alone re-lints nothing else.
    const entry = JSON.stringify(project.entries.find((e) => e.filePath === file) ?? null);
    if (entries.get(doc.uri) !== entry) {
      if (entries.has(doc.uri)) relintAll(doc.uri);
      entries.set(doc.uri, entry);
    }
    const lintOptions = { filePath: file, config, rules, locale: loc, project };
    const findings = lintPosting(posting, lintOptions);
    const bom = posting.hasBom ? 1 : 0;
    const state: LintState = {
      version: doc.version,
      posting,
      bom,
      findings,
      config,
      locale: loc,
      relint: (text) => lintPosting(parsePosting(text, file, config.language), lintOptions),
    };
    states.set(doc.uri, state);
    publish(findings.map((f) => toDiagnostic(doc, bom, f, loc, { related: canShowRelated })));
    return state;
  }

  /** The lint state of the document as it is now (linted again when it changed since). */
  async function current(uri: string): Promise<{ doc: TextDocument; state: LintState } | undefined> {
    const doc = documents.get(uri);
    if (!doc) return undefined;
    let state = states.get(uri);
    if (!state || state.version !== doc.version || state.locale !== locale()) {
      cancel(uri);
      state = await lint(doc);
    }
    const now = documents.get(uri);
    return state && now && state.version === now.version ? { doc: now, state } : undefined;
  }

  function cancel(uri: string): void {
    const timer = timers.get(uri);
    if (timer) clearTimeout(timer);
    timers.delete(uri);
  }

  function schedule(uri: string): void {
    cancel(uri);
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        const doc = documents.get(uri);
        if (doc) void lint(doc);
      }, debounceMs),
    );
  }

  function relintAll(except?: string): void {
    for (const doc of documents.all()) if (doc.uri !== except) schedule(doc.uri);
  }

  /** The version each document was opened with: its first lint is not debounced. */
  const opened = new Map<string, number>();

  documents.onDidOpen(({ document }) => {
    opened.set(document.uri, document.version);
    void lint(document);
    // An open buffer stands in for its file: the other postings may pair with it.
    relintAll(document.uri);
  });

  documents.onDidChangeContent(({ document }) => {
    if (opened.get(document.uri) !== document.version) schedule(document.uri);
  });

  documents.onDidClose(({ document }) => {
    cancel(document.uri);
    states.delete(document.uri);
    parses.delete(document.uri);
    entries.delete(document.uri);
    opened.delete(document.uri);
    void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] }).catch(() => undefined);
    // Its unsaved text is gone: the index reads the file again.
    const file = filePathOf(document.uri);
    if (file) workspace.fileChanged(file, false);
    relintAll();
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    let touched = false;
    for (const change of changes as FileEvent[]) {
      const file = filePathOf(change.uri);
      if (!file) continue;
      if (isConfigFile(file) || schemas.has(file)) workspace.configChanged();
      else if (isSiteFile(file) || workspace.isLayoutFile(file)) workspace.siteChanged();
      else {
        workspace.fileChanged(file, change.type === FileChangeType.Deleted);
        // A page that comes or goes changes the site's pages (internal links).
        if (change.type !== FileChangeType.Changed) workspace.siteChanged();
      }
      touched = true;
    }
    if (touched) relintAll();
  });

  connection.onCodeAction(async (params: CodeActionParams): Promise<CodeAction[]> => {
    try {
      const hit = await current(params.textDocument.uri);
      if (!hit) return [];
      return codeActions(hit.doc, hit.state, params);
    } catch (error) {
      connection.console.error(`postings: code actions: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    }
  });

  connection.onHover(async (params: HoverParams): Promise<Hover | null> => {
    try {
      const hit = await current(params.textDocument.uri);
      if (!hit) return null;
      return hoverFor(hit.doc, hit.state, params.position);
    } catch (error) {
      connection.console.error(`postings: hover: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  });

  connection.onShutdown(() => {
    for (const uri of [...timers.keys()]) cancel(uri);
  });

  documents.listen(connection);
  connection.listen();
}

/** Run the server on the standard input and output until the client says exit. */
export function runLspStdio(fallbackLocale: Locale): Promise<number> {
  // The standard output carries the protocol: nothing else may write to it.
  console.log = console.error;
  console.info = console.error;
  console.warn = console.error;
  const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  // A bad buffer, or a bug, never takes the server down: log it and carry on.
  process.on('uncaughtException', (error) => connection.console.error(`postings: ${error.stack ?? error.message}`));
  process.on('unhandledRejection', (reason) => connection.console.error(`postings: ${String(reason)}`));
  startServer(connection, { fallbackLocale });
  return new Promise<number>(() => undefined);
}
