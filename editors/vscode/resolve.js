// resolve.js — which winerr-ls binary the extension starts. Pure: the file system, platform,
// environment and settings come in as arguments, so test/resolve.test.js checks every platform
// on any machine (node --test).
//
// Order: an explicit "winerr.server.path" (the user's choice wins), else the binary this
// platform's .vsix carries at server/<platform>-<arch>/winerr-ls[.exe], else winerr-ls on PATH.
// When none fits the answer is ONE message that names "winerr.server.path" and the install page.
'use strict';
const nodeFs = require('fs');
const nodePath = require('path');

// The targets a platform .vsix is built for (vsce package --target …): <platform>-<arch>.
const TARGETS = ['linux-x64', 'linux-arm64', 'win32-x64'];
const INSTALL_PAGE = 'the install page (this extension\'s README, "Install the server"; docs/packaging.md in the winerr-ls sources)';
const HOW_TO_GET = 'Set "winerr.server.path" to the winerr-ls binary, or put winerr-ls on PATH. '
  + `How to get it for Linux x86-64/ARM64 (.deb, or build with cmake --build) and Windows (winerr-ls.exe): ${INSTALL_PAGE}.`;

function binaryName(platform) { return platform === 'win32' ? 'winerr-ls.exe' : 'winerr-ls'; }

// Where a .vsix for this platform keeps its binary, relative to the extension folder.
function bundledRelative(platform, arch) { return ['server', `${platform}-${arch}`, binaryName(platform)]; }

function isRunnable(fs, platform, p) {
  try {
    if (!fs.statSync(p).isFile()) return false;
    if (platform === 'win32') return true;  // Windows has no executable bit
    fs.accessSync(p, fs.constants.X_OK);
    return true;
  } catch (_) { return false; }
}

/**
 * @param {object} o
 * @param {string} o.extensionPath  the extension's folder
 * @param {string} [o.configured]   the winerr.server.path setting
 * @param {string} [o.platform]     process.platform
 * @param {string} [o.arch]         process.arch
 * @param {object} [o.env]          process.env (PATH, Path, PATHEXT, HOME)
 * @param {object} [o.fs]           statSync, accessSync, chmodSync, constants
 * @returns {{path: string, source: 'setting'|'bundled'|'PATH'} | {error: string}}
 */
function resolveServer(o) {
  const platform = o.platform || process.platform;
  const arch = o.arch || process.arch;
  const env = o.env || process.env;
  const fs = o.fs || nodeFs;
  const path = platform === 'win32' ? nodePath.win32 : nodePath.posix;
  const target = `${platform}-${arch}`;

  const configured = (o.configured || '').trim();
  if (configured) {
    const home = env.HOME || env.USERPROFILE || '';
    const p = home ? configured.replace(/^~(?=$|[\\/])/, home) : configured;
    return isRunnable(fs, platform, p) ? { path: p, source: 'setting' }
      : { error: `winerr-ls: "winerr.server.path" is ${p}, which is not an executable file. ${HOW_TO_GET}` };
  }

  const bundled = path.join(o.extensionPath, ...bundledRelative(platform, arch));
  let exists = false;
  try { exists = fs.statSync(bundled).isFile(); } catch (_) { /* not in this .vsix */ }
  if (exists) {
    // a .vsix does not always keep the executable bit: restore it once
    if (!isRunnable(fs, platform, bundled) && platform !== 'win32') {
      try { fs.chmodSync(bundled, 0o755); } catch (_) { /* reported below */ }
    }
    if (isRunnable(fs, platform, bundled)) return { path: bundled, source: 'bundled' };
  }

  const dirs = (env.PATH || env.Path || '').split(path.delimiter).filter(Boolean);
  const exts = platform === 'win32' ? ['.exe', ''] : [''];
  for (const dir of dirs) {
    for (const ext of exts) {
      const p = path.join(dir, 'winerr-ls' + ext);
      if (isRunnable(fs, platform, p)) return { path: p, source: 'PATH' };
    }
  }

  const why = TARGETS.includes(target)
    ? `this extension carries no binary for ${target} (a universal .vsix), and winerr-ls is not on PATH`
    : `there is no bundled binary for ${target} (packages are built for ${TARGETS.join(', ')}), and winerr-ls is not on PATH`;
  return { error: `winerr-ls: the language server was not found: ${why}. ${HOW_TO_GET}` };
}

module.exports = { resolveServer, bundledRelative, binaryName, TARGETS, HOW_TO_GET };
