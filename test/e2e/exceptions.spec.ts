import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ExceptionReport, ExceptionReportList, Scorecard, SessionInfo } from '@oscp/contracts';
import {
  chromium,
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  type Page,
} from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPageAtWidths } from '../support/page-checks';
import { chromiumArgs, chromiumPath, repoRoot, startBuiltApi, type BuiltApi } from '../support/built-api';

const hasChromium = existsSync(chromiumPath);
if (!hasChromium) {
  console.log(
    `Skipping the exception report browser tests: no Chromium at ${chromiumPath} (set CHROMIUM_PATH).`,
  );
}

describe.skipIf(!hasChromium)('exception reports in a browser: chair, manager and viewer', () => {
  let api: BuiltApi;
  let browser: Browser;
  let admin: APIRequestContext;
  let adminCsrf: string;
  let scorecard: Scorecard;
  let report: ExceptionReport;
  const people = {
    chair: { email: 'chair.e2e@example.org', password: 'chair-password-long-enough', name: 'Cara Chair' },
    manager: {
      email: 'manager.e2e@example.org',
      password: 'manager-password-long-enough',
      name: 'Mo Manager',
    },
    viewer: { email: 'viewer.e2e@example.org', password: 'viewer-password-long-enough', name: 'Val Viewer' },
  };
  const contexts: BrowserContext[] = [];
  const consoleProblems: string[] = [];

  const url = (path: string) => `${api.baseUrl}${path}`;

  async function signedInPage(who: keyof typeof people): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    page.on('console', (message) => {
      // The session check on the sign-in page answers 401 before signing in: the one expected error.
      if (message.type() === 'error' && !/status of 401/.test(message.text()))
        consoleProblems.push(`${who}: ${message.text()}`);
    });
    page.on('pageerror', (error) => consoleProblems.push(`${who}: ${error.message}`));
    await page.goto(url('/sign-in'));
    await page.getByLabel('Email address').fill(people[who].email);
    await page.getByLabel('Password').fill(people[who].password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(url('/'));
    return page;
  }

  beforeAll(async () => {
    if (!existsSync(join(repoRoot, 'dashboards', 'dist', 'index.html'))) {
      throw new Error('The dashboard is not built: run "npm run build -w dashboards" first.');
    }
    api = await startBuiltApi({ waitForPublishedRun: true });
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    const adminContext = await browser.newContext();
    contexts.push(adminContext);
    admin = adminContext.request;
    const login = await admin.post(url('/api/auth/login'), {
      data: { email: api.adminEmail, password: api.adminPassword },
    });
    expect(login.status()).toBe(200);
    adminCsrf = ((await login.json()) as SessionInfo).csrfToken;
    const roles = { chair: ['chair'], manager: ['manager'], viewer: ['viewer'] } as const;
    for (const who of ['chair', 'manager', 'viewer'] as const) {
      const created = await admin.post(url('/api/users'), {
        headers: { 'x-csrf-token': adminCsrf },
        data: {
          email: people[who].email,
          displayName: people[who].name,
          password: people[who].password,
          roles: roles[who],
          subgroups: who === 'chair' ? ['performance-co-ordination'] : [],
        },
      });
      expect(created.status(), await created.text()).toBe(201);
    }
    scorecard = (await (await admin.get(url('/api/scorecard'))).json()) as Scorecard;
  }, 300_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await api?.stop();
  });

  it('opened one draft per exception of the latest quarter on the demo data after start-up', async () => {
    const expected = scorecard.indicators
      .filter((i) => i.exception)
      .map((i) => i.code)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    let list: ExceptionReportList = { items: [], total: 0, counts: {} as ExceptionReportList['counts'] };
    await expect
      .poll(
        async () => {
          const response = await admin.get(
            url(`/api/exceptions?period=${encodeURIComponent(scorecard.period)}`),
          );
          list = (await response.json()) as ExceptionReportList;
          return list.items.map((r) => r.indicatorCode).sort();
        },
        { timeout: 60_000 },
      )
      .toEqual(expected);
    const owned = list.items.find((r) => r.subgroupIds.includes('performance-co-ordination'));
    if (!owned) throw new Error('no report owned by Performance Co-ordination');
    report = owned;
  });

  it('a chair sees what they owe, completes the report (it saves itself) and submits it', async () => {
    const page = await signedInPage('chair');
    // The landing page tells a chair what they owe this quarter.
    const banner = page.getByTestId('owed-banner');
    await banner.getByRole('link', { name: new RegExp(`^${report.indicatorCode} `) }).waitFor();
    await checkPageAtWidths(page, 'overview (chair)');
    await page.getByRole('link', { name: 'Exception reports', exact: true }).click();
    await page.getByTestId('owed-list').waitFor();
    await checkPageAtWidths(page, 'exceptions list (chair)');
    await page
      .getByTestId('owed-list')
      .getByRole('link', { name: new RegExp(`^${report.indicatorCode} `) })
      .click();
    await page.waitForURL(url(`/exceptions/${report.id}`));
    await page.getByLabel('Why it happened').waitFor();
    await page.getByLabel('Why it happened').fill('Two experienced social workers left the assessment team.');
    await page.getByLabel('Impact on children').fill('Some children waited longer for an assessment.');
    await page.getByRole('button', { name: 'Add an action' }).click();
    await page.getByLabel('What will be done').fill('Recruit two permanent social workers');
    await page.getByLabel('Owner agency').selectOption('CSC');
    await page.getByLabel('Due date').fill('2030-03-31');
    await page.getByLabel('Expected trajectory: the quarter by which the target should be met').selectOption({
      index: 2,
    });
    await page.getByLabel('No', { exact: true }).check();
    await expect
      .poll(() => page.getByTestId('save-status').innerText(), { timeout: 15_000 })
      .toMatch(/^Saved at/);
    const saved = (await (await admin.get(url(`/api/exceptions/${report.id}`))).json()) as ExceptionReport;
    expect(saved.cause).toBe('Two experienced social workers left the assessment team.');
    expect(saved.actions).toHaveLength(1);
    await checkPageAtWidths(page, 'report form');
    await page.getByRole('button', { name: 'Submit to the manager' }).click();
    await page.getByText('Report submitted to the manager.').waitFor();
  });

  it('a manager returns it with a comment; the chair resubmits; the manager accepts', async () => {
    const manager = await signedInPage('manager');
    await manager.goto(url(`/exceptions/${report.id}`));
    await manager.getByLabel('Comment for the chair').fill('Say when the new social workers start.');
    await checkPageAtWidths(manager, 'report review');
    await manager.getByRole('button', { name: 'Return to the chair' }).click();
    await manager.getByText('Report returned to the chair with your comment.').waitFor();

    const chair = await signedInPage('chair');
    await chair.goto(url(`/exceptions/${report.id}`));
    await expect
      .poll(() => chair.getByTestId('return-comment').innerText())
      .toContain('Say when the new social');
    await chair
      .getByLabel('Why it happened')
      .fill('Two social workers left; their replacements start in May.');
    await chair.getByRole('button', { name: 'Submit to the manager' }).click();
    await chair.getByText('Report submitted to the manager.').waitFor();

    await manager.reload();
    await manager.getByRole('button', { name: 'Accept' }).click();
    await manager.getByText('Report accepted: everyone can now read it.').waitFor();
    const history = await manager.getByTestId('history').innerText();
    expect(history).toMatch(/Returned by Mo Manager/);
    expect(history).toMatch(/Accepted by Mo Manager/);
  });

  it('a viewer then sees it, and the indicator page links to it', async () => {
    const page = await signedInPage('viewer');
    await page.goto(url('/exceptions'));
    const table = page.getByRole('table', { name: /Exception reports/ });
    await table.getByRole('link').first().waitFor();
    expect(await table.locator('tbody tr').count()).toBe(1);
    await checkPageAtWidths(page, 'exceptions list (viewer)');
    await page.goto(url(`/indicators/${report.indicatorCode}?period=${encodeURIComponent(report.period)}`));
    await page.getByTestId('exception-reasons').waitFor();
    const link = page.getByTestId('indicator-reports').getByRole('link', {
      name: `Exception report for ${report.period}`,
    });
    await link.click();
    await page.waitForURL(url(`/exceptions/${report.id}`));
    await expect
      .poll(() => page.getByTestId('action-list').innerText())
      .toContain('Recruit two permanent social workers');
    await checkPageAtWidths(page, 'report read view');
  });

  it('logged no error in any browser on the way', () => {
    expect(consoleProblems).toEqual([]);
  });
});
