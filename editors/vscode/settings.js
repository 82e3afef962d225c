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
const SERVER_DEFAULTS = {
  maxDiagnostics: 1000, showPossible: true, catalogPath: '', inlayHints: true,
  ignore: [], severity: {}, exclude: [], forms: ['name', 'hex', 'hresult', 'hresult_decimal', 'decimal'], decimals: 'context',
};
// Keys under "winerr." that must not come from an untrusted workspace (= restrictedConfigurations).
const RESTRICTED = ['server.path', 'catalogPath'];

// The value the user set for `key` (user, workspace or folder settings; in Restricted Mode the
// user's only, for a RESTRICTED key), or undefined when only the default is there.
function userValue(config, key, trusted) {
  const i = (config.inspect && config.inspect(key)) || {};
  const layers = trusted || !RESTRICTED.includes(key)
    ? [i.workspaceFolderValue, i.workspaceValue, i.globalValue]
    : [i.globalValue];
  for (const v of layers) if (v !== undefined && v !== null) return v;
  return undefined;
}

function read(config, key, fallback, trusted) {
  const v = userValue(config, key, trusted);
  return v === undefined ? fallback : v;
}

// The object sent as initializationOptions, in workspace/didChangeConfiguration and as the answer
// to the server's workspace/configuration request for section "winerr": only what the user set.
// A default sent along would override the server's other sources (the user's config.json,
// --catalog), which rank below the editor.
function serverSettings(config, trusted) {
  const out = {};
  for (const k of Object.keys(SERVER_DEFAULTS)) {
    const v = userValue(config, k, trusted);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

// winerr.server.path as resolve.js should see it.
function serverPath(config, trusted) { return read(config, 'server.path', '', trusted); }

module.exports = { serverSettings, serverPath, SERVER_DEFAULTS, RESTRICTED };
