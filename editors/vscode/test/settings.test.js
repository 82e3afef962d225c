// Unit tests of settings.js: what reaches the server and resolve.js, trusted and in Restricted Mode
// (node --test editors/vscode/test).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { serverSettings, serverPath, SERVER_DEFAULTS, RESTRICTED } = require('../settings');
const pkg = require('../package.json');

// A fake vscode.WorkspaceConfiguration for section "winerr": layers = {default, global, workspace, folder}
// each { key: value }; get() returns the most specific, as VS Code does when nothing filters it.
function fakeConfig(layers) {
  const order = ['folder', 'workspace', 'global', 'default'];
  return {
    get(key, fallback) {
      for (const l of order) if (layers[l] && key in layers[l]) return layers[l][key];
      return fallback;
    },
    inspect(key) {
      const v = (l) => (layers[l] && key in layers[l] ? layers[l][key] : undefined);
      return { key: 'winerr.' + key, defaultValue: v('default'), globalValue: v('global'),
        workspaceValue: v('workspace'), workspaceFolderValue: v('folder') };
    },
  };
}
const DEFAULTS = { 'server.path': '', maxDiagnostics: 1000, showPossible: true, catalogPath: '', inlayHints: true };
const EVIL = { 'server.path': '/ws/evil-ls', catalogPath: '/ws/evil.json', maxDiagnostics: 5, showPossible: false };

test('trusted: workspace and folder values apply', () => {
  const c = fakeConfig({ default: DEFAULTS, workspace: EVIL, folder: { inlayHints: false } });
  assert.equal(serverPath(c, true), '/ws/evil-ls');
  assert.deepEqual(serverSettings(c, true), { maxDiagnostics: 5, showPossible: false, catalogPath: '/ws/evil.json', inlayHints: false });
});

test('untrusted: server.path and catalogPath never from the workspace or folder', () => {
  const c = fakeConfig({ default: DEFAULTS, workspace: EVIL, folder: { catalogPath: 'team.json', 'server.path': './ls' } });
  assert.equal(serverPath(c, false), '');
  // the unrestricted settings still follow the workspace; the restricted ones are not sent at all
  assert.deepEqual(serverSettings(c, false), { maxDiagnostics: 5, showPossible: false });
});

test('untrusted: the user\'s own server.path and catalogPath still count', () => {
  const c = fakeConfig({ default: DEFAULTS, global: { 'server.path': '/opt/winerr-ls', catalogPath: '~/my.json' }, workspace: EVIL });
  assert.equal(serverPath(c, false), '/opt/winerr-ls');
  assert.equal(serverSettings(c, false).catalogPath, '~/my.json');
});

test('untrusted without defaults in inspect(): the built-in fallbacks', () => {
  const c = fakeConfig({ workspace: EVIL });
  assert.equal(serverPath(c, false), '');
  assert.equal(serverSettings(c, false).catalogPath, undefined);
});

test('only what the user set is sent: defaults would override the server\'s own config.json', () => {
  const defaults = { ...DEFAULTS, ignore: [], severity: {}, exclude: [], decimals: 'context' };
  assert.deepEqual(serverSettings(fakeConfig({ default: defaults }), true), {});
  const c = fakeConfig({ default: defaults, global: { ignore: ['13801'] }, folder: { decimals: 'any', severity: { '*': 'hint' } } });
  assert.deepEqual(serverSettings(c, true), { ignore: ['13801'], decimals: 'any', severity: { '*': 'hint' } });
});

test('RESTRICTED is package.json restrictedConfigurations; every path setting is restricted', () => {
  const cap = pkg.capabilities.untrustedWorkspaces;
  assert.equal(cap.supported, 'limited');
  assert.deepEqual([...cap.restrictedConfigurations].sort(), RESTRICTED.map((k) => 'winerr.' + k).sort());
  const props = pkg.contributes.configuration.properties;
  for (const [k, p] of Object.entries(props)) {
    const text = (p.description || p.markdownDescription || '').toLowerCase();
    // a string setting that names a path, binary or file: something the workspace could point elsewhere
    if (p.type === 'string' && (/path$/i.test(k) || /\b(path|binary|executable|file)\b/.test(text))) {
      assert.ok(cap.restrictedConfigurations.includes(k), `${k} names a path or executable but is not restricted`);
    }
  }
});

test('SERVER_DEFAULTS are package.json\'s defaults', () => {
  const props = pkg.contributes.configuration.properties;
  for (const [k, d] of Object.entries(SERVER_DEFAULTS)) assert.deepEqual(props['winerr.' + k].default, d, k);
});
