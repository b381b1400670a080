import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DirectionKey } from './DirectionKey';
import { DirectionTag } from './DirectionTag';

afterEach(cleanup);

describe('DirectionTag', () => {
  it.each([
    ['higher', 'improving', 80, 75, '↑ Better'],
    ['higher', 'declining', 75, 80, '↓ Worse'],
    ['higher', 'no_change', 80, 80.4, '→ No change'],
    ['lower', 'improving', 12, 15, '↓ Better'],
    ['lower', 'declining', 181.2, 150.3, '↑ Worse'],
    ['lower', 'no_change', 15, 15.2, '→ No change'],
    ['range', 'improving', 19, 25, '↓ Better'],
    ['range', 'declining', 27, 22, '↑ Worse'],
    ['range', 'no_change', 19, 19.4, '→ No change'],
    ['context', 'up', 7791, 7000, 'Context: ↑ up'],
    ['context', 'down', 7000, 7791, 'Context: ↓ down'],
    ['context', 'no_change', 7791, 7790, '→ No change'],
  ] as const)('a %s indicator that is %s reads "%s"', (polarity, direction, value, previousValue, text) => {
    const { container } = render(
      <DirectionTag direction={direction} polarity={polarity} value={value} previousValue={previousValue} />,
    );
    expect(container.textContent).toBe(text);
  });

  it('says "No value this quarter" when the quarter has no value, even with earlier quarters', () => {
    const { container } = render(
      <DirectionTag
        direction={null}
        polarity="higher"
        value={null}
        previousValue={88.2}
        hasPreviousQuarter
      />,
    );
    expect(container.textContent).toBe('No value this quarter');
  });

  it('says "No value last quarter" when only the previous quarter is missing', () => {
    const { container } = render(
      <DirectionTag
        direction={null}
        polarity="higher"
        value={88.2}
        previousValue={null}
        hasPreviousQuarter
      />,
    );
    expect(container.textContent).toBe('No value last quarter');
  });

  it('says there is nothing to compare with in the first quarter of the data', () => {
    const { container } = render(
      <DirectionTag
        direction={null}
        polarity="lower"
        value={12}
        previousValue={null}
        hasPreviousQuarter={false}
      />,
    );
    expect(container.textContent).toBe('No earlier quarter to compare with');
  });
});

describe('DirectionKey', () => {
  it('explains every arrow and word once, for every polarity', () => {
    const { container } = render(<DirectionKey />);
    const text = container.textContent ?? '';
    for (const example of ['↑ Better', '↓ Better', '↑ Worse', '↓ Worse', '→ No change', 'Context: ↑ up']) {
      expect(text).toContain(example);
    }
    expect(text).toContain('No value this quarter');
  });
});
