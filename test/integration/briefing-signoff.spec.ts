/**
 * Quarter sign-off and the briefing pack against real runs: a quarter is signed off, a corrected
 * partner return changes one of its indicators, and the signed-off figures stay the default on the
 * overview and the indicator's page, the revision is marked with both values, the pack still matches the signed-off snapshot, and the
 * signed-off snapshot survives retention with OSCP_SNAPSHOTS_KEEP=1.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type {
  AuditEntry,
  BriefingSummary,
  ExceptionReport,
  ExceptionReportList,
  IndicatorDetail,
  Page,
  Role,
  Scorecard,
  SignOff,
} from '@oscp/contracts';
import { generateDemoInbox } from '@oscp/etl';
import { Workbook } from 'exceljs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, PdfPrinter } from '../../apps/api/src/briefings/pdf-printer';
import { PipelineService } from '../../apps/api/src/pipeline/pipeline.service';
import { SnapshotRetention } from '../../apps/api/src/pipeline/snapshot-retention';
import { UsersService } from '../../apps/api/src/users/users.service';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  serverOf,
  signIn,
  startAuthTestApp,
  userWithRoles,
  type AuthTestApp,
  type SignedIn,
} from './auth-helpers';

const PERIOD = '2024-25 Q4';
const SLUG = '2024-25-Q4';

let harness: AuthTestApp;
let app: NestExpressApplication;
let inbox: string;
let viewer: SignedIn;
let manager: SignedIn;
let admin: SignedIn;
let signedOffSnapshot: string;
let correctedSnapshot: string;
let signOff: SignOff;
let signedOffPt06: { display: string; value: number | null };
let chair: SignedIn;
let reportedCode: string;

function send(method: 'post' | 'patch' | 'put', path: string, who: SignedIn, body: unknown) {
  const agent = http();
  const started =
    method === 'post' ? agent.post(path) : method === 'patch' ? agent.patch(path) : agent.put(path);
  return started
    .set('cookie', who.cookie)
    .set('x-csrf-token', who.info.csrfToken)
    .send(body as object);
}

async function person(roles: Role[], subgroups: string[], name: string, ip: string): Promise<SignedIn> {
  const email = `${name.toLowerCase().replace(/\s+/g, '.')}@example.org`;
  const password = `a-long-password-for-${name.length}-briefing-tests`;
  await app.get(UsersService).create({ email, displayName: name, password, roles, agency: null, subgroups });
  return signIn(app, email, password, ip);
}

const http = () => request(serverOf(app));
const get = (path: string, who: SignedIn = viewer) => http().get(path).set('cookie', who.cookie);
const binary = (path: string, who: SignedIn = viewer) =>
  get(path, who)
    .buffer(true)
    .parse((response, callback) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => callback(null, Buffer.concat(chunks)));
    });

async function runEtl(runDate: string): Promise<string> {
  const outcome = await app.get(PipelineService).run('cli', { inboxDir: inbox, runDate });
  if (outcome.run.status !== 'published' || !outcome.run.snapshotId)
    throw new Error(`The run did not publish: ${outcome.run.status} ${outcome.run.error ?? outcome.message}`);
  return outcome.run.snapshotId;
}

function snapshotFile(id: string): string {
  return join(harness.dataDir, 'snapshots', `${id}.duckdb`);
}

/** A later partner return from the partnership that corrects PT06 for the quarter. */
function writeCorrectedPt06(numerator: number, denominator: number, extractDate: string): void {
  const folder = join(inbox, 'partner_returns');
  mkdirSync(folder, { recursive: true });
  writeFileSync(
    join(folder, `partner_returns_${extractDate}_correction.csv`),
    `agency,indicator_code,period,numerator,denominator,note\r\nOSCP,PT06,${PERIOD},${numerator},${denominator},Corrected after audit moderation\r\n`,
  );
}

beforeAll(async () => {
  inbox = mkdtempSync(join(tmpdir(), 'oscp-briefing-inbox-'));
  await generateDemoInbox({ outDir: inbox, seed: 11, scale: 0.1, asOf: '2025-05-15' });
  harness = await startAuthTestApp({ OSCP_SNAPSHOTS_KEEP: '1' });
  app = harness.app;
  viewer = await userWithRoles(app, ['viewer'], '198.51.100.81');
  manager = await userWithRoles(app, ['manager'], '198.51.100.82');
  admin = await signIn(app, ADMIN_EMAIL, ADMIN_PASSWORD, '198.51.100.83');
  chair = await person(['chair'], ['performance-co-ordination'], 'Cara Chair', '198.51.100.84');
  signedOffSnapshot = await runEtl('2025-05-30');
}, 600_000);

afterAll(async () => {
  await harness?.close();
  if (inbox) rmSync(inbox, { recursive: true, force: true });
});

describe('quarter sign-off', () => {
  it('is refused to a viewer, and needs a quarter the snapshot covers', async () => {
    const byViewer = await http()
      .post('/api/signoffs')
      .set('cookie', viewer.cookie)
      .set('x-csrf-token', viewer.info.csrfToken)
      .send({ period: PERIOD });
    expect(byViewer.status).toBe(403);
    const uncovered = await http()
      .post('/api/signoffs')
      .set('cookie', manager.cookie)
      .set('x-csrf-token', manager.info.csrfToken)
      .send({ period: '2030-31 Q1' });
    expect(uncovered.status).toBe(422);
    expect((uncovered.body as { message: string }).message).toContain('does not cover 2030-31 Q1');
  });

  it('signs off the quarter on the current snapshot, once, and says who and when', async () => {
    const created = await http()
      .post('/api/signoffs')
      .set('cookie', manager.cookie)
      .set('x-csrf-token', manager.info.csrfToken)
      .send({ period: SLUG, note: 'Agreed at the Statutory Partner meeting' });
    expect(created.status).toBe(201);
    signOff = created.body as SignOff;
    expect(signOff).toMatchObject({
      period: PERIOD,
      snapshotId: signedOffSnapshot,
      note: 'Agreed at the Statutory Partner meeting',
      withdrawnAt: null,
    });
    expect(signOff.signedOffBy).toMatch(/^Test user/);

    const again = await http()
      .post('/api/signoffs')
      .set('cookie', manager.cookie)
      .set('x-csrf-token', manager.info.csrfToken)
      .send({ period: PERIOD });
    expect(again.status).toBe(409);

    const list = (await get(`/api/signoffs?period=${SLUG}`)).body as { items: SignOff[] };
    expect(list.items.map((item) => item.id)).toEqual([signOff.id]);

    const card = (await get(`/api/scorecard?period=${SLUG}`)).body as Scorecard;
    expect(card.signOffState).toEqual({ signOff, figures: 'signed_off', revisions: [] });
    const pt06 = card.indicators.find((indicator) => indicator.code === 'PT06');
    expect(pt06?.value).not.toBeNull();
    signedOffPt06 = { display: pt06?.display ?? '', value: pt06?.value ?? null };
  });

  it('carries an accepted exception report and the commentary into the internal pack only', async () => {
    const list = (await get(`/api/exceptions?period=${SLUG}&status=draft`, manager))
      .body as ExceptionReportList;
    const draft = list.items.find(
      (item) => !item.subgroupIds.includes('safeguarding-review-and-learning-group'),
    );
    if (!draft) throw new Error('The run opened no draft report for Performance Co-ordination.');
    reportedCode = draft.indicatorCode;
    const path = `/api/exceptions/${draft.id}`;
    const filled = await send('patch', path, chair, {
      version: draft.version,
      cause: 'Two team managers left in the quarter.',
      impact: 'Children wait longer for a decision about help.',
      actions: [
        {
          what: 'Recruit two agency team managers',
          ownerAgency: 'CSC',
          dueDate: '2025-03-31',
          status: 'open',
        },
      ],
      trajectoryPeriod: '2025-26 Q2',
      escalationNeeded: false,
    });
    expect(filled.status, JSON.stringify(filled.body)).toBe(200);
    expect((await send('post', `${path}/transitions`, chair, { to: 'submitted' })).status).toBe(200);
    const accepted = await send('post', `${path}/transitions`, manager, { to: 'accepted' });
    expect((accepted.body as ExceptionReport).status).toBe('accepted');
    const commentary = await send('put', `/api/commentary/FD01/${SLUG}`, chair, {
      text: '=Contacts rose after the schools campaign.',
      version: 0,
    });
    expect(commentary.status, JSON.stringify(commentary.body)).toBe(200);

    const csv = (await get(`/api/briefings/${SLUG}.csv`)).text;
    // Commentary is carried, and text starting with = is neutralised.
    expect(csv).toContain(",'=Contacts rose after the schools campaign.");
    const printPage = await get(`/api/briefings/${SLUG}.html`);
    // The Briefing pack page frames its print page; nothing else may frame it, nor any other route.
    expect(printPage.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(printPage.headers['content-security-policy']).toContain("default-src 'none'");
    expect(printPage.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect((await get(`/api/briefings/${SLUG}`)).headers['x-frame-options']).toBe('DENY');
    const html = printPage.text;
    expect(html).toContain(`${reportedCode} `);
    expect(html).toContain('Two team managers left in the quarter.');
    expect(html).toContain('Recruit two agency team managers');
    expect(html).toMatch(/<tr class="overdue"><td>Recruit two agency team managers/);
    expect(html).toContain('Commentary: =Contacts rose after the schools campaign.');

    const published = (await get(`/api/briefings/${SLUG}.html?published=true`)).text;
    expect(published).not.toContain('Two team managers left');
    expect(published).not.toContain('Contacts rose after the schools campaign');
    expect((await get(`/api/briefings/${SLUG}.csv?published=true`)).text).not.toContain('schools campaign');
  });

  it('after a corrected extract, shows the signed-off figures by default and marks the revision with both values', async () => {
    // 1 of 20 is 5%: far from whatever the demo return said.
    writeCorrectedPt06(1, 20, '20250520');
    correctedSnapshot = await runEtl('2025-05-30');
    expect(correctedSnapshot).not.toBe(signedOffSnapshot);

    const card = (await get(`/api/scorecard?period=${SLUG}`)).body as Scorecard;
    expect(card.snapshotId).toBe(signedOffSnapshot);
    expect(card.indicators.find((indicator) => indicator.code === 'PT06')?.display).toBe(
      signedOffPt06.display,
    );
    const revisions = card.signOffState?.revisions ?? [];
    expect(revisions.map((revision) => revision.code)).toEqual(['PT06']);
    expect(revisions[0]).toMatchObject({
      signedOff: { display: signedOffPt06.display },
      latest: { display: '5.0' },
      latestSnapshotId: correctedSnapshot,
    });

    const latest = (await get(`/api/scorecard?period=${SLUG}&figures=latest`)).body as Scorecard;
    expect(latest.snapshotId).toBe(correctedSnapshot);
    expect(latest.signOffState?.figures).toBe('latest');
    expect(latest.indicators.find((indicator) => indicator.code === 'PT06')?.display).toBe('5.0');

    // Another quarter is not signed off: the latest figures, no sign-off.
    const other = (await get('/api/scorecard?period=2024-25-Q3')).body as Scorecard;
    expect(other.snapshotId).toBe(correctedSnapshot);
    expect(other.signOffState).toBeNull();
  });

  it("shows the indicator's page with its signed-off figure by default, the revision with both values, and the latest on request", async () => {
    const page = (await get(`/api/indicators/PT06?period=${SLUG}`)).body as IndicatorDetail;
    expect(page.snapshotId).toBe(signedOffSnapshot);
    expect(page.current.display).toBe(signedOffPt06.display);
    expect(page.trend.at(-1)).toMatchObject({ period: PERIOD, display: signedOffPt06.display });
    expect(page.signOffState?.figures).toBe('signed_off');
    expect(page.signOffState?.signOff.id).toBe(signOff.id);
    expect(page.signOffState?.revisions.find((revision) => revision.code === 'PT06')).toMatchObject({
      signedOff: { display: signedOffPt06.display },
      latest: { display: '5.0' },
      latestSnapshotId: correctedSnapshot,
    });

    const latest = (await get(`/api/indicators/PT06?period=${SLUG}&figures=latest`)).body as IndicatorDetail;
    expect(latest.snapshotId).toBe(correctedSnapshot);
    expect(latest.current.display).toBe('5.0');
    expect(latest.signOffState?.figures).toBe('latest');

    // A named snapshot is served as it is; another quarter has no sign-off.
    const named = (await get(`/api/indicators/PT06?period=${SLUG}&snapshot=${correctedSnapshot}`))
      .body as IndicatorDetail;
    expect(named.current.display).toBe('5.0');
    expect(named.signOffState).toBeNull();
    const other = (await get('/api/indicators/PT06?period=2024-25-Q3')).body as IndicatorDetail;
    expect(other.snapshotId).toBe(correctedSnapshot);
    expect(other.signOffState).toBeNull();
    expect((await get(`/api/indicators/PT06?period=${SLUG}&figures=newest`)).status).toBe(400);
  });

  it('keeps the signed-off snapshot through retention with OSCP_SNAPSHOTS_KEEP=1', () => {
    expect(existsSync(snapshotFile(signedOffSnapshot))).toBe(true);
    expect(existsSync(snapshotFile(correctedSnapshot))).toBe(true);
  });

  it('builds the briefing pack from the signed-off snapshot, not the newer one', async () => {
    const summary = (await get(`/api/briefings/${SLUG}`)).body as BriefingSummary;
    expect(summary).toMatchObject({ period: PERIOD, snapshotId: signedOffSnapshot, draft: false });
    expect(summary.signOff?.id).toBe(signOff.id);

    const csv = await get(`/api/briefings/${SLUG}.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const pt06Line = csv.text.split('\r\n').find((line) => line.includes(',PT06,'));
    expect(pt06Line).toContain(`,${signedOffPt06.value},${signedOffPt06.display},`);

    const xlsx = await binary(`/api/briefings/${SLUG}.xlsx`);
    expect(xlsx.status).toBe(200);
    const workbook = new Workbook();
    await workbook.xlsx.load(new Uint8Array(xlsx.body as Buffer).buffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'Scorecard',
      'Front door',
      'Child protection',
      'Neglect',
      'Priority themes',
      'Exceptions',
      'Definitions',
      'About this pack',
    ]);
    const sheet = workbook.getWorksheet('Scorecard');
    const headers = (sheet?.getRow(1).values as unknown[]).slice(1);
    expect(headers.slice(0, 6)).toEqual(['Quarter', 'Code', 'Indicator', 'Theme', 'Value', 'Value as shown']);
    expect(sheet?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet?.autoFilter).toBeTruthy();
    const valueColumn = headers.indexOf('Value') + 1;
    const rows = (sheet?.getRows(2, 26) ?? []).filter((row) => row.getCell(2).value !== null);
    expect(rows).toHaveLength(26);
    const pt06Row = rows.find((row) => row.getCell(2).value === 'PT06');
    expect(pt06Row?.getCell(valueColumn).value).toBe(signedOffPt06.value);
    expect(pt06Row?.getCell(valueColumn).numFmt).toBe('0.0');
    const fd01Row = rows.find((row) => row.getCell(2).value === 'FD01');
    expect(typeof fd01Row?.getCell(valueColumn).value).toBe('number');
    expect(fd01Row?.getCell(valueColumn).numFmt).toBe('#,##0');
    const ragColumn = headers.indexOf('Rating') + 1;
    for (const row of rows)
      expect(['Red', 'Amber', 'Green', 'Context', 'No rating']).toContain(row.getCell(ragColumn).value);
    const theme = workbook.getWorksheet('Front door');
    expect(((theme?.getRow(1).values as unknown[]) ?? []).slice(5)).toHaveLength(8);

    // The same snapshot and sign-off give the same bytes.
    const again = await binary(`/api/briefings/${SLUG}.xlsx`);
    expect(Buffer.compare(again.body as Buffer, xlsx.body as Buffer)).toBe(0);
    expect((await get(`/api/briefings/${SLUG}.csv`)).text).toBe(csv.text);

    const audit = (await get('/api/audit?action=export.briefing', admin)).body as Page<AuditEntry>;
    expect(audit.items.length).toBeGreaterThanOrEqual(3);
    expect(audit.items[0]?.detail).toMatchObject({ snapshotId: signedOffSnapshot, signedOff: true });
  });

  it('prints a PDF of every page with page numbers, the marking and every indicator code', async () => {
    if (!findChromium(null)) {
      const response = await get(`/api/briefings/${SLUG}.pdf`);
      expect(response.status).toBe(503);
      return;
    }
    // Two requests at once share one browser.
    const [pdf, other] = await Promise.all([
      binary(`/api/briefings/${SLUG}.pdf`),
      binary(`/api/briefings/${SLUG}.pdf?published=true`),
    ]);
    expect(other.status).toBe(200);
    expect(app.get(PdfPrinter).browserLaunches).toBe(1);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const folder = mkdtempSync(join(tmpdir(), 'oscp-briefing-pdf-'));
    try {
      const file = join(folder, 'pack.pdf');
      writeFileSync(file, pdf.body as Buffer);
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
      expect(pages).toBeGreaterThanOrEqual(5);
      for (let page = 1; page <= pages; page += 1) expect(text).toContain(`Page ${page} of ${pages}`);
      expect(text.split('OFFICIAL-SENSITIVE').length - 1).toBeGreaterThanOrEqual(pages);
      for (const row of ((await get(`/api/scorecard?period=${SLUG}`)).body as Scorecard).indicators)
        expect(text).toContain(row.code);
      expect(text).toContain('Signed off');
      expect(text).not.toContain('DRAFT - not signed off');
      expect(text).toContain('Recruit two agency team managers');
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      expect(info).toMatch(/Title:\s+Safeguarding Accountability briefing pack, 2024-25 Q4/);
      expect(info).toMatch(/Tagged:\s+yes/);
      execFileSync('pdftoppm', ['-r', '30', '-png', file, join(folder, 'page')]);
      const rendered = execFileSync('ls', [folder], { encoding: 'utf8' })
        .split('\n')
        .filter((name) => name.endsWith('.png'));
      expect(rendered).toHaveLength(pages);
      for (const name of rendered) expect(readFileSync(join(folder, name)).length).toBeGreaterThan(1000);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('withdraws the sign-off with a reason (audited); the pack is then a draft and retention may remove the old snapshot once no exception report was drafted from it', async () => {
    const noReason = await http()
      .delete(`/api/signoffs/${signOff.id}`)
      .set('cookie', manager.cookie)
      .set('x-csrf-token', manager.info.csrfToken)
      .send({ reason: ' ' });
    expect(noReason.status).toBe(400);
    const withdrawn = await http()
      .delete(`/api/signoffs/${signOff.id}`)
      .set('cookie', manager.cookie)
      .set('x-csrf-token', manager.info.csrfToken)
      .send({ reason: 'PT06 corrected: to be signed off again' });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ withdrawnReason: 'PT06 corrected: to be signed off again' });

    const card = (await get(`/api/scorecard?period=${SLUG}`)).body as Scorecard;
    expect(card.snapshotId).toBe(correctedSnapshot);
    expect(card.signOffState).toBeNull();
    const summary = (await get(`/api/briefings/${SLUG}`)).body as BriefingSummary;
    expect(summary).toMatchObject({ snapshotId: correctedSnapshot, draft: true, signOff: null });

    const actions = ((await get('/api/audit?action=signoff', admin)).body as Page<AuditEntry>).items.map(
      (entry) => entry.action,
    );
    expect(actions).toEqual(['signoff.withdrawn', 'signoff.created']);

    writeCorrectedPt06(2, 20, '20250521');
    await runEtl('2025-05-31');
    // The withdrawn sign-off no longer holds the snapshot; the exception reports drafted from it still do.
    const drafted: { count: number }[] = await app
      .get(DataSource)
      .query(`select count(*)::integer as count from exception_report where evidence->>'snapshotId' = $1`, [
        signedOffSnapshot,
      ]);
    expect(drafted[0]?.count).toBeGreaterThan(0);
    expect(existsSync(snapshotFile(signedOffSnapshot))).toBe(true);
    // With those gone (the service never deletes a report) nothing holds it, and retention removes it.
    await app
      .get(DataSource)
      .query(`delete from exception_report where evidence->>'snapshotId' = $1`, [signedOffSnapshot]);
    expect(await app.get(SnapshotRetention).apply()).toContain(signedOffSnapshot);
    expect(existsSync(snapshotFile(signedOffSnapshot))).toBe(false);
  });
});

describe('the published briefing pack', () => {
  it('shows no count of 1 to 5 in the CSV, the XLSX or the PDF', async () => {
    const card = (await get(`/api/scorecard?period=${SLUG}&published=true`)).body as Scorecard;
    const internal = (await get(`/api/scorecard?period=${SLUG}`)).body as Scorecard;
    const small = (n: number | null) => n !== null && n > 0 && n < 6;
    // The corrected PT06 return (2 of 20) is small: the published view must hide it.
    expect(internal.indicators.find((i) => i.code === 'PT06')?.numerator).toBe(2);
    expect(card.indicators.find((i) => i.code === 'PT06')?.display).toBe('[c]');

    const csv = (await get(`/api/briefings/${SLUG}.csv?published=true`)).text;
    const lines = csv.trim().split('\r\n');
    const header = lines[0]?.split(',') ?? [];
    const numerator = header.indexOf('Numerator');
    const denominator = header.indexOf('Denominator');
    for (const line of lines.slice(1)) {
      const cells = line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/);
      for (const index of [numerator, denominator])
        expect(small(cells[index] ? Number(cells[index]) : null)).toBe(false);
    }
    expect(lines.find((line) => line.includes(',PT06,'))).toContain(',[c],');
    expect(csv).not.toContain('Commentary:');

    const xlsx = await binary(`/api/briefings/${SLUG}.xlsx?published=true`);
    const workbook = new Workbook();
    await workbook.xlsx.load(new Uint8Array(xlsx.body as Buffer).buffer);
    const sheet = workbook.getWorksheet('Scorecard');
    const headers = (sheet?.getRow(1).values as unknown[]).slice(1);
    for (const name of ['Numerator', 'Denominator']) {
      const column = headers.indexOf(name) + 1;
      sheet?.eachRow((row, number) => {
        if (number === 1) return;
        const value = row.getCell(column).value;
        expect(small(typeof value === 'number' ? value : null), `${name} of row ${number}`).toBe(false);
      });
    }
    expect(workbook.getWorksheet('About this pack')?.getRow(7).getCell(2).value).toMatch(/^None: published/);
    // The 8-quarter series of every count indicator, on every theme sheet: no 1 to 5 either.
    const countCodes = new Set(internal.indicators.filter((i) => i.unit === 'count').map((i) => i.code));
    let countCells = 0;
    for (const themeSheet of ['Front door', 'Child protection', 'Neglect', 'Priority themes']) {
      workbook.getWorksheet(themeSheet)?.eachRow((row, number) => {
        if (number === 1 || !countCodes.has(String(row.getCell(1).value))) return;
        row.eachCell((cell, column) => {
          if (column < 5) return;
          countCells += 1;
          const value = cell.value;
          expect(small(typeof value === 'number' ? value : null), `${themeSheet} row ${number}`).toBe(false);
        });
      });
    }
    expect(countCells).toBeGreaterThan(0);

    if (findChromium(null)) {
      const pdf = await binary(`/api/briefings/${SLUG}.pdf?published=true`);
      const folder = mkdtempSync(join(tmpdir(), 'oscp-briefing-pdf-'));
      try {
        writeFileSync(join(folder, 'p.pdf'), pdf.body as Buffer);
        const text = execFileSync('pdftotext', ['-layout', join(folder, 'p.pdf'), '-'], { encoding: 'utf8' });
        expect(text).not.toContain('OFFICIAL-SENSITIVE');
        // Every figure the pack prints for an indicator is its (controlled) display: none is 1 to 5.
        const pt06Lines = text.split('\n').filter((line) => line.includes('PT06'));
        expect(pt06Lines.some((line) => line.includes('[c]'))).toBe(true);
        expect(pt06Lines.join(' ')).not.toMatch(/\b10\.0%/);
        for (const indicator of internal.indicators.filter((i) => i.unit === 'count' && small(i.numerator)))
          expect(card.indicators.find((i) => i.code === indicator.code)?.display).toBe('[c]');
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    }
  });
});
