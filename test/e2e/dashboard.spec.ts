import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  formatDisplay,
  type CurrentUser,
  type IndicatorDetail,
  type PeriodList,
  type Scorecard,
  type SessionInfo,
} from '@oscp/contracts';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../support/page-checks';
import { chromiumArgs, chromiumPath, repoRoot, startBuiltApi, type BuiltApi } from '../support/built-api';

const hasChromium = existsSync(chromiumPath);
if (!hasChromium) {
  console.log(`Skipping the dashboard browser tests: no Chromium at ${chromiumPath} (set CHROMIUM_PATH).`);
}

const screenshots = join(repoRoot, 'docs', 'screenshots');

describe.skipIf(!hasChromium)('dashboard in a browser against the real API', () => {
  let api: BuiltApi;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let user: CurrentUser;
  let scorecard: Scorecard;
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
    page.on('console', (message) => {
      // A 401 on purpose (the session-expiry step) is the one expected error.
      if (message.type() === 'error' && !/status of 401/.test(message.text()))
        consoleProblems.push(message.text());
    });
    page.on('pageerror', (error) => consoleProblems.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('sends a visitor to sign in, and signs the admin in', async () => {
    await page.goto(url('/'));
    await page.waitForURL(/\/sign-in$/);
    await page.getByLabel('Email address').waitFor();
    await expectNoAxeViolations(page, 'sign-in');

    await page.getByLabel('Email address').fill(api.adminEmail);
    await page.getByLabel('Password').fill(api.adminPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(url('/'));
    await page.locator('table.app-scorecard-table').first().waitFor();

    user = (await getJson<SessionInfo>('/api/auth/me')).user;
    expect(user.email).toBe(api.adminEmail);
    await page.locator('summary', { hasText: user.displayName }).waitFor();
  });

  it('shows all 26 indicators of the latest quarter with the values GET /api/scorecard gives', async () => {
    scorecard = await getJson<Scorecard>('/api/scorecard');
    expect(scorecard.indicators).toHaveLength(26);
    await expect.poll(() => page.locator('h1').innerText()).toContain(scorecard.period);
    await expect.poll(() => page.getByTestId('shown-count').innerText()).toBe('Showing 26 of 26 indicators');
    expect(await page.locator('table.app-scorecard-table tbody tr').count()).toBe(26);
    for (const indicator of scorecard.indicators) {
      const shown = await page.getByTestId(`value-${indicator.code}`).innerText();
      expect(shown, indicator.code).toBe(formatDisplay(indicator.display, indicator.unit));
    }
    // The snapshot is named for people; its id waits in a details element for support.
    await expect
      .poll(() => page.getByTestId('snapshot-name').innerText())
      .toMatch(/^Published .* at \d\d:\d\d - run \d+$/);
    expect(await page.getByTestId('snapshot-notice').innerText()).not.toContain(scorecard.snapshotId);
    expect(await page.getByTestId('snapshot-notice').textContent()).toContain(scorecard.snapshotId);
    await expectNoAxeViolations(page, 'overview');
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, 'overview.png'), fullPage: true });
  });

  it('filters by owner agency, and a link with the filter reopens the same view', async () => {
    const owners = [...new Set(scorecard.indicators.map((i) => i.owner))];
    const agency = owners.find((o) => o !== 'CSC') ?? owners[0];
    const expected = scorecard.indicators.filter((i) => i.owner === agency).map((i) => i.code);
    await page.getByLabel('Owner agency').selectOption(agency);
    await page.waitForURL(new RegExp(`agency=${agency}`));
    await expect
      .poll(() => page.getByTestId('shown-count').innerText())
      .toBe(`Showing ${expected.length} of 26 indicators`);
    const codes = await page
      .locator('[data-testid^="value-"]')
      .evaluateAll((cells) => cells.map((c) => (c.getAttribute('data-testid') ?? '').replace('value-', '')));
    expect(codes.sort()).toEqual([...expected].sort());

    await page.reload();
    await page.locator('table.app-scorecard-table').first().waitFor();
    await expect(page.getByLabel('Owner agency').inputValue()).resolves.toBe(agency);
    await expect.poll(() => page.locator('table.app-scorecard-table tbody tr').count()).toBe(expected.length);
  });

  it('opens an indicator with its chart, the same data as a table, and its definition', async () => {
    const chosen =
      scorecard.indicators.find((i) => i.unit === 'percent' && i.value !== null) ?? scorecard.indicators[0];
    await page.goto(url('/'));
    await page.locator('table.app-scorecard-table').first().waitFor();
    await page.locator(`table.app-scorecard-table a[href^="/indicators/${chosen.code}"]`).click();
    await page.waitForURL(new RegExp(`/indicators/${chosen.code}`));
    const detail = await getJson<IndicatorDetail>(
      `/api/indicators/${chosen.code}?quarters=8&period=${encodeURIComponent(scorecard.period)}`,
    );
    await expect
      .poll(() => page.getByTestId('indicator-value').innerText())
      .toBe(formatDisplay(detail.current.display, detail.current.unit));
    await page
      .getByTestId('plain-definition')
      .filter({ hasText: detail.definition.plainDefinition })
      .waitFor();
    const chart = page.getByRole('img', { name: `${detail.definition.title}: trend` });
    await chart.locator('svg.recharts-surface').first().waitFor();
    const table = page.getByRole('table', { name: `${detail.definition.title}, by quarter` });
    expect(await table.locator('tbody tr').count()).toBe(detail.trend.length);
    // The technical rule waits under "How it is calculated".
    await page.getByText('How it is calculated').click();
    await page.getByText(detail.definition.numeratorDefinition).first().waitFor();
    await page.waitForTimeout(300); // let the chart settle before the scan and the picture
    await expectNoAxeViolations(page, 'indicator');
    await page.screenshot({ path: join(screenshots, 'indicator.png'), fullPage: true });
  });

  it('can be used by keyboard: Tab reaches the skip link first and following it moves to the content', async () => {
    await page.goto(url('/'));
    await page.locator('table.app-scorecard-table').first().waitFor();
    await page.keyboard.press('Tab');
    // Browser-side expressions as strings: this test project has no DOM types.
    const focused = (await page.evaluate(`(() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      return { text: el.textContent, outline: style.outlineStyle, shadow: style.boxShadow };
    })()`)) as { text: string; outline: string; shadow: string };
    expect(focused.text).toBe('Skip to main content');
    // The focus is visible (GOV.UK's focus style: yellow with an outline or a thick underline).
    expect(focused.outline !== 'none' || focused.shadow !== 'none').toBe(true);
    await page.keyboard.press('Enter');
    await expect(page.evaluate('document.activeElement.id')).resolves.toBe('main-content');
    await page.keyboard.press('Tab');
    await expect(page.evaluate("document.activeElement.closest('main') !== null")).resolves.toBe(true);
  });

  it("shows analysts the data page with the run history and a run's findings", async () => {
    const isAnalyst = user.roles.includes('analyst') || user.roles.includes('admin');
    if (!isAnalyst) {
      console.log(`The admin account has roles ${user.roles.join(', ')}: no Data page to check.`);
      return;
    }
    await page.getByRole('link', { name: 'Data', exact: true }).click();
    await page.waitForURL(url('/data'));
    const runs = page.getByRole('table', { name: 'Pipeline runs, newest first' });
    await runs.locator('tbody tr').first().waitFor();
    expect(await runs.locator('tbody tr').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Run now' }).waitFor();
    await expectNoAxeViolations(page, 'data');

    await runs.locator('tbody tr').first().getByRole('link').first().click();
    await page.waitForURL(/\/data\/runs\//);
    await page.getByRole('table', { name: 'Files in this run' }).waitFor();
    await page.getByRole('link', { name: /Download all .* findings? \(CSV\)/ }).waitFor();
    await expectNoAxeViolations(page, 'run details');
  });

  it('lets the administrator add a user on the Users page and read it in the audit log', async () => {
    const email = `pat.${Date.now()}@example.org`;
    await page.goto(url('/'));
    await page.getByRole('link', { name: 'Users', exact: true }).click();
    await page.waitForURL(url('/admin/users'));
    const users = page.getByRole('table', { name: 'Users, by email address' });
    await users.getByRole('rowheader', { name: api.adminEmail }).waitFor();
    await expectNoAxeViolations(page, 'users');

    await page.getByRole('button', { name: 'Add a user' }).click();
    const form = page.getByRole('form', { name: 'Add a user' });
    await form.getByLabel('Email address').fill(email);
    await form.getByLabel('Name', { exact: true }).fill('Pat Police');
    await form.getByLabel('First password').fill('a long first password');
    await form.getByLabel('Subgroup chair').check();
    await form.getByLabel('Agency', { exact: true }).selectOption('POLICE');
    await form.getByLabel('Performance Co-ordination').check();
    await expectNoAxeViolations(page, 'add a user');
    await page.getByRole('button', { name: 'Add the user' }).click();
    await page
      .getByTestId('user-notice')
      .filter({ hasText: `${email} was added` })
      .waitFor();
    const row = users.getByRole('row').filter({ has: page.getByRole('rowheader', { name: email }) });
    await row.waitFor();
    await expect
      .poll(() => row.innerText())
      .toMatch(/Subgroup chair[\s\S]*Police[\s\S]*Performance Co-ordination[\s\S]*Enabled/);

    await page.getByRole('link', { name: 'Audit log', exact: true }).click();
    await page.waitForURL(url('/admin/audit'));
    const entries = page.getByRole('table', { name: 'Audit entries, newest first' });
    await entries.getByRole('row').filter({ hasText: 'user.created' }).filter({ hasText: email }).waitFor();
    await page.getByRole('link', { name: /Download all .* entries \(CSV\)/ }).waitFor();
    await expectNoAxeViolations(page, 'audit log');
  });

  it('sends the user back to sign in when the session ends, then back to where they were', async () => {
    const periods = await getJson<PeriodList>('/api/periods');
    const earlier = periods.periods[periods.periods.length - 2]?.period ?? scorecard.period;
    await page.goto(url('/?exceptions=true'));
    await page.getByLabel('Quarter').waitFor();
    // Let the page's own follow-up requests finish first, so the 401 comes from the user's choice.
    await page.waitForLoadState('networkidle');
    await context.clearCookies();
    // Choosing another quarter asks the API, which now answers 401.
    await page.getByLabel('Quarter').selectOption(earlier);
    await page.getByText(/Your session has ended/).waitFor();
    await page.getByLabel('Email address').fill(api.adminEmail);
    await page.getByLabel('Password').fill(api.adminPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(
      (u) => u.searchParams.get('exceptions') === 'true' && u.searchParams.get('period') === earlier,
    );
    await page.locator('h1').filter({ hasText: earlier }).waitFor();
  });

  it('uploads a dataset file and shows its result when the run finishes', async () => {
    if (!(user.roles.includes('analyst') || user.roles.includes('admin'))) return;
    // A contacts file with one bad date: the file is accepted and that row quarantined.
    const file = join(repoRoot, 'test', 'fixtures', 'not-ok', 'contacts_datetime_format', 'contacts');
    const csv = readdirSync(file).find((name) => name.endsWith('.csv'));
    expect(csv).toBeDefined();
    await page.goto(url('/data'));
    await page.getByLabel('Dataset', { exact: true }).selectOption('contacts');
    await page.getByLabel('File (CSV or XLSX; the census as XML)').setInputFiles(join(file, csv ?? ''));
    await page.getByRole('button', { name: 'Upload and check the file' }).click();
    const result = page.getByTestId('run-result');
    await result.getByRole('table', { name: 'Your file' }).waitFor({ timeout: 120_000 });
    await expect.poll(() => result.innerText()).toMatch(/Run (Published|Nothing new|Failed)/);
    await expect.poll(() => result.innerText()).toContain('Rows quarantined');
    await expectNoAxeViolations(page, 'data after an upload');
  });

  /** Every page a signed-in administrator can open, and what shows it has drawn. */
  async function pagesToCheck(): Promise<{ name: string; path: string; ready: string }[]> {
    const runs = await getJson<{ items: { id: string }[] }>('/api/runs?limit=1&offset=0');
    return [
      { name: 'overview', path: '/', ready: '[data-testid="shown-count"]' },
      {
        name: 'indicator',
        path: `/indicators/CP07?period=${encodeURIComponent(scorecard.period)}`,
        ready: '[data-testid="indicator-value"]',
      },
      { name: 'guide', path: '/guide', ready: 'h1' },
      { name: 'data', path: '/data', ready: 'table' },
      ...(runs.items[0] ? [{ name: 'run', path: `/data/runs/${runs.items[0].id}`, ready: 'table' }] : []),
      { name: 'users', path: '/admin/users', ready: 'table' },
      { name: 'audit', path: '/admin/audit', ready: 'table' },
      { name: 'not-found', path: '/no-such-page', ready: 'h1' },
    ];
  }

  /** Null when the page fits its window; otherwise how wide it is and which elements stick out. */
  async function sidewaysOverflow(on: Page): Promise<string | null> {
    const sizes = (await on.evaluate(
      '({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth })',
    )) as { scroll: number; inner: number };
    if (sizes.scroll <= sizes.inner) return null;
    const culprits = (await on.evaluate(`[...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
      .filter((el) => !el.parentElement || el.parentElement.getBoundingClientRect().right <= window.innerWidth + 1)
      .slice(0, 5)
      .map((el) => el.tagName.toLowerCase() + '.' + [...el.classList].join('.') + ' ' + Math.round(el.getBoundingClientRect().right))`)) as string[];
    return `${sizes.scroll} px wide in ${sizes.inner} px (${culprits.join(', ')})`;
  }

  const screenshotDir = join(repoRoot, 'test-output', 'screenshots');

  it.each([320, 390, 768, 1366])(
    'fits every page at %i px: no sideways scrolling, nothing for axe, a screenshot each',
    async (width) => {
      mkdirSync(screenshotDir, { recursive: true });
      const overflowing: string[] = [];
      const fresh = await browser.newContext({ viewport: { width, height: 800 } });
      try {
        const visitor = await fresh.newPage();
        await visitor.goto(url('/sign-in'));
        await visitor.getByLabel('Email address').waitFor();
        const signIn = await sidewaysOverflow(visitor);
        if (signIn) overflowing.push(`sign-in: ${signIn}`);
        await expectNoAxeViolations(visitor, `sign-in at ${width} px`);
        await visitor.screenshot({ path: join(screenshotDir, `sign-in-${width}.png`), fullPage: true });

        await page.setViewportSize({ width, height: 800 });
        for (const target of await pagesToCheck()) {
          await page.goto(url(target.path));
          await page.locator(target.ready).first().waitFor();
          await page.waitForLoadState('networkidle');
          await page.waitForTimeout(200); // charts draw after their chunk loads
          const overflow = await sidewaysOverflow(page);
          if (overflow) overflowing.push(`${target.name}: ${overflow}`);
          await expectNoAxeViolations(page, `${target.name} at ${width} px`);
          await page.screenshot({ path: join(screenshotDir, `${target.name}-${width}.png`), fullPage: true });
          if (target.name === 'overview' && width === 390) {
            // The README shows the phone overview beside the desktop one.
            await page.screenshot({
              path: join(screenshots, 'overview-phone.png'),
              fullPage: true,
              clip: { x: 0, y: 0, width, height: 2600 },
            });
          }
        }
      } finally {
        await fresh.close();
        await page.setViewportSize({ width: 1366, height: 900 });
      }
      expect(overflowing).toEqual([]);
    },
    300_000,
  );

  it.each([390, 1366])(
    'keeps the overview within a %i px window with text at double size (WCAG 1.4.4, 1.4.10)',
    async (width) => {
      await page.setViewportSize({ width, height: 800 });
      try {
        await page.goto(url('/'));
        await page.locator('[data-testid="shown-count"]').waitFor();
        await page.evaluate("document.documentElement.style.fontSize = '200%'");
        await page.waitForTimeout(200);
        mkdirSync(screenshotDir, { recursive: true });
        await page.screenshot({
          path: join(screenshotDir, `overview-${width}-text-200.png`),
          fullPage: true,
        });
        expect(await sidewaysOverflow(page)).toBeNull();
      } finally {
        await page.setViewportSize({ width: 1366, height: 900 });
      }
    },
  );

  it('shows one card per indicator on a phone, with value, target, RAG and direction', async () => {
    await page.setViewportSize({ width: 390, height: 800 });
    try {
      await page.goto(url('/'));
      await page.locator('[data-testid="shown-count"]').waitFor();
      expect(await page.locator('table.app-scorecard-table').first().isVisible()).toBe(false);
      const cards = page.locator('.app-card');
      await expect.poll(() => cards.count()).toBe(26);
      const first = scorecard.indicators[0];
      const card = page.getByTestId(`card-${first?.code ?? ''}`);
      expect(await card.isVisible()).toBe(true);
      const text = await card.innerText();
      expect(text).toContain(formatDisplay(first?.display ?? '', first?.unit ?? 'count'));
      for (const label of ['Value', 'Target', 'RAG', 'Direction']) expect(text).toContain(label);
      // The filters fold away until asked for.
      expect(await page.getByLabel('Owner agency').isVisible()).toBe(false);
      await page.getByText('Show filters').click();
      expect(await page.getByLabel('Owner agency').isVisible()).toBe(true);
    } finally {
      await page.setViewportSize({ width: 1366, height: 900 });
    }
  });

  it('prints the overview with page numbers and the quarter and version in a running header', async () => {
    await page.goto(url('/'));
    await page.locator('[data-testid="shown-count"]').waitFor();
    const rules = async () =>
      (await page.evaluate(
        "document.adoptedStyleSheets.flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText)).join(' ')",
      )) as string;
    await expect.poll(rules).toContain(`OSCP partnership scorecard · ${scorecard.period} · Published`);
    mkdirSync(screenshotDir, { recursive: true });
    const pdf = await page.pdf({ path: join(screenshotDir, 'overview-print.pdf'), preferCSSPageSize: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('breaks no Content-Security-Policy rule and logs no errors on any page', () => {
    expect(consoleProblems).toEqual([]);
  });
});
