// winerr-ls for VS Code: starts the stdio language server through vscode-languageclient and passes the
// `winerr.*` settings as initializationOptions, workspace/didChangeConfiguration and the answer to the
// server's workspace/configuration requests. Works in Restricted Mode (untrusted workspace): there
// winerr.server.path and winerr.catalogPath count only from user settings (settings.js).
'use strict';
const vscode = require('vscode');
const { LanguageClient, DidChangeConfigurationNotification } = require('vscode-languageclient/node');
const { resolveServer, HOW_TO_GET } = require('./resolve');
const settings = require('./settings');
const scanOnDisk = require('./scan_on_disk');

const LANGUAGES = ['log', 'plaintext', 'powershell', 'bat', 'shellscript', 'xml', 'json', 'ini'];
let client;
let output;
let startedWith;  // the winerr.server.path value the running server was resolved from

// Settings the server understands (contract: maxDiagnostics, showPossible, catalogPath, inlayHints),
// for one folder (scope) or the window; restricted ones from user settings only when untrusted.
function serverSettings(scope) {
  return settings.serverSettings(vscode.workspace.getConfiguration('winerr', scope), vscode.workspace.isTrusted);
}
function configuredServerPath() {
  return settings.serverPath(vscode.workspace.getConfiguration('winerr'), vscode.workspace.isTrusted);
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
  const trusted = vscode.workspace.isTrusted;
  startedWith = configuredServerPath();
  const server = resolveServer({ extensionPath: context.extensionPath, configured: startedWith });
  output.appendLine(trusted ? 'workspace trusted'
    : 'workspace not trusted (Restricted Mode): winerr.server.path and winerr.catalogPath from user settings only');
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
    middleware: {
      workspace: {
        // The server pulls section "winerr" per folder: answer with what serverSettings() allows,
        // not the raw configuration (which would carry workspace values VS Code did not filter).
        configuration: async (params, token, next) => {
          const result = await next(params, token);
          if (!Array.isArray(result)) return result;
          return params.items.map((item, i) => (item.section === 'winerr'
            ? serverSettings(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined) : result[i]));
        },
      },
    },
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
    // The summary lens's command (the server leaves it to the client): the outline of the
    // document, as Go to Symbol in Editor lists it.
    vscode.commands.registerCommand('winerr.showOutline', () => vscode.commands.executeCommand('workbench.action.gotoSymbol')),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration('winerr')) await settingsChanged(context);
    }),
    // Trusting the workspace may bring its winerr.server.path / winerr.catalogPath into force.
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      output.appendLine('workspace trust granted: workspace values of winerr.server.path and winerr.catalogPath now apply');
      await settingsChanged(context);
    }));
  scanOnDisk.register(context, () => client, output);
  await start(context);
}

// A changed server path restarts the server; anything else is sent to it.
async function settingsChanged(context) {
  if (configuredServerPath() !== startedWith) { await stop(); await start(context); return; }
  if (client && client.isRunning()) {
    client.sendNotification(DidChangeConfigurationNotification.type, { settings: { winerr: serverSettings() } });
  }
}

function deactivate() { return stop(); }

module.exports = { activate, deactivate };
