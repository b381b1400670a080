import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditEntry, Page as ResultPage, Subgroup } from '@oscp/contracts';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPageAtWidths } from '../support/page-checks';
import { chromiumArgs, chromiumPath, repoRoot, startBuiltApi, type BuiltApi } from '../support/built-api';

const hasChromium = existsSync(chromiumPath);
if (!hasChromium) {
  console.log(`Skipping the subgroups browser test: no Chromium at ${chromiumPath} (set CHROMIUM_PATH).`);
}

describe.skipIf(!hasChromium)('subgroups administration in a browser', () => {
  let api: BuiltApi;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const consoleProblems: string[] = [];
  const url = (path: string) => `${api.baseUrl}${path}`;

  beforeAll(async () => {
    if (!existsSync(join(repoRoot, 'dashboards', 'dist', 'index.html'))) {
      throw new Error('The dashboard is not built: run "npm run build -w dashboards" first.');
    }
    api = await startBuiltApi();
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.on('console', (message) => {
      // The session check on the sign-in page answers 401 before signing in: the one expected error.
      if (message.type() === 'error' && !/status of 401/.test(message.text()))
        consoleProblems.push(message.text());
    });
    page.on('pageerror', (error) => consoleProblems.push(error.message));
  }, 300_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close();
    await api?.stop();
  });

  const row = (name: string) =>
    page.getByRole('table', { name: 'Subgroups, by name' }).getByRole('row').filter({ hasText: name });

  it('an administrator adds, renames, assigns and retires a subgroup, and a user can then be given only subgroups in use', async () => {
    // Signed in through the API (the sign-in page is another test's): the overview it lands on
    // has no published figures until the start-up run ends, and these pages need none.
    const login = await context.request.post(url('/api/auth/login'), {
      data: { email: api.adminEmail, password: api.adminPassword },
    });
    expect(login.status()).toBe(200);
    await page.goto(url('/admin/users'));
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Manage subgroups' })
      .click();
    await page.waitForURL(url('/admin/subgroups'));
    await row('Performance Co-ordination').waitFor();
    await checkPageAtWidths(page, 'subgroups list');

    // Add: an empty name is refused with the error summary tied to the field.
    await page.getByRole('button', { name: 'Add a subgroup' }).click();
    const addForm = page.getByRole('form', { name: 'Add a subgroup' });
    await addForm.getByRole('button', { name: 'Add the subgroup' }).click();
    await page.getByRole('link', { name: 'Enter the subgroup name' }).waitFor();
    await checkPageAtWidths(page, 'add a subgroup (with an error)');
    await page.getByRole('link', { name: 'Enter the subgroup name' }).click();
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('subgroup-name');
    await addForm.getByLabel('Name', { exact: true }).fill('Neglect Subgroup');
    await addForm.getByLabel(/^NG01 /).check();
    await addForm.getByRole('button', { name: 'Add the subgroup' }).click();
    await page.getByText('Neglect Subgroup was added.').waitFor();
    expect(await row('Neglect Subgroup').innerText()).toMatch(/NG01[\s\S]*In use/);

    // Rename and assign a second indicator.
    await row('Neglect Subgroup').getByRole('button', { name: 'Change Neglect Subgroup' }).click();
    const changeForm = page.getByRole('form', { name: 'Change Neglect Subgroup' });
    await changeForm.getByLabel('Name', { exact: true }).fill('Neglect and Cumulative Harm');
    await changeForm.getByLabel(/^NG04 /).check();
    await checkPageAtWidths(page, 'change a subgroup');
    await changeForm.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Neglect and Cumulative Harm was saved.').waitFor();
    expect(await row('Neglect and Cumulative Harm').innerText()).toMatch(/NG01, NG04[\s\S]*In use/);

    // Retire.
    await row('Neglect and Cumulative Harm')
      .getByRole('button', { name: 'Change Neglect and Cumulative Harm' })
      .click();
    await page.getByLabel('Retired').check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Neglect and Cumulative Harm was saved.').waitFor();
    expect(await row('Neglect and Cumulative Harm').innerText()).toContain('Retired');
    await checkPageAtWidths(page, 'subgroups list after changes');

    const subgroups = (await (await page.request.get(url('/api/subgroups'))).json()) as Subgroup[];
    expect(subgroups.find((s) => s.id === 'neglect-subgroup')).toEqual({
      id: 'neglect-subgroup',
      name: 'Neglect and Cumulative Harm',
      indicatorCodes: ['NG01', 'NG04'],
      retired: true,
    });
    const audit = (await (
      await page.request.get(url('/api/audit?target=subgroup:neglect-subgroup'))
    ).json()) as ResultPage<AuditEntry>;
    expect(audit.items.map((entry) => entry.action).sort()).toEqual([
      'subgroup.created',
      'subgroup.updated',
      'subgroup.updated',
    ]);

    // The user form offers the subgroups from this list, not free text, and not the retired one.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
    await page.getByRole('button', { name: 'Add a user' }).click();
    const subgroupChoices = page.getByRole('group', { name: /Subgroups/ });
    await subgroupChoices.getByLabel('Performance Co-ordination').waitFor();
    expect(await subgroupChoices.getByRole('checkbox').count()).toBe(2);
    expect(await subgroupChoices.getByRole('textbox').count()).toBe(0);
    expect(await subgroupChoices.getByLabel('Neglect and Cumulative Harm').count()).toBe(0);
  });

  it('logged no error in the browser on the way', () => {
    expect(consoleProblems).toEqual([]);
  });
});
