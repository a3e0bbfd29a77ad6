/**
 * Test support: a real LSP client over stdio. Spawns the built `bin/postings.js lsp --stdio`
 * and talks JSON-RPC to it through vscode-languageserver-protocol, as an editor does.
 * Waiting is on notifications (diagnostics of a given document version), never on time;
 * the timeouts only stop a broken server from hanging the suite.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import protocol from 'vscode-languageserver-protocol/node';
import type {
  CodeAction,
  Diagnostic,
  Hover,
  InitializeParams,
  ProtocolConnection,
  PublishDiagnosticsParams,
  Range,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { BIN } from './harness.js';

const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = protocol;

/** A failure guard only: a healthy server answers in well under a second. */
const GUARD_MS = 30_000;

export const uriOf = (file: string) => pathToFileURL(file).href;

interface Waiter {
  uri: string;
  test: (p: PublishDiagnosticsParams) => boolean;
  resolve: (p: PublishDiagnosticsParams) => void;
}

export class LspClient {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly registrations: Array<{ method: string; registerOptions?: unknown }> = [];
  readonly stderr: string[] = [];
  private waiters: Waiter[] = [];
  private versions = new Map<string, number>();
  private texts = new Map<string, TextDocument>();
  /** Answers to `workspace/configuration` for the section `postings`. */
  settings: Record<string, unknown> = {};
  exitCode: Promise<number | null>;

  private constructor(
    readonly proc: ChildProcessWithoutNullStreams,
    readonly connection: ProtocolConnection,
  ) {
    this.exitCode = new Promise((resolve) => proc.on('exit', (code) => resolve(code)));
    proc.stderr.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.push(p);
      this.waiters = this.waiters.filter((w) => {
        if (w.uri !== p.uri || !w.test(p)) return true;
        w.resolve(p);
        return false;
      });
    });
    connection.onRequest('client/registerCapability', (p: { registrations: Array<{ method: string; registerOptions?: unknown }> }) => {
      this.registrations.push(...p.registrations);
      return null;
    });
    connection.onRequest('workspace/configuration', (p: { items: Array<{ section?: string }> }) =>
      p.items.map((i) => (i.section === 'postings' ? this.settings : null)),
    );
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onNotification('window/logMessage', () => undefined);
    connection.listen();
  }

  /** What this client says it supports; `relatedInformation` as VS Code says it. */
  static capabilities(options: { relatedInformation?: boolean } = {}): InitializeParams['capabilities'] {
    return clientCapabilities(options);
  }

  static async start(root: string, init: Partial<InitializeParams> = {}, env: Record<string, string> = {}): Promise<LspClient> {
    const proc = spawn(process.execPath, [BIN, 'lsp', '--stdio'], {
      cwd: root,
      env: { ...process.env, LANG: 'en_CA.UTF-8', LC_ALL: '', LC_MESSAGES: '', ...env },
    });
    const connection = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
    const client = new LspClient(proc, connection);
    await client.request('initialize', {
      processId: process.pid,
      rootUri: uriOf(root),
      workspaceFolders: [{ uri: uriOf(root), name: 'site' }],
      capabilities: clientCapabilities(),
      ...init,
    });
    connection.sendNotification('initialized', {});
    return client;
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return guard(this.connection.sendRequest(method, params) as Promise<R>, `${method} answered`);
  }

  /** The diagnostics the server publishes next for `file` that pass `test` (default: for the current version). */
  diagnostics(file: string, test?: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams> {
    const uri = uriOf(file);
    const version = this.versions.get(uri);
    const check = test ?? ((p: PublishDiagnosticsParams) => p.version === version);
    const seen = [...this.published].reverse().find((p) => p.uri === uri);
    if (seen && check(seen) && !test) return Promise.resolve(seen);
    return guard(
      new Promise<PublishDiagnosticsParams>((resolve) => this.waiters.push({ uri, test: check, resolve })),
      `diagnostics for ${file}`,
    );
  }

  open(file: string, text: string): void {
    const uri = uriOf(file);
    this.versions.set(uri, 1);
    this.texts.set(uri, TextDocument.create(uri, 'markdown', 1, text));
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  }

  /** An incremental edit, as editors send while the writer types. */
  edit(file: string, range: Range, newText: string): string {
    const uri = uriOf(file);
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    const doc = this.texts.get(uri)!;
    TextDocument.update(doc, [{ range, text: newText }], version);
    void this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range, text: newText }],
    });
    return doc.getText();
  }

  /** Apply a workspace edit (from a code action) to the buffer and send it as an editor does. */
  apply(file: string, edit: WorkspaceEdit): string {
    const uri = uriOf(file);
    const edits: TextEdit[] = edit.changes?.[uri] ?? [];
    const doc = this.texts.get(uri)!;
    const text = TextDocument.applyEdits(doc, edits);
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    TextDocument.update(doc, [{ text }], version);
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return text;
  }

  text(file: string): string {
    return this.texts.get(uriOf(file))!.getText();
  }

  close(file: string): void {
    const uri = uriOf(file);
    this.texts.delete(uri);
    this.versions.delete(uri);
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  codeActions(file: string, range: Range, diagnostics: Diagnostic[] = [], only?: string[]): Promise<CodeAction[]> {
    return this.request('textDocument/codeAction', {
      textDocument: { uri: uriOf(file) },
      range,
      context: { diagnostics, ...(only ? { only } : {}) },
    });
  }

  hover(file: string, position: { line: number; character: number }): Promise<Hover | null> {
    return this.request('textDocument/hover', { textDocument: { uri: uriOf(file) }, position });
  }

  filesChanged(changes: Array<{ file: string; type: 1 | 2 | 3 }>): void {
    void this.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: changes.map((c) => ({ uri: uriOf(c.file), type: c.type })),
    });
  }

  /** shutdown then exit; resolves with the server's exit code. */
  async stop(): Promise<number | null> {
    await this.request('shutdown', null);
    void this.connection.sendNotification('exit');
    const code = await guard(this.exitCode, 'server exited');
    this.connection.dispose();
    return code;
  }

  kill(): void {
    this.connection.dispose();
    if (this.proc.exitCode === null) this.proc.kill();
  }
}

function guard<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer (${what})`)), GUARD_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function clientCapabilities(options: { relatedInformation?: boolean } = {}): InitializeParams['capabilities'] {
  return {
    workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true }, workspaceFolders: true },
    textDocument: {
      publishDiagnostics: {
        codeDescriptionSupport: true,
        dataSupport: true,
        versionSupport: true,
        ...(options.relatedInformation ? { relatedInformation: true } : {}),
      },
      codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } } },
      hover: { contentFormat: ['markdown', 'plaintext'] },
    },
  };
}
