import { useState } from 'react';
import { briefingPrintHref } from '../api/briefing-api';

/**
 * The pack itself, page by page: its print page (the HTML Chromium prints to PDF) in a framed,
 * titled view that scrolls on its own, for the internal or the published version. The print
 * page can run no script: its own Content-Security-Policy allows none. `builtFrom` names the snapshot and
 * sign-off the pack comes from.
 */
export function PackPreview({ period, builtFrom }: { period: string; builtFrom: string }) {
  const [published, setPublished] = useState(false);
  const version = published ? 'published' : 'internal';
  const href = briefingPrintHref(period, published);
  return (
    <section aria-labelledby="briefing-preview-heading">
      <h2 className="govuk-heading-m" id="briefing-preview-heading">
        Preview
      </h2>
      <div className="govuk-form-group">
        <fieldset className="govuk-fieldset">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Show the</legend>
          <div className="govuk-radios govuk-radios--small govuk-radios--inline">
            {(['internal', 'published'] as const).map((choice) => (
              <div className="govuk-radios__item" key={choice}>
                <input
                  className="govuk-radios__input"
                  id={`briefing-preview-${choice}`}
                  name="briefing-preview"
                  type="radio"
                  value={choice}
                  checked={version === choice}
                  onChange={() => setPublished(choice === 'published')}
                />
                <label className="govuk-label govuk-radios__label" htmlFor={`briefing-preview-${choice}`}>
                  {choice === 'internal' ? 'Internal version' : 'Published version'}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      <iframe
        // A new sign-off or snapshot changes the pack: load it again.
        key={`${href} ${builtFrom}`}
        className="app-briefing-preview"
        src={href}
        title={`Briefing pack, ${period}, ${version} version: every page as printed`}
        data-testid="briefing-preview"
      />
      <p className="govuk-body govuk-!-margin-top-2">
        <a className="govuk-link" href={href} target="_blank" rel="noreferrer">
          Open the {version} print version in a new tab
        </a>
      </p>
    </section>
  );
}
