import type { Direction } from '@oscp/contracts';

const words: Record<Direction, string> = {
  improving: 'Improving',
  declining: 'Declining',
  no_change: 'No change',
  up: 'Up',
  down: 'Down',
};

export interface DirectionTagProps {
  direction: Direction | null;
  value?: number | null;
  previousValue?: number | null;
}

/**
 * Direction of travel against the previous quarter: an arrow for the way the value moved and a
 * word for what that means ("Improving", "Declining", "No change", or "Up"/"Down" for context).
 */
export function DirectionTag({ direction, value, previousValue }: DirectionTagProps) {
  if (direction === null) {
    return <span className="app-muted">No previous quarter</span>;
  }
  const arrow = arrowFor(direction, value, previousValue);
  return (
    <span className={`app-direction app-direction--${direction}`}>
      <span className="app-direction__arrow" aria-hidden="true">
        {arrow}
      </span>{' '}
      {words[direction]}
    </span>
  );
}

function arrowFor(direction: Direction, value?: number | null, previousValue?: number | null): string {
  if (direction === 'no_change') return '→';
  if (direction === 'up') return '↑';
  if (direction === 'down') return '↓';
  if (value !== null && value !== undefined && previousValue !== null && previousValue !== undefined) {
    if (value > previousValue) return '↑';
    if (value < previousValue) return '↓';
  }
  return direction === 'improving' ? '↗' : '↘';
}
