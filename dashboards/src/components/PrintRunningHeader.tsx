/**
 * The running header of a printed page: the quarter and the version of the scorecard at the top
 * of every sheet, in the page's top-left margin box (CSS paged media), with page numbers from app.css.
 */
export function PrintRunningHeader({ text, page = 'overview' }: { text: string; page?: string }) {
  // A CSS string: quotes and backslashes escaped, line breaks and angle brackets dropped.
  const cssString = `"${text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\n\r<>]/g, ' ')}"`;
  return (
    <style>{`@page ${page} { @top-left { content: ${cssString}; font-family: arial, sans-serif; font-size: 9pt; } }`}</style>
  );
}
