import { useState, type ReactNode } from 'react';

const narrowQuery = '(max-width: 40em)';

function startsOpen(): boolean {
  if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return true;
  return !window.matchMedia(narrowQuery).matches;
}

/**
 * Filters that fold away on a phone: a native disclosure, open on wider screens (where its
 * summary is hidden), closed on a phone until "Show filters" is chosen, so the results come first.
 */
export function FilterDisclosure({
  children,
  label = 'Show filters',
}: {
  children: ReactNode;
  label?: string;
}) {
  const [open, setOpen] = useState(startsOpen);
  return (
    <details
      className="app-filters-disclosure"
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary className="govuk-link app-filters-disclosure__summary">{label}</summary>
      {children}
    </details>
  );
}
