// Unit tests of resolve.js for every platform a .vsix is built for (node --test editors/vscode/test).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { resolveServer } = require('../resolve');

// A fake file system: files = { path: {mode} } (mode 0o755 runnable, 0o644 not).
function fakeFs(files) {
  const chmods = [];
  return {
    chmods,
    constants: { X_OK: 1 },
    statSync(p) {
      if (!(p in files)) { const e = new Error(`ENOENT ${p}`); e.code = 'ENOENT'; throw e; }
      return { isFile: () => files[p].dir !== true };
    },
    accessSync(p) {
      if (!(p in files) || !(files[p].mode & 0o111)) throw new Error(`EACCES ${p}`);
    },
    chmodSync(p, mode) { chmods.push([p, mode]); files[p].mode = mode; },
  };
}

const EXT_POSIX = '/home/u/.vscode/extensions/winerr-ls.winerr-ls-0.1.0-linux-x64';
const EXT_WIN = 'C:\\Users\\u\\.vscode\\extensions\\winerr-ls.winerr-ls-0.1.0-win32-x64';

test('linux-x64: the bundled server/linux-x64/winerr-ls', () => {
  const fs = fakeFs({ [`${EXT_POSIX}/server/linux-x64/winerr-ls`]: { mode: 0o755 } });
  assert.deepEqual(resolveServer({ extensionPath: EXT_POSIX, platform: 'linux', arch: 'x64', env: { PATH: '/usr/bin' }, fs }),
    { path: `${EXT_POSIX}/server/linux-x64/winerr-ls`, source: 'bundled' });
});

test('linux-arm64: the bundled server/linux-arm64/winerr-ls, exec bit restored once', () => {
  const p = '/opt/ext/server/linux-arm64/winerr-ls';
  const fs = fakeFs({ [p]: { mode: 0o644 }, '/opt/ext/server/linux-x64/winerr-ls': { mode: 0o755 } });
  assert.deepEqual(resolveServer({ extensionPath: '/opt/ext', platform: 'linux', arch: 'arm64', env: {}, fs }),
    { path: p, source: 'bundled' });
  assert.deepEqual(fs.chmods, [[p, 0o755]]);
});

test('win32-x64: the bundled server\\win32-x64\\winerr-ls.exe (no exec bit on Windows)', () => {
  const p = `${EXT_WIN}\\server\\win32-x64\\winerr-ls.exe`;
  const fs = fakeFs({ [p]: { mode: 0o644 } });
  assert.deepEqual(resolveServer({ extensionPath: EXT_WIN, platform: 'win32', arch: 'x64', env: { Path: 'C:\\Windows' }, fs }),
    { path: p, source: 'bundled' });
  assert.deepEqual(fs.chmods, []);
});

test('another platform\'s binary is never used (an x64 Linux box with an arm64 .vsix)', () => {
  const fs = fakeFs({ '/opt/ext/server/linux-arm64/winerr-ls': { mode: 0o755 } });
  const r = resolveServer({ extensionPath: '/opt/ext', platform: 'linux', arch: 'x64', env: { PATH: '/usr/bin' }, fs });
  assert.ok(r.error, JSON.stringify(r));
  assert.match(r.error, /no binary for linux-x64/);
});

test('winerr.server.path wins over the bundled binary; ~ is expanded', () => {
  const fs = fakeFs({ '/opt/ext/server/linux-x64/winerr-ls': { mode: 0o755 }, '/home/u/bin/winerr-ls': { mode: 0o755 } });
  assert.deepEqual(resolveServer({ extensionPath: '/opt/ext', configured: '~/bin/winerr-ls', platform: 'linux', arch: 'x64', env: { HOME: '/home/u' }, fs }),
    { path: '/home/u/bin/winerr-ls', source: 'setting' });
});

test('a wrong winerr.server.path is one error naming the setting and the install page', () => {
  const fs = fakeFs({ '/opt/ext/server/linux-x64/winerr-ls': { mode: 0o755 } });
  const r = resolveServer({ extensionPath: '/opt/ext', configured: '/nowhere/winerr-ls', platform: 'linux', arch: 'x64', env: {}, fs });
  assert.equal(typeof r.error, 'string');
  assert.match(r.error, /"winerr\.server\.path" is \/nowhere\/winerr-ls, which is not an executable file/);
  assert.match(r.error, /install page/);
  assert.match(r.error, /cmake --build/);
});

test('universal .vsix on Linux: winerr-ls from PATH', () => {
  const fs = fakeFs({ '/usr/local/bin/winerr-ls': { mode: 0o755 }, '/usr/bin/winerr-ls': { mode: 0o644 } });
  assert.deepEqual(resolveServer({ extensionPath: '/opt/ext', platform: 'linux', arch: 'arm64', env: { PATH: '/usr/bin:/usr/local/bin' }, fs }),
    { path: '/usr/local/bin/winerr-ls', source: 'PATH' });
});

test('universal .vsix on Windows: winerr-ls.exe from Path (; separated)', () => {
  const fs = fakeFs({ 'D:\\tools\\winerr-ls.exe': { mode: 0o644 } });
  assert.deepEqual(resolveServer({ extensionPath: EXT_WIN, platform: 'win32', arch: 'x64', env: { Path: 'C:\\Windows;D:\\tools' }, fs }),
    { path: 'D:\\tools\\winerr-ls.exe', source: 'PATH' });
});

test('nothing anywhere: exactly one message, naming winerr.server.path and the install page', () => {
  for (const [platform, arch] of [['linux', 'x64'], ['linux', 'arm64'], ['win32', 'x64'], ['darwin', 'arm64']]) {
    const r = resolveServer({ extensionPath: '/opt/ext', platform, arch, env: { PATH: '/usr/bin' }, fs: fakeFs({}) });
    assert.deepEqual(Object.keys(r), ['error'], `${platform}-${arch}`);
    assert.match(r.error, /^winerr-ls: the language server was not found: /);
    assert.match(r.error, /"winerr\.server\.path"/);
    assert.match(r.error, /install page/);
    if (platform === 'darwin') assert.match(r.error, /no bundled binary for darwin-arm64 \(packages are built for linux-x64, linux-arm64, win32-x64\)/);
  }
});
