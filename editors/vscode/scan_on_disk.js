// "WinErr: Scan File on Disk": VS Code hands no extension a file over 50 MB, so a big log opens
// and winerr-ls never sees it. When the active editor shows such a file (a file: tab with no
// document synced to the extension host), a status bar item offers the scan, and a notification
// says so once per file. The scan is the server's winerr.scanFile: it reads the file itself and
// publishes its diagnostics into the Problems panel.
'use strict';
const vscode = require('vscode');
const path = require('path');

function activeFileTab() {
  const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
  if (!tab || !(tab.input instanceof vscode.TabInputText)) return undefined;
  return tab.input.uri.scheme === 'file' ? tab.input.uri : undefined;
}
const synced = (uri) => vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());

function register(context, getClient, output) {
  const item = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 100);
  item.command = 'winerr.scanFileOnDisk';
  item.text = '$(search) WinErr: scan file on disk';
  item.tooltip = 'VS Code does not hand files over 50 MB to extensions; winerr-ls can read this one from disk';
  const offered = new Set();

  async function scan(uri) {
    const client = getClient();
    if (!client || !client.isRunning()) {
      vscode.window.showErrorMessage('winerr-ls is not running: see "WinErr: Show Server Output"');
      return;
    }
    const name = path.basename(uri.fsPath);
    try {
      const r = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `winerr-ls: scanning ${name}` },
        () => client.sendRequest('workspace/executeCommand', { command: 'winerr.scanFile', arguments: [uri.toString()] }));
      output.appendLine(`scanned ${uri.toString()}: ${JSON.stringify(r)}`);
      vscode.window.showInformationMessage(`winerr-ls: ${name}: ${r.lines} lines read, ${r.diagnostics} diagnostics in the Problems panel.`);
    } catch (e) {
      vscode.window.showErrorMessage(`winerr-ls: ${e && e.message ? e.message : e}`);
    }
  }

  // A file that is being opened has a tab before its document syncs: look again a moment later.
  let timer;
  function update() {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const uri = activeFileTab();
      if (!uri || synced(uri)) { item.hide(); return; }
      item.show();
      if (offered.has(uri.toString())) return;
      offered.add(uri.toString());
      vscode.window.showInformationMessage(`${path.basename(uri.fsPath)} is too large for VS Code to give to extensions, so winerr-ls has not seen it.`,
        'Scan File on Disk').then((choice) => { if (choice) scan(uri); });
    }, 1500);
  }

  context.subscriptions.push(item,
    vscode.commands.registerCommand('winerr.scanFileOnDisk', async (arg) => {
      let uri = arg instanceof vscode.Uri ? arg : activeFileTab();
      if (!uri) {
        const picked = await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Scan' });
        uri = picked && picked[0];
      }
      if (uri) await scan(uri);
    }),
    vscode.window.tabGroups.onDidChangeTabs(update),
    vscode.window.tabGroups.onDidChangeTabGroups(update),
    vscode.workspace.onDidOpenTextDocument(update),
    vscode.workspace.onDidCloseTextDocument(update),
    { dispose: () => clearTimeout(timer) });
  update();
}

module.exports = { register };
