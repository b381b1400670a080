import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AgencyView, PartnerReturnsTracker } from '@oscp/contracts';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPageAtWidths } from '../support/page-checks';
import { chromiumArgs, chromiumPath, repoRoot, startBuiltApi, type BuiltApi } from '../support/built-api';

const hasChromium = existsSync(chromiumPath);
if (!hasChromium) {
  console.log(
    `Skipping the partner accountability browser tests: no Chromium at ${chromiumPath} (set CHROMIUM_PATH).`,
  );
}

describe.skipIf(!hasChromium)('partner accountability pages in a browser against the real API', () => {
  let api: BuiltApi;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const consoleProblems: string[] = [];

  const url = (path: string) => `${api.baseUrl}${path}`;
  const getJson = async <T>(path: string): Promise<T> => {
    const response = await context.request.get(url(path));
    expect(response.status(), `GET ${path}`).toBe(200);
    return (await response.json()) as T;
  };

  beforeAll(async () => {
    if (!existsSync(join(repoRoot, 'dashboards', 'dist', 'index.html'))) {
      throw new Error('The dashboard is not built: run "npm run build -w dashboards" first.');
    }
    api = await startBuiltApi({ waitForPublishedRun: true });
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    page = await context.newPage();
    await page.goto(url('/sign-in'));
    await page.getByLabel('Email address').fill(api.adminEmail);
    await page.getByLabel('Password').fill(api.adminPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(url('/'));
    // Listened to once signed in: before that the session check answers 401 on purpose.
    page.on('console', (message) => {
      if (message.type() === 'error') consoleProblems.push(message.text());
    });
    page.on('pageerror', (error) => consoleProblems.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it("picks POLICE and sees PT04, the police rows of CP07 and CP08, and FD06's police share", async () => {
    await page.getByRole('link', { name: 'Agencies', exact: true }).click();
    await page.waitForURL(url('/agencies'));
    await page.getByLabel('Agency', { exact: true }).selectOption('POLICE');
    await page.waitForURL(/agency=POLICE/);
    await page.locator('h1').filter({ hasText: 'Police: agency view' }).waitFor();
    const view = await getJson<AgencyView>('/api/agencies/POLICE/view');

    const owned = page.getByRole('table', { name: `Indicators Police owns, ${view.period}` });
    const pt04 = view.owned.find((i) => i.code === 'PT04');
    expect(pt04).toBeDefined();
    const pt04Row = owned.getByRole('row').filter({ hasText: 'PT04' });
    await expect.poll(() => pt04Row.innerText()).toContain(pt04?.display ?? '');

    const contributions = page.getByRole('table', { name: `Where Police contributes, ${view.period}` });
    await contributions.locator('tbody tr').first().waitFor();
    for (const [code, key] of [
      ['CP07', 'POLICE'],
      ['CP08', 'POLICE'],
      ['FD06', 'Police'],
    ] as const) {
      const expected = view.contributions.find((c) => c.indicatorCode === code && c.key === key);
      expect(expected, `${code} ${key} in the API's view`).toBeDefined();
      const row = contributions.getByRole('row').filter({ hasText: code });
      await expect.poll(() => row.innerText()).toContain(`${expected?.display}%`);
      await expect.poll(() => row.innerText()).toContain(key);
    }
    // The quarter in words, as the API worded it.
    for (const line of view.summary) await page.getByText(line, { exact: true }).waitFor();
    expect(view.summary.some((line) => line.startsWith('Police attended'))).toBe(true);

    // Sortable: the header button sorts and says so.
    await contributions.getByRole('button', { name: 'Numerator' }).click();
    await expect
      .poll(() => contributions.locator('th[aria-sort="ascending"]').innerText())
      .toContain('Numerator');
    await checkPageAtWidths(page, 'agency view', [390, 1366]);
  });

  it('shows the partner returns of the default quarter and the 8-quarter matrix in words', async () => {
    await page.getByRole('link', { name: 'Partner returns', exact: true }).click();
    await page.waitForURL(url('/partner-returns'));
    const tracker = await getJson<PartnerReturnsTracker>('/api/partner-returns');
    await page.getByRole('heading', { level: 1, name: 'Partner returns', exact: true }).waitFor();
    // Exact: a role's name otherwise matches as a substring, ignoring case, and the agency page
    // just left holds "Police's returns for <quarter>", which can still be on screen here.
    const table = page.getByRole('table', { name: `Returns for ${tracker.period}`, exact: true });
    await table.locator('tbody tr').first().waitFor();
    expect(await table.locator('tbody tr').count()).toBe(tracker.returns.length);
    const words = {
      received_on_time: 'Received on time',
      received_late: 'Received late',
      overdue: 'Overdue',
      not_yet_due: 'Not yet due',
    };
    for (const entry of tracker.returns) {
      const row = table.getByRole('row').filter({ hasText: entry.indicatorCode });
      await expect.poll(() => row.innerText()).toContain(words[entry.status]);
    }
    const matrix = page.getByRole('table', {
      name: `Returns over the ${tracker.matrix.length} quarters to ${tracker.period}`,
      exact: true,
    });
    expect(await matrix.locator('tbody tr').count()).toBe(4);
    // Every cell has a word.
    const cells = await matrix.locator('tbody td').allInnerTexts();
    expect(cells.length).toBe(4 * tracker.matrix.length);
    expect(cells.every((text) => /Received on time|Received late|Overdue|Not yet due/.test(text))).toBe(true);
    await page.getByRole('heading', { name: 'Reminders' }).waitFor();
    await checkPageAtWidths(page, 'partner returns', [390, 1366]);
  });

  it("lets the administrator change an agency's reminder contact, and records it in the audit log", async () => {
    await page.getByRole('link', { name: 'Manage agencies', exact: true }).click();
    await page.waitForURL(url('/admin/agencies'));
    const table = page.getByRole('table', { name: 'Agencies, by code' });
    await table.getByRole('button', { name: 'Change POLICE' }).click();
    const form = page.getByRole('form', { name: 'Change POLICE' });
    await form.getByLabel('Reminder contact (optional)').fill('returns@police.example.org');
    await checkPageAtWidths(page, 'manage agencies (form)', [390, 1366]);
    await form.getByRole('button', { name: 'Save POLICE' }).click();
    await page.getByTestId('agency-notice').filter({ hasText: 'POLICE was saved.' }).waitFor();
    await expect
      .poll(() => table.getByRole('row').filter({ hasText: 'POLICE' }).innerText())
      .toContain('returns@police.example.org');
    const audit = await getJson<{ items: { action: string; target: string | null }[] }>(
      '/api/audit?action=agency.',
    );
    expect(audit.items[0]).toMatchObject({ action: 'agency.changed', target: 'agency:POLICE' });
  });

  it('logs no errors on these pages', () => {
    expect(consoleProblems).toEqual([]);
  });
});
