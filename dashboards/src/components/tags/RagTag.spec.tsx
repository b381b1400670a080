import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { RagTag } from './RagTag';

afterEach(cleanup);

describe('RagTag', () => {
  it.each([
    ['red', 'Red', 'govuk-tag--red'],
    ['amber', 'Amber', 'govuk-tag--orange'],
    ['green', 'Green', 'govuk-tag--green'],
  ] as const)('says "%s" in words as well as colour', (rag, words, className) => {
    render(<RagTag rag={rag} polarity="higher" />);
    const tag = screen.getByText(words);
    expect(tag.classList.contains('govuk-tag')).toBe(true);
    expect(tag.classList.contains(className)).toBe(true);
  });

  it('tags a context indicator "Context" whatever its rating', () => {
    render(<RagTag rag={null} polarity="context" />);
    expect(screen.getByText('Context').classList.contains('govuk-tag--grey')).toBe(true);
  });

  it('says "Not rated" for an indicator with a target but no value', () => {
    render(<RagTag rag={null} polarity="lower" />);
    expect(screen.getByText('Not rated')).toBeTruthy();
  });
});
