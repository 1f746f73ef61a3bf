// Writes docs/okr-html-acme.png, the README's picture of `okr html`: the page of examples/acme
// (today 2026-11-15) at 1280×800 in Debian's chromium, driven by playwright-core as the browser
// tests drive it. Run after `npm run build`: node scripts/html-screenshot.mjs
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const scratch = mkdtempSync(path.join(tmpdir(), 'okr-shot-'));
const page = path.join(scratch, 'okr-report.html');
const written = spawnSync(process.execPath, [path.join(repo, 'bin/okr.js'), 'html', path.join(repo, 'examples/acme'), '--today', '2026-11-15', '-o', page], { encoding: 'utf8' });
if (written.status !== 0) throw new Error(written.stderr);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
try {
  const tab = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
  await tab.goto(pathToFileURL(page).href);
  await tab.screenshot({ path: path.join(repo, 'docs/okr-html-acme.png') });
} finally {
  await browser.close();
  rmSync(scratch, { recursive: true, force: true });
}
console.log('docs/okr-html-acme.png');
