import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ChartFigure } from './ChartFigure';
import { describeTrend, Sparkline } from './Sparkline';

afterEach(cleanup);

describe('ChartFigure', () => {
  it('labels the picture as an image by its title, describes it with the summary and carries a table', () => {
    render(
      <ChartFigure
        title="Re-referrals: trend"
        subtitle="Percentage, 2023-24 Q1 to 2024-25 Q4"
        source="referrals"
        summary="From 20.0% to 18.5%."
        table={
          <table>
            <caption>Re-referrals by quarter</caption>
          </table>
        }
      >
        <svg />
      </ChartFigure>,
    );
    const image = screen.getByRole('img', { name: 'Re-referrals: trend' });
    const describedBy = image.getAttribute('aria-describedby');
    expect(describedBy && document.getElementById(describedBy)?.textContent).toBe('From 20.0% to 18.5%.');
    expect(screen.getByText('Source: referrals')).toBeTruthy();
    expect(screen.getByRole('table', { name: 'Re-referrals by quarter' })).toBeTruthy();
  });
});

describe('Sparkline', () => {
  const points = [
    { period: '2024-25 Q1', value: 10 },
    { period: '2024-25 Q2', value: null },
    { period: '2024-25 Q3', value: 12.25 },
    { period: '2024-25 Q4', value: 11 },
  ];

  it('is an image whose text alternative gives first, latest, lowest and highest values', () => {
    render(<Sparkline points={points} unit="percent" title="Re-referrals" />);
    const image = screen.getByRole('img');
    expect(image.getAttribute('aria-label')).toBe(
      'Trend of Re-referrals: 10.0% in 2024-25 Q1 to 11.0% in 2024-25 Q4; lowest 10.0%, highest 12.3%; 1 quarter without a value.',
    );
  });

  it('leaves a gap for a quarter without a value instead of joining across it', () => {
    const { container } = render(<Sparkline points={points} unit="percent" title="Re-referrals" />);
    // Q1 stands alone before the gap; Q3-Q4 make one line.
    expect(container.querySelectorAll('polyline')).toHaveLength(1);
  });

  it('says when there is nothing to draw', () => {
    expect(describeTrend([{ period: '2024-25 Q1', value: null }], 'count')).toBe(
      'No trend: no values in these quarters.',
    );
  });
});
