import { Link } from 'react-router';
import guide from '../../../../../docs/reading-guide.md?raw';
import { useDocumentTitle } from '../../../app/use-document-title';
import { SimpleMarkdown } from '../../../components/SimpleMarkdown';

/** The reading guide for partnership members: the same text as docs/reading-guide.md. */
export function GuidePage() {
  useDocumentTitle('How to read the scorecard');
  return (
    <>
      <Link className="govuk-back-link" to="/">
        Back to the scorecard
      </Link>
      <div className="app-guide">
        <SimpleMarkdown source={guide} />
      </div>
    </>
  );
}
