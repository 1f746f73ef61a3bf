/**
 * `okr html`'s page in a real browser: Debian's chromium driven by playwright-core (which never
 * downloads a browser), the page opened from disk. No request leaves the page, the numbers are the
 * hand-computed ones, the filters and the folded key results work, hostile text stays text, there
 * are no console errors, and axe-core finds no serious or critical accessibility violation.
 * Screenshots of the acme page go to test-output/screenshots/ (ignored by git), for a person.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyToTemp, FIXTURES, REPO_ROOT, runCli } from '../helpers/run-cli.js';

const CHROMIUM = '/usr/bin/chromium';
const HAS_CHROMIUM = existsSync(CHROMIUM);
const SCREENSHOTS = path.join(REPO_ROOT, 'test-output', 'screenshots');
const AXE = createRequire(import.meta.url).resolve('axe-core');
const TODAY = ['--today', '2026-11-15'];

if (!HAS_CHROMIUM) console.warn(`skipping the browser tests of okr html: no ${CHROMIUM} (install Debian's chromium package; .ci/run does)`);

interface Opened {
  page: Page;
  /** Requests other than the page's own file, each aborted. */
  requests: string[];
  /** Console errors and uncaught exceptions. */
  errors: string[];
}

let browser: Browser;
const cleanups: (() => void)[] = [];

/** Writes the page of `workspace` with `args` and opens it from disk in a new page of its own context. */
async function openPage(workspace: string, args: string[] = [], viewport = { width: 1280, height: 800 }): Promise<Opened> {
  const { dir, cleanup } = copyToTemp(workspace);
  cleanups.push(cleanup);
  const result = runCli(['html', ...TODAY, ...args], { cwd: dir });
  expect(result.code, result.stderr).toBe(0);
  const url = pathToFileURL(path.join(dir, 'okr-report.html')).href;
  const context = await browser.newContext({ viewport });
  const requests: string[] = [];
  const errors: string[] = [];
  await context.route('**/*', async (route) => {
    if (route.request().url() === url) return route.continue();
    requests.push(route.request().url());
    return route.abort();
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  return { page, requests, errors };
}

/** axe-core's serious and critical violations on the page as it is now. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  // Strings, not functions: the tests are compiled without the DOM's types.
  const violations = await page.evaluate<{ id: string; impact: string | null; nodes: { target: unknown[] }[] }[]>('axe.run().then((result) => result.violations)');
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`);
}

const visibleTexts = (page: Page, selector: string) => page.locator(`${selector}:visible`).allInnerTexts();

describe.skipIf(!HAS_CHROMIUM)('okr html in a browser', () => {
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  });
  afterAll(async () => {
    await browser?.close();
    for (const cleanup of cleanups) cleanup();
  });

  it('shows the hand-computed objectives, filters them, and unfolds a key result with its task items', async () => {
    const { page, requests, errors } = await openPage(path.join(FIXTURES, 'hand-computed', 'workspace'), ['--link-base', 'https://github.com/acme/okrs/blob/abc']);
    const rows = async () => (await visibleTexts(page, 'table.overview tbody tr')).map((row) => row.replace(/\s+/g, ' ').trim());
    expect(await rows()).toEqual(['Grow sustainably company 50% on track ceo', '↳ Grow signups growth 62% on track growth', '↳ Fewer bugs quality 37% at risk qa']);
    expect(await page.locator('p.summary').innerText()).toBe('3 objectives, 5 key results: 1 done, 3 on track, 1 at risk');
    expect(await page.locator('h1').innerText()).toBe('OKR status: 2026-Q4');

    await page.selectOption('#filter-status', 'at-risk');
    expect(await rows()).toEqual(['↳ Fewer bugs quality 37% at risk qa']);
    expect(await visibleTexts(page, 'details.kr summary code')).toEqual(['open-bugs']);
    expect(await page.locator('#shown').innerText()).toBe('Showing 1 of 3 objectives');
    await page.selectOption('#filter-status', '');
    await page.selectOption('#filter-owner', 'growth');
    expect(await rows()).toEqual(['↳ Grow signups growth 62% on track growth']);
    await page.click('#filter-reset');
    expect(await rows()).toHaveLength(3);

    const referrals = page.locator('details.kr', { has: page.locator('summary code', { hasText: /^referrals$/ }) });
    expect(await referrals.locator('table.tasks').isVisible()).toBe(false);
    await referrals.locator('summary').focus();
    await page.keyboard.press('Enter');
    const tasks = (await referrals.locator('table.tasks tbody tr').allInnerTexts()).map((row) => row.split('\t').map((cell) => cell.trim()));
    expect(tasks).toEqual([
      ['done', 'Design the invite flow', 'tasks/referrals.md:6'],
      ['done', 'Backend', 'tasks/referrals.md:8'],
      ['in progress', 'Frontend', 'tasks/referrals.md:9'],
      ['open', 'Emails', 'tasks/referrals.md:10'],
      ['cancelled', 'Paid referral bonus', 'tasks/referrals.md:11'],
      ['done', 'Legal review', 'tasks/referrals.md:12'],
    ]);
    expect(await referrals.locator('table.tasks a').first().getAttribute('href')).toBe('https://github.com/acme/okrs/blob/abc/tasks/referrals.md?plain=1#L6');
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('shows hostile titles, owners, notes and paths as text, and runs none of them', async () => {
    const { page, requests, errors } = await openPage(path.join(FIXTURES, 'html-hostile', 'workspace'), ['--link-base', 'https://example.com/r']);
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(await page.locator('h3').first().innerText()).toBe("<script>window.__pwned = 'script'</script> Launch hostile");
    expect(await page.locator('section.objective .owner').first().innerText()).toBe(`Owner: "><img src=x onerror="window.__pwned='owner'">`);
    const payloads = page.locator('details.kr').first();
    await payloads.locator('summary').click();
    const checkins = (await payloads.locator('table.checkins tbody tr').allInnerTexts()).map((row) => row.split('\t').map((cell) => cell.trim()));
    expect(checkins).toEqual([
      ['2026-11-10', '4', '0.8', 'at risk', `<a href="javascript:window.__pwned='link'">click</a>`],
      ['2026-10-20', '2', '0.6', '', "first </script><script>window.__pwned='note'</script>"],
    ]);
    await page.locator('details.kr').nth(1).locator('summary').click();
    // The task's text is what Markdown renders of it (its inline HTML is dropped); the file name is shown as it is.
    expect((await page.locator('table.tasks tbody tr').first().innerText()).split('\t')).toEqual(['done', "window.__pwned='task' done task", `tasks/odd "<b>' name.md:4`]);
    await page.locator('details.kr').nth(2).locator('summary').click();
    expect(await page.locator('details.kr').nth(2).locator('p.invalid').innerText()).toMatch(/^Not counted: key_results\[2\]\.target: expected a number/);
    await page.locator('details.problems summary').click();
    for (const link of await page.locator('a[href]').all()) expect(await link.getAttribute('href')).toMatch(/^(#o\d+$|https:\/\/example\.com\/r\/)/);
    expect(await page.locator('img, iframe, object, embed').count()).toBe(0);
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('the acme page: no request, no console error, no serious accessibility violation in light and dark; screenshots', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const { page, requests, errors } = await openPage(path.join(REPO_ROOT, 'examples', 'acme'));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'acme-1280x800.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'acme-390x844.png') });
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.evaluate("document.querySelectorAll('details').forEach((d) => (d.open = true))");
    expect(await axeViolations(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'acme-dark-1280x800.png') });
    await page.emulateMedia({ colorScheme: 'light', media: 'print' });
    await page.pdf({ path: path.join(SCREENSHOTS, 'acme-a4.pdf'), format: 'A4' });
    expect(readFileSync(path.join(SCREENSHOTS, 'acme-a4.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
  });
});
