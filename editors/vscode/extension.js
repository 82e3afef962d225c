// winerr-ls for VS Code: starts the stdio language server through vscode-languageclient and passes the
// `winerr.*` settings as initializationOptions and workspace/didChangeConfiguration.
'use strict';
const fs = require('fs');
const path = require('path');
const vscode = require('vscode');
const { LanguageClient, DidChangeConfigurationNotification } = require('vscode-languageclient/node');

const LANGUAGES = ['log', 'plaintext', 'powershell', 'bat', 'shellscript', 'xml', 'json', 'ini'];
const HOW_TO_GET = 'Build it from the winerr-ls repository (cmake --build build/release, target winerr-ls) '
  + 'and put it on PATH, or set "winerr.server.path" to the binary.';
let client;
let output;

// Settings the server understands (contract: maxDiagnostics, showPossible, catalogPath, inlayHints).
function serverSettings() {
  const c = vscode.workspace.getConfiguration('winerr');
  return {
    maxDiagnostics: c.get('maxDiagnostics', 1000),
    showPossible: c.get('showPossible', true),
    catalogPath: c.get('catalogPath', ''),
    inlayHints: c.get('inlayHints', true),
  };
}

function isExecutable(p) {
  try { fs.accessSync(p, fs.constants.X_OK); return fs.statSync(p).isFile(); } catch (_) { return false; }
}

function onPath(name) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    if (!dir) continue;
    for (const ext of process.platform === 'win32' ? ['.exe', ''] : ['']) {
      const p = path.join(dir, name + ext);
      if (isExecutable(p)) return p;
    }
  }
  return undefined;
}

// winerr.server.path, else the binary bundled in server/, else winerr-ls on PATH.
// Returns { path } or { error } with a message that says how to get the binary.
function resolveServer(context) {
  const configured = vscode.workspace.getConfiguration('winerr').get('server.path', '').trim();
  if (configured) {
    const p = configured.replace(/^~(?=$|\/)/, process.env.HOME || '~');
    return isExecutable(p) ? { path: p }
      : { error: `winerr-ls: "winerr.server.path" is ${p}, which is not an executable file. ${HOW_TO_GET}` };
  }
  const bundled = context.asAbsolutePath(path.join('server', process.platform === 'win32' ? 'winerr-ls.exe' : 'winerr-ls'));
  if (fs.existsSync(bundled)) {
    // a .vsix does not always keep the executable bit
    if (!isExecutable(bundled)) { try { fs.chmodSync(bundled, 0o755); } catch (_) { /* reported below */ } }
    if (isExecutable(bundled)) return { path: bundled };
  }
  const found = onPath('winerr-ls');
  return found ? { path: found }
    : { error: `winerr-ls: the language server binary was not found (no bundled binary, no winerr-ls on PATH). ${HOW_TO_GET}` };
}

async function showError(message) {
  output.appendLine(message);
  const choice = await vscode.window.showErrorMessage(message, 'Open Settings', 'Show Output');
  if (choice === 'Open Settings') vscode.commands.executeCommand('workbench.action.openSettings', 'winerr.server.path');
  if (choice === 'Show Output') output.show();
}

async function start(context) {
  const server = resolveServer(context);
  if (server.error) { showError(server.error); return; }
  output.appendLine(`starting ${server.path}`);
  // No `transport` key: the server speaks LSP on stdio with or without --stdio.
  const serverOptions = { command: server.path, args: [] };
  const clientOptions = {
    documentSelector: [
      ...LANGUAGES.flatMap((language) => [{ scheme: 'file', language }, { scheme: 'untitled', language }]),
      { scheme: 'file', pattern: '**/*.log' },
    ],
    initializationOptions: serverSettings(),
    outputChannel: output,
    // trace level comes from winerr.trace.server (the client reads <id>.trace.server itself)
  };
  client = new LanguageClient('winerr', 'WinErr LS', serverOptions, clientOptions);
  try {
    await client.start();
  } catch (e) {
    const c = client; client = undefined;
    try { await c.dispose(); } catch (_) { /* already dead */ }
    showError(`winerr-ls: the language server ${server.path} failed to start: ${e && e.message ? e.message : e}. ${HOW_TO_GET}`);
  }
}

async function stop() {
  const c = client; client = undefined;
  if (c) { try { await c.stop(); } catch (_) { /* server already gone */ } }
}

async function activate(context) {
  output = vscode.window.createOutputChannel('WinErr LS');
  context.subscriptions.push(output,
    vscode.commands.registerCommand('winerr.restartServer', async () => { await stop(); await start(context); }),
    vscode.commands.registerCommand('winerr.showOutput', () => output.show()),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (!e.affectsConfiguration('winerr')) return;
      if (e.affectsConfiguration('winerr.server.path')) { await stop(); await start(context); return; }
      if (client && client.isRunning()) {
        client.sendNotification(DidChangeConfigurationNotification.type, { settings: { winerr: serverSettings() } });
      }
    }));
  await start(context);
}

function deactivate() { return stop(); }

module.exports = { activate, deactivate };
