import { describeDirection, type Direction, type Polarity } from '@oscp/contracts';

export interface DirectionTagProps {
  direction: Direction | null;
  polarity: Polarity;
  value: number | null;
  previousValue: number | null;
  /** False when there is no earlier quarter in the data to compare with. */
  hasPreviousQuarter?: boolean;
}

/**
 * Direction of travel against the previous quarter: the arrow shows which way the number moved
 * and the word says whether that is better or worse ("↑ Worse", "↓ Better", "→ No change",
 * "Context: ↑ up"); without a direction, the words say why. Colour only repeats the word.
 */
export function DirectionTag(props: DirectionTagProps) {
  const shown = describeDirection(props);
  if (shown.arrow === null && shown.tone === 'none') {
    return <span className="app-muted app-direction-none">{shown.words}</span>;
  }
  if (shown.tone === 'context') {
    return <span className="app-direction app-direction--context">{shown.text}</span>;
  }
  return (
    <span className={`app-direction app-direction--${shown.tone}`}>
      {shown.arrow ? (
        <>
          <span className="app-direction__arrow">{shown.arrow}</span>{' '}
        </>
      ) : null}
      {shown.words}
    </span>
  );
}
