import type { ReactNode } from 'react';

/**
 * The small part of Markdown the product's own guides use (headings, paragraphs, bulleted lists,
 * **bold**), rendered with GOV.UK classes. Only for text shipped with the product, never user input.
 */
export function SimpleMarkdown({ source }: { source: string }) {
  const blocks = source.trim().split(/\n\s*\n/);
  return (
    <>
      {blocks.map((block, index) => {
        const key = `${index}`;
        const heading = /^(#{1,3}) (.*)$/.exec(block.trim());
        if (heading) {
          const level = heading[1]?.length ?? 1;
          const text = inline(heading[2] ?? '');
          if (level === 1)
            return (
              <h1 key={key} className="govuk-heading-l">
                {text}
              </h1>
            );
          if (level === 2)
            return (
              <h2 key={key} className="govuk-heading-m">
                {text}
              </h2>
            );
          return (
            <h3 key={key} className="govuk-heading-s">
              {text}
            </h3>
          );
        }
        if (block.trim().startsWith('- ')) {
          const items = block
            .trim()
            .split(/\n(?=- )/)
            .map((item) => item.replace(/^- /, '').replace(/\s*\n\s*/g, ' '));
          return (
            <ul key={key} className="govuk-list govuk-list--bullet">
              {items.map((item) => (
                <li key={item}>{inline(item)}</li>
              ))}
            </ul>
          );
        }
        return (
          <p key={key} className="govuk-body">
            {inline(block.replace(/\s*\n\s*/g, ' '))}
          </p>
        );
      })}
    </>
  );
}

function inline(text: string): ReactNode[] {
  return text
    .split(/(\*\*[^*]+\*\*)/)
    .map((part, index) =>
      part.startsWith('**') && part.endsWith('**') ? <strong key={index}>{part.slice(2, -2)}</strong> : part,
    );
}
