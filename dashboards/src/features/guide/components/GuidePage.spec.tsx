import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionFixture } from '../../../test-support/fixtures';
import { renderApp, stubFetch } from '../../../test-support/render-app';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('GuidePage', () => {
  it('shows the reading guide (docs/reading-guide.md) as headings, paragraphs and lists', async () => {
    stubFetch((url) => (url.pathname === '/api/auth/me' ? { status: 200, body: sessionFixture } : undefined));
    renderApp('/guide');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'How to read the partnership scorecard' }),
    ).toBeTruthy();
    for (const name of ['Reading a row', 'RAG ratings', 'Direction of travel', 'Symbols and cautions']) {
      expect(screen.getByRole('heading', { level: 2, name })).toBeTruthy();
    }
    expect(screen.getByText('↑ Worse', { selector: 'strong' })).toBeTruthy();
    expect(screen.getAllByRole('list').length).toBeGreaterThan(3);
    // No Markdown syntax left over.
    expect(document.body.textContent).not.toMatch(/\*\*|^#/m);
  });
});
