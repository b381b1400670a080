import { Link } from 'react-router';
import { isAnalyst, useSession } from '../../lib/session/session-context';
import { EmptyState, noDataMessage } from './PageStates';

/** What a page shows before the first snapshot is published. */
export function NoDataYet() {
  const { user } = useSession();
  return (
    <EmptyState title={noDataMessage}>
      <p className="govuk-body">
        The scorecard appears here once the first extracts have been loaded and checked.
        {isAnalyst(user) ? (
          <>
            {' '}
            <Link className="govuk-link" to="/data">
              Upload a file or start a run
            </Link>
            .
          </>
        ) : (
          ' Ask your performance team to load the data.'
        )}
      </p>
    </EmptyState>
  );
}
