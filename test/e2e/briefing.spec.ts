import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditEntry, BriefingSummary, Page as ListPage, SessionInfo } from '@oscp/contracts';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPageAtWidths, expectNoAxeViolations, expectNoSidewaysScroll } from '../support/page-checks';
import { chromiumArgs, chromiumPath, repoRoot, startBuiltApi, type BuiltApi } from '../support/built-api';
import { runOscp } from '../support/cli';

const hasChromium = existsSync(chromiumPath);
if (!hasChromium && process.env.CI === 'true') {
  throw new Error(`The briefing browser tests need Chromium at ${chromiumPath} (set CHROMIUM_PATH).`);
}

const screenshots = join(repoRoot, 'docs', 'screenshots');

/**
 * The Briefing pack page against the built server on the embedded database: a manager signs the
 * quarter off, downloads the pack in all three formats, and the command line gets the same pack
 * from the running server on the same data folder.
 */
describe.skipIf(!hasChromium)('briefing pack in a browser against the real API', () => {
  let api: BuiltApi;
  let browser: Browser;
  let page: Page;
  let downloads: string;
  const saved = new Map<string, Buffer>();
  const consoleProblems: string[] = [];

  beforeAll(async () => {
    api = await startBuiltApi({ waitForPublishedRun: true, embedded: true });
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    const context = await browser.newContext({
      viewport: { width: 1366, height: 900 },
      acceptDownloads: true,
    });
    page = await context.newPage();
    page.on('console', (message) => {
      // The session check before signing in answers 401 on purpose.
      if (message.type() === 'error' && !/status of 401/.test(message.text()))
        consoleProblems.push(message.text());
    });
    page.on('pageerror', (error) => consoleProblems.push(error.message));
    downloads = mkdtempSync(join(tmpdir(), 'oscp-briefing-downloads-'));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
    if (downloads) rmSync(downloads, { recursive: true, force: true });
  });

  it('shows the quarter as a draft, and lets a manager sign it off', async () => {
    await page.goto(`${api.baseUrl}/sign-in`);
    await page.getByLabel('Email address').fill(api.adminEmail);
    await page.getByLabel('Password').fill(api.adminPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${api.baseUrl}/`);
    // The main menu's link: a downloads note on the overview can hold a "briefing pack" link too.
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Briefing pack', exact: true })
      .click();
    await page.getByRole('heading', { level: 1, name: /Briefing pack/ }).waitFor();
    await expect.poll(() => page.getByTestId('signoff-state').textContent()).toContain('not signed off');
    // The preview is the pack itself: its pages, marked and watermarked as printed.
    const preview = page.frameLocator('[data-testid="briefing-preview"]');
    // Polled: the frame's first heading comes before the whole document is parsed.
    const previewBody = async () => (await preview.locator('body').textContent()) ?? '';
    await expect.poll(previewBody).toContain('FD01');
    const previewText = await previewBody();
    expect(previewText).toContain('OFFICIAL-SENSITIVE');
    expect(previewText).toContain('DRAFT - not signed off');
    expect(previewText).toContain('FD01');
    await expectNoAxeViolations(page, 'briefing pack (draft)');

    await page.getByLabel('Note (optional)').fill('Agreed at the Statutory Partner meeting');
    await page.getByRole('button', { name: /^Sign off / }).click();
    await expect
      .poll(() => page.getByTestId('signoff-state').textContent())
      .toMatch(/^Signed off \d+ \w+ \d{4} by /);
    // The preview is a new frame with the signed-off pack: wait for what only it shows (a frame
    // still loading would pass any "does not contain" check).
    await expect.poll(previewBody).toContain('Signed off');
    expect(await previewBody()).not.toContain('DRAFT - not signed off');
    await page.getByRole('radio', { name: 'Published version' }).check();
    await expect.poll(previewBody).toContain('None: published version');
    expect(await previewBody()).not.toContain('OFFICIAL-SENSITIVE');
    await page.getByRole('radio', { name: 'Internal version' }).check();
    await expect.poll(previewBody).toContain('OFFICIAL-SENSITIVE');
    await expectNoAxeViolations(page, 'briefing pack (signed off)');
  });

  it('downloads the pack as PDF, XLSX and CSV from the page', async () => {
    for (const format of ['pdf', 'xlsx', 'csv'] as const) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId(`download-internal-${format}`).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(
        new RegExp(`^briefing-pack-\\d{4}-\\d{2}-Q\\d\\.${format}$`),
      );
      const path = join(downloads, download.suggestedFilename());
      await download.saveAs(path);
      saved.set(format, readFileSync(path));
    }
    expect(saved.get('pdf')?.subarray(0, 5).toString()).toBe('%PDF-');
    expect(saved.get('xlsx')?.subarray(0, 2).toString()).toBe('PK');
    expect(saved.get('csv')?.toString().split('\r\n')[0]).toMatch(/^Quarter,Code,Indicator,/);

    const pdf = join(downloads, 'pack.pdf');
    execFileSync('cp', [join(downloads, readdirPdf(downloads)), pdf]);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('OFFICIAL-SENSITIVE');
    expect(text).toMatch(/Page 1 of \d+/);
    expect(text).toContain('Signed off');
    // The README shows the first two pages.
    mkdirSync(screenshots, { recursive: true });
    for (const pageNumber of [1, 2]) {
      const target = join(screenshots, `briefing-pack-page-${pageNumber}`);
      const range = ['-f', String(pageNumber), '-l', String(pageNumber)];
      execFileSync('pdftoppm', ['-r', '70', '-png', '-singlefile', ...range, pdf, target]);
    }
    expect(existsSync(join(screenshots, 'briefing-pack-page-1.png'))).toBe(true);
    expect(existsSync(join(screenshots, 'briefing-pack-page-2.png'))).toBe(true);
  });

  it('passes axe at phone width without sideways scrolling', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.getByRole('heading', { level: 1, name: /Briefing pack/ }).waitFor();
    await page.getByTestId('download-internal-csv').waitFor();
    await expectNoAxeViolations(page, 'briefing pack (390 px)');
    await expectNoSidewaysScroll(page, 'briefing pack page');
    await page.setViewportSize({ width: 1366, height: 900 });
    expect(consoleProblems).toEqual([]);
  });

  it('shows the sign-off on the overview, and it passes axe', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Scorecard' }).click();
    const banner = page.getByTestId('signoff-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(
      /Signed off \d+ \w+ \d{4} by .*These are the signed-off figures\./,
    );
    await expectNoAxeViolations(page, 'overview of a signed-off quarter');
    // Printed, every sheet's running header says it too.
    const printRules = async () =>
      (await page.evaluate(
        "document.adoptedStyleSheets.flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText)).join(' ')",
      )) as string;
    await expect.poll(printRules).toMatch(/ · Signed off \d+ \w+ \d{4} by /);

    // An indicator's page says the same, and shows the signed-off figures.
    const period = await currentPeriod(page, api);
    await page.goto(`${api.baseUrl}/indicators/FD01?period=${encodeURIComponent(period)}`);
    const indicatorBanner = page.getByTestId('signoff-banner');
    await indicatorBanner.waitFor();
    expect(await indicatorBanner.textContent()).toMatch(
      /Signed off \d+ \w+ \d{4} by .*These are the signed-off figures\..*FD01 have not changed/,
    );
    await expectNoAxeViolations(page, 'indicator page of a signed-off quarter');
  });

  it('says who signed the quarter off on the Exceptions and partner returns pages, axe-clean at both widths', async () => {
    const signedOffLine = /^Scorecard for \d{4}-\d{2} Q\d: Signed off \d+ \w+ \d{4} by \S/;
    try {
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Exception reports' })
        .click();
      await page.getByRole('heading', { level: 1, name: /Exception reports/ }).waitFor();
      await page.getByTestId('status-counts').waitFor();
      expect(await page.getByTestId('signoff-line').textContent()).toMatch(signedOffLine);
      // A line about the quarter, not the overview's banner about figures.
      expect(await page.getByTestId('signoff-banner').count()).toBe(0);
      await checkPageAtWidths(page, 'exceptions page of a signed-off quarter');

      await page.setViewportSize({ width: 1366, height: 900 });
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Partner returns' })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Partner returns' }).waitFor();
      const line = page.getByTestId('signoff-line');
      await line.waitFor();
      expect(await line.textContent()).toMatch(signedOffLine);
      await checkPageAtWidths(page, 'partner returns page of a signed-off quarter');
    } finally {
      await page.setViewportSize({ width: 1366, height: 900 });
    }
    expect(consoleProblems).toEqual([]);
  });

  it('gives the command line the same pack from the running server (embedded database)', async () => {
    const summary = (await (
      await page.request.get(
        `${api.baseUrl}/api/briefings/${encodeURIComponent(await currentPeriod(page, api))}`,
      )
    ).json()) as BriefingSummary;
    const out = join(downloads, 'from-cli.csv');
    const result = await runOscp(['briefing', '--period', summary.period, '--format', 'csv', '--out', out], {
      DATA_DIR: api.dataDir,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('from the running server');
    expect(readFileSync(out)).toEqual(saved.get('csv'));
  });

  // Last: the commentary it writes would change the pack the command line test compares.
  it('downloads the scorecard from the overview: the commentary is in the internal CSV only', async () => {
    const period = await currentPeriod(page, api);
    const slug = period.replace(' ', '-');
    const commentaryText =
      'Contacts rose after the schools returned; the front door kept pace (browser test)';
    const session = (await (await page.request.get(`${api.baseUrl}/api/auth/me`)).json()) as SessionInfo;
    const existing = await page.request.get(`${api.baseUrl}/api/commentary/FD01/${slug}`);
    const version = existing.ok() ? ((await existing.json()) as { version: number }).version : 0;
    const written = await page.request.put(`${api.baseUrl}/api/commentary/FD01/${slug}`, {
      headers: { 'x-csrf-token': session.csrfToken },
      data: { text: commentaryText, version },
    });
    expect(written.status(), await written.text()).toBe(200);

    await page.goto(`${api.baseUrl}/`);
    const section = page.getByRole('region', { name: 'Download this scorecard' });
    await section.waitFor();
    // The quarter picker shows once the periods have loaded, which the figures note depends on.
    await page.getByLabel('Quarter', { exact: true }).waitFor();
    // The quarter was signed off on the current snapshot: the files hold the figures shown.
    expect(await page.getByTestId('scorecard-downloads-figures').count()).toBe(0);
    try {
      await checkPageAtWidths(page, 'overview with its downloads');
    } finally {
      await page.setViewportSize({ width: 1366, height: 900 });
    }

    const csvOf = async (variant: 'internal' | 'published') => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId(`scorecard-download-${variant}-csv`).click(),
      ]);
      expect(download.suggestedFilename()).toBe(
        `scorecard-${slug}${variant === 'published' ? '-published' : ''}.csv`,
      );
      const path = join(downloads, download.suggestedFilename());
      await download.saveAs(path);
      return readFileSync(path, 'utf8');
    };
    const internal = await csvOf('internal');
    const published = await csvOf('published');
    for (const csv of [internal, published]) {
      const heading = csv.split('\r\n')[0] ?? '';
      expect(heading).toMatch(/^Quarter,Code,Indicator,/);
      expect(heading).toMatch(/,Commentary$/);
      expect(csv.split('\r\n')[1]).toMatch(new RegExp(`^${period},`));
    }
    expect(internal).toContain(commentaryText);
    expect(published).not.toContain(commentaryText);

    // Each download is audited as from the dashboard, with its version.
    const audit = (await (
      await page.request.get(`${api.baseUrl}/api/audit?action=export.scorecard&limit=10`)
    ).json()) as ListPage<AuditEntry>;
    const details = audit.items.map((entry) => entry.detail);
    expect(details).toEqual(
      expect.arrayContaining([
        { format: 'csv', period, published: false, via: 'dashboard' },
        { format: 'csv', period, published: true, via: 'dashboard' },
      ]),
    );
    expect(consoleProblems).toEqual([]);
  });
});

function readdirPdf(folder: string): string {
  const name = execFileSync('ls', [folder], { encoding: 'utf8' })
    .split('\n')
    .find((entry) => entry.endsWith('.pdf'));
  if (!name) throw new Error('No PDF was downloaded.');
  return name;
}

async function currentPeriod(page: Page, api: BuiltApi): Promise<string> {
  const response = await page.request.get(`${api.baseUrl}/api/periods`);
  const body = (await response.json()) as { defaultPeriod: string };
  return body.defaultPeriod;
}
