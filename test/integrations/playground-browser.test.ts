/**
 * The built playground in a real browser: Debian's chromium (installed by .ci/run when missing)
 * driven by playwright-core, no browser download. Every request is routed: a request for anything
 * but the page's own file:// files fails the test, since the page promises nothing leaves it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const root = join(__dirname, '..', '..');
const page = pathToFileURL(join(root, 'dist', 'playground', 'index.html')).href;
// Into a temporary folder: a test run never changes the checkout (docs/playground.png is committed by hand).
const screenshot = join(mkdtempSync(join(tmpdir(), 'litelint-playground-')), 'playground.png');
const hasChromium = existsSync(CHROMIUM);

if (!hasChromium) console.warn(`playground browser test skipped: ${CHROMIUM} is missing (apt-get install -y chromium; .ci/run installs it)`);

describe.skipIf(!hasChromium)(`the playground in chromium (skipped when ${CHROMIUM} is missing)`, () => {
  let browser: Browser;
  const offPage: string[] = [];

  beforeAll(async () => {
    execFileSync(process.execPath, [join(root, 'scripts', 'build-playground.js')], { cwd: root, stdio: 'pipe' });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  async function open(url: string): Promise<Page> {
    const context = await browser.newContext();
    const opened = await context.newPage();
    await context.route('**/*', (route) => {
      const requested = route.request().url();
      if (requested.startsWith('file:') || requested.startsWith('blob:')) return route.continue();
      offPage.push(requested);
      return route.abort();
    });
    await opened.goto(url);
    return opened;
  }

  const memoryHall = (view: Page) => view.locator('#findings li.finding[data-rule="volume-source-fallback"]', { hasText: 'MEMHALL_DATA_DIR' });

  it('lists and underlines the memory-hall finding, clears it when a fix is typed, and a share link reopens the project', async () => {
    const view = await open(page);
    await expect.poll(() => memoryHall(view).count(), { timeout: 20_000 }).toBe(1);
    expect(await memoryHall(view).locator('.where').textContent()).toBe('compose.yaml:6:9');
    expect(await view.locator('#version').textContent()).toMatch(/^litelint \d+\.\d+\.\d+ · knowledge as of \d{4}-\d{2}-\d{2}$/);
    const underline = view.locator('.cm-content .cm-lintRange-error', { hasText: 'MEMHALL_DATA_DIR' });
    expect(await underline.count()).toBe(1);
    expect(await underline.textContent()).toBe('${MEMHALL_DATA_DIR:-./mh-data}');

    await view.screenshot({ path: screenshot });
    expect(readFileSync(screenshot).subarray(1, 4).toString()).toBe('PNG');

    // Click the finding (the cursor jumps to 6:9), select to the end of the line and type the fix.
    await memoryHall(view).locator('.where').click();
    await view.keyboard.press('Shift+End');
    await view.keyboard.type('${MEMHALL_DATA_DIR:?set MEMHALL_DATA_DIR}:/data');
    await expect.poll(() => memoryHall(view).count(), { timeout: 20_000 }).toBe(0);
    expect(await underline.count()).toBe(0);
    // The other fallbacks of the example are still found: the run did not just stop.
    expect(await view.locator('#findings li.finding[data-rule="volume-source-fallback"]').count()).toBeGreaterThan(0);

    const tabs = await view.locator('#tabs .tab[data-path]').allTextContents();
    const shared = view.url();
    expect(shared).toMatch(/#p1=/);
    const reopened = await open(shared);
    await expect.poll(() => reopened.locator('#findings li.finding').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await memoryHall(reopened).count()).toBe(0);
    expect(await reopened.locator('#tabs .tab[data-path]').allTextContents()).toEqual(tabs);
    expect(await reopened.locator('.cm-content').textContent()).toContain('${MEMHALL_DATA_DIR:?set MEMHALL_DATA_DIR}:/data');

    expect(offPage).toEqual([]);
  }, 120_000);
});
