import { DIRECTION_KEY, NO_DIRECTION_WORDS, STATISTICAL_SYMBOLS } from '@oscp/contracts';

/** What each direction of travel means, said once per page. */
export function DirectionKey() {
  return (
    <div className="app-key">
      <h3 className="govuk-heading-s app-key__heading">
        Direction of travel (compared with the previous quarter)
      </h3>
      <dl className="app-key__list">
        {DIRECTION_KEY.map((entry) => (
          <div key={entry.example} className="app-key__item">
            <dt className="app-key__term">{entry.example}</dt>
            <dd className="app-key__meaning">{entry.meaning}</dd>
          </div>
        ))}
        <div className="app-key__item">
          <dt className="app-key__term">{NO_DIRECTION_WORDS.no_value}</dt>
          <dd className="app-key__meaning">
            no direction: there is no figure this quarter (or, as &quot;{NO_DIRECTION_WORDS.no_previous_value}
            &quot; says, none the quarter before)
          </dd>
        </div>
      </dl>
    </div>
  );
}

/** The statistical symbols and what they mean: visible, not in a tooltip. */
export function SymbolKey() {
  return (
    <div className="app-key">
      <h3 className="govuk-heading-s app-key__heading">Symbols</h3>
      <dl className="app-key__list">
        {STATISTICAL_SYMBOLS.map((entry) => (
          <div key={entry.symbol} className="app-key__item">
            <dt className="app-key__term">{entry.symbol}</dt>
            <dd className="app-key__meaning">{entry.meaning}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
