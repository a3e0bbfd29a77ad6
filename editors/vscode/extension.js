// A minimal VS Code extension: starts `postings lsp --stdio` for Markdown files and lets
// vscode-languageclient do the rest (diagnostics, quick fixes, fix all on save, hover).
// Install: `npm install` in this folder, then `code --install-extension` on a packaged
// .vsix (`npx @vscode/vsce package`), or open this folder and press F5 to try it.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

/** The postings command: the setting, the workspace's own install, else the PATH. */
function serverCommand() {
  const configured = vscode.workspace.getConfiguration('postings').get('path');
  if (configured) return configured;
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const local = join(folder.uri.fsPath, 'node_modules', '.bin', process.platform === 'win32' ? 'postings.cmd' : 'postings');
    if (existsSync(local)) return local;
  }
  return 'postings';
}

async function activate(context) {
  const command = serverCommand();
  const run = { command, args: ['lsp'], transport: TransportKind.stdio, options: { shell: process.platform === 'win32' } };
  client = new LanguageClient(
    'postings',
    'postings',
    { run, debug: run },
    {
      documentSelector: [{ scheme: 'file', language: 'markdown' }],
      // The server asks for `postings.locale` itself and hears when it changes.
      synchronize: {
        configurationSection: 'postings',
        fileEvents: [
          vscode.workspace.createFileSystemWatcher('**/*.md'),
          vscode.workspace.createFileSystemWatcher('**/{postings.config.json,.postingsrc.json,.postingsrc.yaml,.postingsrc.yml,package.json,.postingsignore}'),
          // The Hugo site: its configuration and layouts decide which pages are postings.
          vscode.workspace.createFileSystemWatcher('**/{hugo,config}.{toml,yaml,yml,json}'),
          vscode.workspace.createFileSystemWatcher('**/config/**/*.{toml,yaml,yml,json}'),
          vscode.workspace.createFileSystemWatcher('**/layouts/**'),
        ],
      },
    },
  );
  context.subscriptions.push(client);
  await client.start();
}

function deactivate() {
  return client?.stop();
}

module.exports = { activate, deactivate };
