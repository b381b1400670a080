import { Workbook } from 'exceljs';
import { describe, expect, it } from 'vitest';
import { briefingCsv } from './briefing-csv';
import { briefingHtml, runningFooter, runningHeader } from './briefing-html';
import { briefingXlsx } from './briefing-xlsx';
import { evidenceChartSvg } from './evidence-chart';
import { escapeHtml } from './html';
import { indicatorRow, samplePack } from './testing/briefing-fixture';

describe('the print page', () => {
  it('has a document title, headings in order and the sign-off on the cover', () => {
    const page = briefingHtml(samplePack());
    expect(page).toContain(
      '<title>Safeguarding Accountability briefing pack, 2024-25 Q4: Test Safeguarding Children Partnership</title>',
    );
    expect(page).toContain('<html lang="en-GB">');
    expect(page.match(/<h1[ >]/g)).toHaveLength(1);
    expect(page).toContain('Signed off 12 Jun 2025 by Pat Manager');
    expect(page).toMatch(/<h2 id="exception-1-title">\s*Exception: FD02/);
    expect(page).toContain('Commentary: Contacts rose after the schools campaign.');
    expect(page).not.toContain('DRAFT - not signed off');
  });

  it("heads the region's comparator column with the snapshot's region", () => {
    const pack = samplePack();
    const yorkshire = briefingHtml({
      ...pack,
      scorecard: { ...pack.scorecard, regionName: 'Yorkshire and The Humber' },
    });
    expect(yorkshire).toContain('<th scope="col" class="num">Yorkshire and The Humber</th>');
    expect(yorkshire).not.toContain('North West');
  });

  it('escapes text from users and extracts', () => {
    const page = briefingHtml(samplePack({ commentary: new Map([['FD01', '<script>alert(1)</script>']]) }));
    expect(page).not.toContain('<script>alert(1)</script>');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(escapeHtml(`"a" & 'b'`)).toBe('&quot;a&quot; &amp; &#39;b&#39;');
  });

  it('puts the quarter, the marking and "Page N of M" in the running header and footer; a draft says so', () => {
    const draft = samplePack({ signOff: null });
    expect(runningHeader(draft)).toContain('Briefing pack 2024-25 Q4 · DRAFT - not signed off');
    expect(runningHeader(draft)).toContain('OFFICIAL-SENSITIVE');
    expect(runningFooter(draft)).toContain(
      'Page <span class="pageNumber"></span> of <span class="totalPages"></span>',
    );
    expect(briefingHtml(draft)).toContain(
      '<div class="watermark" aria-hidden="true">DRAFT - not signed off</div>',
    );
  });
});

describe('the evidence chart', () => {
  it('is an SVG with a title, a dashed target line and a gap where a quarter has no value', () => {
    const indicator = indicatorRow('FD02');
    const svg = evidenceChartSvg(
      indicator,
      [
        { period: '2024-25 Q1', value: 90 },
        { period: '2024-25 Q2', value: null },
        { period: '2024-25 Q3', value: 85 },
        { period: '2024-25 Q4', value: 83.25 },
      ],
      'chart',
    ).value;
    expect(svg).toMatch(/^<svg\s[^>]*role="img"\s+aria-labelledby="chart-title chart-desc"/);
    expect(svg).toContain('<title id="chart-title">FD02 Contacts with a MASH decision within 1 working day');
    expect(svg).toContain('stroke-dasharray="6 4"');
    expect(svg).toContain('Target 95.0%');
    expect(svg.match(/<polyline /g)).toHaveLength(2);
    expect(svg).toContain('2024-25 Q2: not shown');
    expect(svg).toContain('>83.3%</text>');
  });
});

describe('the CSV', () => {
  it('has plain-English headers, one row per indicator by theme, and neutralises formula-like text', () => {
    const csv = briefingCsv(samplePack({ commentary: new Map([['FD01', '=HYPERLINK("http://x")']]) }));
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toMatch(
      /^Quarter,Code,Indicator,Theme,Value,Value as shown,Measured as,Numerator,Denominator,Target,Rating,/,
    );
    expect(lines).toHaveLength(27);
    expect(lines[1]).toContain(`'=HYPERLINK(""http://x"")`);
    expect(briefingCsv(samplePack())).toBe(briefingCsv(samplePack()));
  });
});

describe('the workbook', () => {
  it('gives the same bytes for the same pack, with number formats, words and a frozen, filtered header', async () => {
    const first = await briefingXlsx(samplePack());
    const second = await briefingXlsx(samplePack());
    expect(Buffer.compare(first, second)).toBe(0);

    const workbook = new Workbook();
    await workbook.xlsx.load(new Uint8Array(first).buffer);
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
    const fd02 = sheet?.getRow(3);
    expect(fd02?.getCell(2).value).toBe('FD02');
    expect(fd02?.getCell(5).value).toBe(83.25);
    expect(fd02?.getCell(5).numFmt).toBe('0.0');
    expect(fd02?.getCell(11).value).toBe('Red');
    expect(fd02?.getCell(12).value).toBe('Declining');
    expect(sheet?.getRow(2).getCell(5).numFmt).toBe('#,##0');
    expect(sheet?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet?.autoFilter).toBe('A1:U1');
    expect(sheet?.headerFooter.oddHeader).toContain('OFFICIAL-SENSITIVE');
    const exceptions = workbook.getWorksheet('Exceptions');
    expect(exceptions?.getRow(2).getCell(3).value).toBe('Red: 83.3% against a target of at least 95%');
  });
});
