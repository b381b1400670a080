import type { Agency } from '@oscp/contracts';
import { useState, type FormEvent } from 'react';
import { ApiRequestError } from '../../../lib/http';
import {
  describedBy,
  ErrorSummary,
  FieldErrorMessage,
  type FieldError,
} from '../../../components/forms/ErrorSummary';
import { useChangeAgency } from '../../../lib/agencies-api';

type Field = 'name' | 'returnDueWorkingDays' | 'contactEmail';
const fieldIds: Record<Field, string> = {
  name: 'agency-name',
  returnDueWorkingDays: 'agency-due-days',
  contactEmail: 'agency-contact',
};

/** Change an agency's name, partner-return due days, reminder contact, or retire it (administrators). */
export function AgencyForm({ agency, onDone }: { agency: Agency; onDone: (saved: Agency) => void }) {
  const change = useChangeAgency();
  const [name, setName] = useState(agency.name);
  const [dueDays, setDueDays] = useState(String(agency.returnDueWorkingDays));
  const [contact, setContact] = useState(agency.contactEmail ?? '');
  const [retired, setRetired] = useState(agency.retired);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [messages, setMessages] = useState<string[]>([]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: Partial<Record<Field, string>> = {};
    if (!name.trim()) found.name = 'Enter a name';
    if (!/^\d+$/.test(dueDays.trim()) || Number(dueDays) > 120)
      found.returnDueWorkingDays = 'Enter the due days as a whole number from 0 to 120';
    if (contact.trim() && !/^[^\s@]+@[^\s@]+$/.test(contact.trim()))
      found.contactEmail = 'Enter an email address in the correct format, like returns@example.org';
    setErrors(found);
    setMessages([]);
    if (Object.keys(found).length > 0) return;
    try {
      const saved = await change.mutateAsync({
        code: agency.code,
        change: {
          name: name.trim(),
          returnDueWorkingDays: Number(dueDays.trim()),
          contactEmail: contact.trim() || null,
          retired,
        },
      });
      onDone(saved);
    } catch (error) {
      if (error instanceof ApiRequestError) {
        const fields: Partial<Record<Field, string>> = {};
        for (const problem of error.fields) {
          if (problem.field in fieldIds) fields[problem.field as Field] = problem.message;
        }
        setErrors(fields);
        setMessages(Object.keys(fields).length > 0 ? [] : [error.message]);
      } else {
        setMessages(['The change could not be sent. Try again.']);
      }
    }
  }

  const summary: FieldError[] = (Object.keys(fieldIds) as Field[])
    .filter((field) => errors[field])
    .map((field) => ({ fieldId: fieldIds[field], message: errors[field] ?? '' }));
  const group = (field: Field) => `govuk-form-group${errors[field] ? ' govuk-form-group--error' : ''}`;
  const errorId = (field: Field) => (errors[field] ? `${fieldIds[field]}-error` : undefined);

  return (
    <>
      <ErrorSummary errors={summary} messages={messages} headingLevel={3} />
      <form noValidate onSubmit={submit} aria-label={`Change ${agency.code}`}>
        <div className={group('name')}>
          <label className="govuk-label govuk-label--s" htmlFor={fieldIds.name}>
            Name
          </label>
          <FieldErrorMessage id={`${fieldIds.name}-error`} message={errors.name} />
          <input
            className={`govuk-input govuk-!-width-two-thirds${errors.name ? ' govuk-input--error' : ''}`}
            id={fieldIds.name}
            value={name}
            aria-describedby={describedBy(errorId('name'))}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <div className={group('returnDueWorkingDays')}>
          <label className="govuk-label govuk-label--s" htmlFor={fieldIds.returnDueWorkingDays}>
            Partner return due (working days after the quarter ends)
          </label>
          <div className="govuk-hint" id="agency-due-days-hint">
            Used from the next data run. The usual is 20.
          </div>
          <FieldErrorMessage
            id={`${fieldIds.returnDueWorkingDays}-error`}
            message={errors.returnDueWorkingDays}
          />
          <input
            className={`govuk-input govuk-input--width-3${errors.returnDueWorkingDays ? ' govuk-input--error' : ''}`}
            id={fieldIds.returnDueWorkingDays}
            inputMode="numeric"
            value={dueDays}
            aria-describedby={describedBy('agency-due-days-hint', errorId('returnDueWorkingDays'))}
            onChange={(e) => setDueDays(e.target.value)}
          />
        </div>
        <div className={group('contactEmail')}>
          <label className="govuk-label govuk-label--s" htmlFor={fieldIds.contactEmail}>
            Reminder contact (optional)
          </label>
          <div className="govuk-hint" id="agency-contact-hint">
            Where reminders about this agency&apos;s returns are emailed, when email is set up.
          </div>
          <FieldErrorMessage id={`${fieldIds.contactEmail}-error`} message={errors.contactEmail} />
          <input
            className={`govuk-input govuk-!-width-two-thirds${errors.contactEmail ? ' govuk-input--error' : ''}`}
            id={fieldIds.contactEmail}
            type="email"
            autoComplete="off"
            value={contact}
            aria-describedby={describedBy('agency-contact-hint', errorId('contactEmail'))}
            onChange={(e) => setContact(e.target.value)}
          />
        </div>
        <div className="govuk-form-group">
          <div className="govuk-checkboxes govuk-checkboxes--small">
            <div className="govuk-checkboxes__item">
              <input
                className="govuk-checkboxes__input"
                id="agency-retired"
                type="checkbox"
                checked={retired}
                onChange={(e) => setRetired(e.target.checked)}
              />
              <label className="govuk-label govuk-checkboxes__label" htmlFor="agency-retired">
                Retired (no longer chosen for users; its history stays)
              </label>
            </div>
          </div>
        </div>
        <button type="submit" className="govuk-button" disabled={change.isPending}>
          Save {agency.code}
        </button>
      </form>
    </>
  );
}
