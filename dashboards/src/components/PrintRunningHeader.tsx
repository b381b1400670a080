import { useEffect } from 'react';

/** The `@page` rule that puts `text` in the top-left margin of every printed sheet. */
export function runningHeaderRule(text: string, page = 'overview'): string {
  // A CSS string: quotes and backslashes escaped, line breaks dropped.
  const cssString = `"${text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\n\r]/g, ' ')}"`;
  return `@page ${page} { @top-left { content: ${cssString}; font-family: arial, sans-serif; font-size: 9pt; } }`;
}

/**
 * The running header of a printed page: the quarter and the version of the scorecard at the top
 * of every sheet (CSS paged media; page numbers come from app.css). A constructed style sheet,
 * not a `<style>` element, so the Content-Security-Policy (`style-src 'self'`) holds.
 */
export function PrintRunningHeader({ text, page = 'overview' }: { text: string; page?: string }) {
  const rule = runningHeaderRule(text, page);
  useEffect(() => {
    if (typeof CSSStyleSheet === 'undefined' || !('adoptedStyleSheets' in document)) return;
    let sheet: CSSStyleSheet;
    try {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(rule);
    } catch {
      return; // a browser without constructable style sheets prints the static header from app.css
    }
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    };
  }, [rule]);
  return null;
}
