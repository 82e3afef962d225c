// winerr-ls for VS Code: starts the stdio language server through vscode-languageclient and passes the
// `winerr.*` settings as initializationOptions and workspace/didChangeConfiguration.
'use strict';
const vscode = require('vscode');
const { LanguageClient, DidChangeConfigurationNotification } = require('vscode-languageclient/node');
const { resolveServer, HOW_TO_GET } = require('./resolve');

const LANGUAGES = ['log', 'plaintext', 'powershell', 'bat', 'shellscript', 'xml', 'json', 'ini'];
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

// One error per failed start, with two ways out; never the client library's own popups.
async function showError(context, message) {
  output.appendLine(message);
  const choice = await vscode.window.showErrorMessage(message, 'Open Settings', 'Install Page', 'Show Output');
  if (choice === 'Open Settings') vscode.commands.executeCommand('workbench.action.openSettings', 'winerr.server.path');
  if (choice === 'Install Page') vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.file(context.asAbsolutePath('README.md')));
  if (choice === 'Show Output') output.show();
}

async function start(context) {
  const server = resolveServer({
    extensionPath: context.extensionPath,
    configured: vscode.workspace.getConfiguration('winerr').get('server.path', ''),
  });
  let reported = false, started = false;  // at most one message per start
  const report = (message) => { if (!reported) { reported = true; showError(context, message); } };
  if (server.error) { report(server.error); return; }
  output.appendLine(`starting ${server.path} (${server.source})`);
  // No `transport` key: the server speaks LSP on stdio with or without --stdio.
  const serverOptions = { command: server.path, args: [] };
  const clientOptions = {
    documentSelector: [
      ...LANGUAGES.flatMap((language) => [{ scheme: 'file', language }, { scheme: 'untitled', language }]),
      { scheme: 'file', pattern: '**/*.log' },
    ],
    initializationOptions: serverSettings(),
    outputChannel: output,
    // Failures are reported once, by start() below: no "server crashed 5 times" or
    // "initialization failed" popups from vscode-languageclient on top of it.
    revealOutputChannelOn: 4, // RevealOutputChannelOn.Never
    initializationFailedHandler: () => false,
    errorHandler: {
      error: () => ({ action: 2, handled: true }), // ErrorAction.Shutdown
      closed: () => {
        // stop() clears `client` first: a close while it is still ours is a crash
        if (started && client === self) report(`winerr-ls: the language server ${server.path} stopped unexpectedly `
          + '(the "WinErr LS" output has its last words). Run "WinErr: Restart Language Server" to start it again.');
        return { action: 1, handled: true }; // CloseAction.DoNotRestart
      },
    },
    // trace level comes from winerr.trace.server (the client reads <id>.trace.server itself)
  };
  const self = new LanguageClient('winerr', 'WinErr LS', serverOptions, clientOptions);
  client = self;
  try {
    await self.start();
    started = true;
  } catch (e) {
    const c = client; client = undefined;
    try { await c.dispose(); } catch (_) { /* already dead */ }
    report(`winerr-ls: the language server ${server.path} failed to start: ${e && e.message ? e.message : e}. ${HOW_TO_GET}`);
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
