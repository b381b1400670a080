import { isSmallNumber, SMALL_NUMBER_WORDS, type Polarity, type Rag, type Unit } from '@oscp/contracts';

const ragTag: Record<Rag, { label: string; className: string }> = {
  red: { label: 'Red', className: 'govuk-tag--red' },
  amber: { label: 'Amber', className: 'govuk-tag--orange' },
  green: { label: 'Green', className: 'govuk-tag--green' },
};

export interface RagTagProps {
  rag: Rag | null;
  polarity: Polarity;
}

/** The RAG rating as a tag with words, never colour alone; context indicators say "Context". */
export function RagTag({ rag, polarity }: RagTagProps) {
  if (polarity === 'context') {
    return <strong className="govuk-tag govuk-tag--grey app-tag">Context</strong>;
  }
  if (rag === null) {
    return <span className="app-muted">Not rated</span>;
  }
  const { label, className } = ragTag[rag];
  return <strong className={`govuk-tag ${className} app-tag`}>{label}</strong>;
}

/** Beside the RAG of a percentage worked out from fewer than 10 cases: one case can swing it a long way. */
export function SmallNumberNote({ unit, denominator }: { unit: Unit; denominator: number | null }) {
  if (!isSmallNumber(unit, denominator)) return null;
  return (
    <span className="app-cell-note app-small-number">
      {SMALL_NUMBER_WORDS} ({denominator} {denominator === 1 ? 'case' : 'cases'})
    </span>
  );
}
