// settings.js — which `winerr.*` values the extension uses and sends to winerr-ls. Pure: the
// configuration object (vscode.workspace.getConfiguration('winerr', scope)) and the workspace's
// trust come in as arguments, so test/settings.test.js checks it without VS Code.
//
// Restricted Mode (an untrusted workspace): the settings in RESTRICTED name a file the extension
// runs or the server reads, so there only the user's own value counts, never one the workspace or
// folder settings (.vscode/settings.json) chose. VS Code already drops workspace values of the
// settings package.json lists in capabilities.untrustedWorkspaces.restrictedConfigurations; reading
// them through inspect() keeps that true whatever the VS Code version or the setting's scope.
'use strict';

// What the server reads from the editor, with the defaults package.json declares.
const SERVER_DEFAULTS = { maxDiagnostics: 1000, showPossible: true, catalogPath: '', inlayHints: true };
// Keys under "winerr." that must not come from an untrusted workspace (= restrictedConfigurations).
const RESTRICTED = ['server.path', 'catalogPath'];

function read(config, key, fallback, trusted) {
  if (trusted || !RESTRICTED.includes(key)) return config.get(key, fallback);
  const i = (config.inspect && config.inspect(key)) || {};
  // globalValue: the user settings (local, or the remote machine's); default otherwise
  const v = i.globalValue !== undefined ? i.globalValue : i.defaultValue;
  return v === undefined || v === null ? fallback : v;
}

// The object sent as initializationOptions, in workspace/didChangeConfiguration and as the answer
// to the server's workspace/configuration request for section "winerr".
function serverSettings(config, trusted) {
  const out = {};
  for (const [k, d] of Object.entries(SERVER_DEFAULTS)) out[k] = read(config, k, d, trusted);
  return out;
}

// winerr.server.path as resolve.js should see it.
function serverPath(config, trusted) { return read(config, 'server.path', '', trusted); }

module.exports = { serverSettings, serverPath, SERVER_DEFAULTS, RESTRICTED };
