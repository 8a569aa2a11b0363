// `npm run security`: Electronegativity over the Electron code and the renderer's page, failing on
// any HIGH or MEDIUM finding (the tool itself always exits 0). Writes the full report to
// out/security/electronegativity.{json,txt}.
//
// It runs the tool's own runner (what `npx electronegativity -i <dir>` runs) once over a scratch
// copy holding both inputs, so the global checks (CSP, navigation limits, permission handler) see
// the page and the code together, as in the app. Two offline adjustments: its translations download is replaced by the bundled English strings
// (offline, `got` retries crash the process: "The onCancel handler was attached after the promise
// settled"), and AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK, which downloads Electron's release list,
// is skipped; the Electron version is pinned in package.json and passed with -e instead.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import Module, { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const INPUTS = ['electron', 'renderer/index.html'];
const EXCLUDED = ['AvailableSecurityFixesGlobalCheck'];
const FAIL_AT = new Set(['HIGH', 'MEDIUM']);

const offlineGot = () => Promise.reject(new Error('offline: electronegativity runs without the network here'));
const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === 'got' && parent?.filename?.includes(`${join('@doyensec', 'electronegativity')}`)) return offlineGot;
  return load.call(this, request, parent, isMain);
};

const run = require('@doyensec/electronegativity');
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;

const scratch = mkdtempSync(join(tmpdir(), 'electronegativity-'));
for (const input of INPUTS) {
  cpSync(join(root, input), join(scratch, input), { recursive: true, filter: (src) => !/\.test\.ts$|[\\/]test-support([\\/]|$)/.test(src) });
}

const quiet = console.log;
const findings = [];
{
  console.log = () => undefined; // the runner chats about translations
  let result;
  try {
    result = await run({
      input: scratch,
      customScan: [],
      excludeFromScan: EXCLUDED,
      isRelative: true,
      electronVersionOverride: electronVersion,
      parserPlugins: [],
    });
  } finally {
    console.log = quiet;
    rmSync(scratch, { recursive: true, force: true });
  }
  for (const e of result.errors) if (!e.tolerable) throw new Error(`electronegativity could not parse ${e.file}: ${e.message}`);
  for (const issue of result.issues) {
    findings.push({
      id: issue.id,
      severity: issue.severity.name,
      confidence: issue.confidence.name,
      file: issue.file,
      line: issue.location?.line ?? 0,
      column: issue.location?.column ?? 0,
      manual_review: !!issue.manualReview,
      description: issue.description,
      url: issue.shortenedURL,
    });
  }
}

const rank = { HIGH: 0, MEDIUM: 1, LOW: 2, INFORMATIONAL: 3 };
findings.sort((a, b) => rank[a.severity] - rank[b.severity] || a.file.localeCompare(b.file) || a.line - b.line);
const failing = findings.filter((f) => FAIL_AT.has(f.severity));
const dir = join(root, 'out', 'security');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'electronegativity.json'), `${JSON.stringify({ electron: electronVersion, inputs: INPUTS, excluded: EXCLUDED, findings }, null, 2)}\n`);
const lines = findings.map((f) => `${f.severity.padEnd(13)} ${f.confidence.padEnd(9)} ${f.id.padEnd(44)} ${f.file}:${f.line}:${f.column}${f.manual_review ? '  (review)' : ''}`);
const summary = `Electronegativity (Electron ${electronVersion}) over ${INPUTS.join(', ')}: ${findings.length} findings, ${failing.length} HIGH/MEDIUM\n${lines.join('\n')}\n`;
writeFileSync(join(dir, 'electronegativity.txt'), summary);
process.stdout.write(summary);
if (failing.length > 0) {
  process.stderr.write(`\n${failing.length} HIGH/MEDIUM finding(s): fix them or explain why they do not apply.\n`);
  process.exit(1);
}
