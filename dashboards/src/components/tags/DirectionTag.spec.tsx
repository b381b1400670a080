import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DirectionTag } from './DirectionTag';

afterEach(cleanup);

describe('DirectionTag', () => {
  it.each([
    ['improving', 'Improving'],
    ['declining', 'Declining'],
    ['no_change', 'No change'],
    ['up', 'Up'],
    ['down', 'Down'],
  ] as const)('puts the word "%s" beside the arrow', (direction, words) => {
    const { container } = render(<DirectionTag direction={direction} />);
    expect(container.textContent).toContain(words);
    expect(container.querySelector('[aria-hidden="true"]')?.textContent).toMatch(/[↑↓→↗↘]/);
  });

  it('points the arrow the way the value moved: an improving lower-is-better value points down', () => {
    const { container } = render(<DirectionTag direction="improving" value={12} previousValue={15} />);
    expect(container.querySelector('[aria-hidden="true"]')?.textContent).toBe('↓');
    expect(container.textContent).toContain('Improving');
  });

  it('says there is no previous quarter when there is no direction', () => {
    const { container } = render(<DirectionTag direction={null} />);
    expect(container.textContent).toBe('No previous quarter');
  });
});
