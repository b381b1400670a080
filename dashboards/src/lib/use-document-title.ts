import { useEffect } from 'react';

const productName = 'OSCP partnership scorecard';

/** Each page names itself in the browser tab (WCAG 2.4.2), product name last. */
export function useDocumentTitle(title: string | null): void {
  useEffect(() => {
    document.title = title ? `${title} – ${productName}` : productName;
  }, [title]);
}
