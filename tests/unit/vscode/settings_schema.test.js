// The .winerr.json schema (editors/vscode/schemas/winerr.schema.json), the VS Code settings
// (editors/vscode/package.json) and the server's settings parser (server/config/settings.cpp,
// parse_layer) must agree. Static half: key and value names parsed out of settings.cpp (the
// "known: …" message, the `key == "…"` branches, the word lists) against the schema and package.json.
// Live half (when WINERR_LS is set): `winerr-ls check` accepts a .winerr.json built from the schema's
// own values and rejects what the schema rejects. Run: node --test tests/unit/vscode/ (ctest -L unit).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '../../..');
const EXT = path.join(ROOT, 'editors/vscode');
const read = (p) => fs.readFileSync(path.join(ROOT, p), 'utf8');
const pkg = JSON.parse(read('editors/vscode/package.json'));
const schema = JSON.parse(read('editors/vscode/schemas/winerr.schema.json'));
const readme = read('editors/vscode/README.md');
// settings.cpp with adjacent C string literals joined ("a, " "b" -> "a, b")
const cpp = read('server/config/settings.cpp').replace(/"\s*\n\s*"/g, '');
const sorted = (xs) => [...new Set(xs)].sort();

// The body of a C++ function: from its signature to the closing brace at column 0.
function body(src, signature) {
  const at = src.indexOf(signature);
  assert.ok(at >= 0, `settings.cpp has no ${signature}`);
  const end = src.indexOf('\n}\n', at);
  return src.slice(at, end);
}
const parseLayer = body(cpp, 'std::optional<Layer> parse_layer(');
const known = (() => {
  const m = parseLayer.match(/\(known: ([^)]*)\)/);
  assert.ok(m, 'parse_layer has no "(known: …)" message');
  return m[1].split(',').map((s) => s.trim());
})();
const branchKeys = [...parseLayer.matchAll(/key == "([^"]+)"/g)].map((m) => m[1]);
// the branch that accepts keys and does nothing with them ($schema and client-only keys)
const ignoredKeys = (() => {
  const line = parseLayer.split('\n').find((l) => l.includes('key == "$schema"'));
  assert.ok(line, 'parse_layer has no $schema branch');
  return [...line.matchAll(/key == "([^"]+)"/g)].map((m) => m[1]);
})();
const words = (fn) => [...body(cpp, fn).matchAll(/w == "([^"]+)"/g)].map((m) => m[1]);
const props = schema.properties;
const settingTops = Object.keys(pkg.contributes.configuration.properties).map((k) => k.replace(/^winerr\./, '').split('.')[0]);

test('schema properties = the keys parse_layer names as known, plus $schema', () => {
  assert.deepEqual(sorted(Object.keys(props)), sorted([...known, '$schema']));
  assert.equal(schema.additionalProperties, false, 'unknown keys are errors in the server, so in the schema');
});

test('the "known:" message lists every key parse_layer handles (else the check above proves nothing)', () => {
  assert.deepEqual(sorted(branchKeys), sorted([...known, ...ignoredKeys]));
  // what it accepts and ignores besides $schema is client-only VS Code settings (winerr.trace.*, winerr.server.*)
  for (const k of ignoredKeys.filter((k) => k !== '$schema')) {
    assert.ok(settingTops.includes(k), `parse_layer ignores "${k}", which is no winerr.* setting of package.json`);
    assert.ok(!(k in props), `"${k}" does nothing in .winerr.json: not in the schema`);
  }
});

test('value words: forms, decimals, severities, document kinds', () => {
  const formMsg = parseLayer.match(/an array of ((?:\w+, )+\w+)"/);
  assert.ok(formMsg, 'no forms message');
  assert.deepEqual(sorted(props.forms.items.enum), sorted(formMsg[1].split(', ')));
  const scanner = read('server/scanner/scanner.cpp');
  const toString = body(scanner, 'std::string_view to_string(Form f)');
  assert.deepEqual(sorted(props.forms.items.enum), sorted([...toString.matchAll(/return "([^"]+)"/g)].map((m) => m[1])));
  const dec = parseLayer.slice(parseLayer.indexOf('key == "decimals"'));
  assert.deepEqual(sorted(props.decimals.enum), sorted([...dec.slice(0, dec.indexOf('} else')).matchAll(/w == "([^"]+)"/g)].map((m) => m[1])));
  assert.deepEqual(sorted(schema.definitions.severity.enum), sorted(words('std::optional<Severity> severity_from_word(')));
  const kinds = words('std::optional<DocKind> kind_from_word(');
  assert.deepEqual(sorted(Object.keys(props.severity.properties).filter((k) => k !== '*')), sorted(kinds));
  for (const k of kinds) assert.equal(props.severity.properties[k].$ref, '#/definitions/severityMap');
});

test('every schema property and enum has a description', () => {
  for (const [k, p] of Object.entries(props)) assert.ok((p.description || '').length > 10, `${k} has no description`);
  for (const p of [props.forms.items, props.decimals, schema.definitions.severity]) {
    assert.equal(p.enumDescriptions.length, p.enum.length);
  }
});

test('package.json: jsonValidation points at the schema; each winerr.* setting is read by the server or client-only, and documented', () => {
  assert.deepEqual(pkg.contributes.jsonValidation, [{ fileMatch: '.winerr.json', url: './schemas/winerr.schema.json' }]);
  assert.ok(fs.existsSync(path.join(EXT, 'schemas/winerr.schema.json')));
  const { SERVER_DEFAULTS } = require(path.join(EXT, 'settings.js'));
  const serverRead = [];
  for (const [key, p] of Object.entries(pkg.contributes.configuration.properties)) {
    const top = key.replace(/^winerr\./, '').split('.')[0];
    assert.ok(p.description || p.markdownDescription, `${key} has no description`);
    assert.ok(readme.includes('`' + key + '`'), `${key} is not in editors/vscode/README.md`);
    if (known.includes(top)) {
      serverRead.push(top);
      const t = [].concat(props[top].type);
      assert.ok(t.includes(p.type), `${key} is ${p.type} in package.json, ${t} in the schema`);
    } else {
      assert.ok(ignoredKeys.includes(top), `${key}: the server neither reads "${top}" nor ignores it (it would reject the settings)`);
    }
  }
  // what the extension sends is exactly the settings the server reads
  assert.deepEqual(sorted(Object.keys(SERVER_DEFAULTS)), sorted(serverRead));
});

// ---- live: the real parser on files made from the schema
function check(settings) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'winerr-schema-'));
  try {
    fs.writeFileSync(path.join(dir, '.winerr.json'), JSON.stringify(settings));
    fs.writeFileSync(path.join(dir, 'a.log'), 'error code returned on failure is 13801\n');
    const r = spawnSync(process.env.WINERR_LS, ['check', 'a.log'], { cwd: dir, encoding: 'utf8', timeout: 10000 });
    return { rc: r.status, err: r.stderr || '', out: r.stdout || '' };
  } finally { fs.rmSync(dir, { recursive: true, force: true }); }
}
const live = process.env.WINERR_LS ? test : test.skip;
const codes = schema.definitions.code.examples;
const sev = schema.definitions.severity.enum;

live('winerr-ls accepts a .winerr.json with every schema key and value', () => {
  const full = {
    $schema: './schemas/winerr.schema.json',
    ignore: codes.filter((c) => c !== '13801'),
    severity: { '*': 'error', ...Object.fromEntries(sev.map((s, i) => [codes[i % codes.length], s])),
      ...Object.fromEntries(Object.keys(props.severity.properties).filter((k) => k !== '*').map((k) => [k, { '*': 'hint', 13801: 'warning' }])) },
    exclude: props.exclude.examples[0],
    forms: props.forms.items.enum,
    decimals: props.decimals.enum[0],
    maxDiagnostics: props.maxDiagnostics.minimum,
    showPossible: false,
    inlayHints: true,
    catalogPath: null,
  };
  assert.deepEqual(sorted(Object.keys(full)), sorted(Object.keys(props)), 'the sample must use every key');
  const r = check(full);
  assert.equal(r.rc === 2 || /winerr-ls: .*\.winerr\.json/.test(r.err), false, `rejected: ${r.err}`);
  for (const d of props.decimals.enum) assert.equal(check({ decimals: d }).err, '', `decimals ${d}`);
  for (const s of sev) assert.equal(check({ severity: { 13801: s } }).err, '', `severity ${s}`);
  for (const c of codes) assert.equal(check({ ignore: [c] }).err, '', `ignore ${c}`);
  for (const [k, p] of Object.entries(props)) if (p.examples) assert.equal(check({ [k]: p.examples[0] }).err, '', `${k} example`);
  // and the file takes effect: ignoring 13801 removes its finding
  assert.match(check({}).out, /13801/);
  assert.doesNotMatch(check({ ignore: ['13801'] }).out, /13801/);
});

live('winerr-ls rejects values the schema rules out (the live check can fail)', () => {
  for (const bad of [{ bogus: 1 }, { forms: ['octal'] }, { severity: { 13801: 'fatal' } }, { decimals: 'some' },
    { maxDiagnostics: -1 }, { showPossible: 'yes' }, { ignore: ['not a code'] }, { exclude: '**/x' }]) {
    const r = check(bad);
    assert.equal(r.rc, 2, `${JSON.stringify(bad)} was accepted: ${r.out}`);
    assert.match(r.err, /\.winerr\.json/);
  }
});
