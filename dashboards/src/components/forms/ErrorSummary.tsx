import { useEffect, useRef, type MouseEvent } from 'react';

export interface FieldError {
  /** The id of the input the message is about; the summary links to it. */
  fieldId: string;
  message: string;
}

export interface ErrorSummaryProps {
  errors: FieldError[];
  /** Problems that belong to no one field (a 409, a network failure): said, not linked. */
  messages?: string[];
  title?: string;
  /** Heading level, so the page's headings stay in order. */
  headingLevel?: 2 | 3;
}

/**
 * The GOV.UK error summary: takes the focus when it appears (so a screen reader hears it at once)
 * and links each message to its field.
 */
export function ErrorSummary({
  errors,
  messages = [],
  title = 'There is a problem',
  headingLevel = 2,
}: ErrorSummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  const shown = errors.length + messages.length > 0;
  const key = [...errors.map((e) => `${e.fieldId}:${e.message}`), ...messages].join('|');
  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [shown, key]);
  if (!shown) return null;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div className="govuk-error-summary" ref={ref} tabIndex={-1}>
      <div role="alert">
        <Heading className="govuk-error-summary__title">{title}</Heading>
        <div className="govuk-error-summary__body">
          {messages.map((message) => (
            <p className="govuk-body" key={message}>
              {message}
            </p>
          ))}
          {errors.length > 0 ? (
            <ul className="govuk-list govuk-error-summary__list">
              {errors.map((error) => (
                <li key={`${error.fieldId}:${error.message}`}>
                  <a href={`#${error.fieldId}`} onClick={(event) => focusField(event, error.fieldId)}>
                    {error.message}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      </div>
    </div>
  );
}

/** Move the focus to the field itself (a bare `#id` link only scrolls), as GOV.UK Frontend does. */
function focusField(event: MouseEvent<HTMLAnchorElement>, fieldId: string): void {
  const field = document.getElementById(fieldId);
  if (!field) return;
  event.preventDefault();
  field.focus();
}

/** The inline message above a field in error (GOV.UK pattern); `id` is what `aria-describedby` names. */
export function FieldErrorMessage({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="govuk-error-message" id={id}>
      <span className="govuk-visually-hidden">Error:</span> {message}
    </p>
  );
}

/** `aria-describedby` from the ids that apply (hint, error), or undefined when none does. */
export function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
  const present = ids.filter((id): id is string => !!id);
  return present.length > 0 ? present.join(' ') : undefined;
}
