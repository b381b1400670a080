import type { CatalogueIndicator, Subgroup } from '@oscp/contracts';
import { useState, type FormEvent } from 'react';
import {
  describedBy,
  ErrorSummary,
  FieldErrorMessage,
  type FieldError,
} from '../../../components/forms/ErrorSummary';
import { ApiRequestError } from '../../../lib/http';
import { useAddSubgroup, useChangeSubgroup } from '../api/subgroups-api';

type Field = 'name' | 'indicatorCodes';
type FieldErrors = Partial<Record<Field, string>>;

const fieldIds: Record<Field, string> = {
  name: 'subgroup-name',
  // The summary links to the first indicator's checkbox.
  indicatorCodes: 'subgroup-indicators',
};

const maxNameLength = 120;

/** `indicatorCodes.3` → `indicatorCodes`: one message per field. */
function formField(apiField: string): Field | null {
  const name = apiField.split('.')[0];
  return name && name in fieldIds ? (name as Field) : null;
}

/**
 * The API's refusal as messages by field. A 409 is a name that another subgroup has: it belongs
 * to the name field; anything else that names no field is said on its own.
 */
function apiErrors(error: unknown): { fields: FieldErrors; messages: string[] } {
  if (!(error instanceof ApiRequestError)) {
    return { fields: {}, messages: ['The change could not be sent. Try again.'] };
  }
  if (error.status === 409) return { fields: { name: error.message }, messages: [] };
  const fields: FieldErrors = {};
  const messages: string[] = [];
  for (const problem of error.fields) {
    const field = formField(problem.field);
    if (field) fields[field] ??= problem.message;
    else messages.push(problem.message);
  }
  if (Object.keys(fields).length === 0 && messages.length === 0) messages.push(error.message);
  return { fields, messages };
}

export type SubgroupFormProps = {
  indicators: CatalogueIndicator[];
  onCancel: () => void;
} & (
  | { mode: 'add'; onDone: (saved: Subgroup) => void }
  | { mode: 'edit'; subgroup: Subgroup; onDone: (saved: Subgroup) => void }
);

/** Add a subgroup, or rename one, change the indicators it owns, or retire it (administrators). */
export function SubgroupForm(props: SubgroupFormProps) {
  const existing = props.mode === 'edit' ? props.subgroup : null;
  const add = useAddSubgroup();
  const change = useChangeSubgroup();
  const [name, setName] = useState(existing?.name ?? '');
  const [codes, setCodes] = useState<string[]>(existing?.indicatorCodes ?? []);
  const [retired, setRetired] = useState(existing?.retired ?? false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [messages, setMessages] = useState<string[]>([]);
  const pending = add.isPending || change.isPending;

  function toggle(code: string, checked: boolean) {
    const next = checked ? [...codes, code] : codes.filter((c) => c !== code);
    // Catalogue order, so what is sent (and audited) reads the same way as the list.
    setCodes(props.indicators.map((i) => i.code).filter((c) => next.includes(c)));
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: FieldErrors = {};
    if (!name.trim()) found.name = 'Enter the subgroup name';
    else if (name.trim().length > maxNameLength)
      found.name = `The name must be ${maxNameLength} characters or fewer`;
    setErrors(found);
    setMessages([]);
    if (Object.keys(found).length > 0) return;
    try {
      const saved =
        props.mode === 'add'
          ? await add.mutateAsync({ name: name.trim(), indicatorCodes: codes })
          : await change.mutateAsync({
              id: props.subgroup.id,
              change: { name: name.trim(), indicatorCodes: codes, retired },
            });
      props.onDone(saved);
    } catch (error) {
      const problems = apiErrors(error);
      setErrors(problems.fields);
      setMessages(problems.messages);
    }
  }

  const summary: FieldError[] = (Object.keys(fieldIds) as Field[])
    .filter((field) => errors[field])
    .map((field) => ({ fieldId: fieldIds[field], message: errors[field] ?? '' }));
  const group = (field: Field) => `govuk-form-group${errors[field] ? ' govuk-form-group--error' : ''}`;
  const checkboxId = (code: string, index: number) =>
    index === 0 ? fieldIds.indicatorCodes : `subgroup-indicator-${code}`;

  return (
    <>
      <ErrorSummary errors={summary} messages={messages} headingLevel={3} />
      <form noValidate onSubmit={submit} aria-label={existing ? `Change ${existing.name}` : 'Add a subgroup'}>
        <div className={group('name')}>
          <label className="govuk-label govuk-label--s" htmlFor={fieldIds.name}>
            Name
          </label>
          <div className="govuk-hint" id="subgroup-name-hint">
            As the partnership calls it, for example Neglect Subgroup. Renaming keeps its users and reports.
          </div>
          <FieldErrorMessage id="subgroup-name-error" message={errors.name} />
          <input
            className={`govuk-input${errors.name ? ' govuk-input--error' : ''}`}
            id={fieldIds.name}
            name="name"
            type="text"
            autoComplete="off"
            spellCheck={false}
            value={name}
            aria-describedby={describedBy('subgroup-name-hint', errors.name && 'subgroup-name-error')}
            onChange={(e) => setName(e.target.value)}
          />
        </div>

        <div className={group('indicatorCodes')}>
          <fieldset
            className="govuk-fieldset"
            aria-describedby={describedBy(
              'subgroup-indicators-hint',
              errors.indicatorCodes && 'subgroup-indicators-error',
            )}
          >
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
              Indicators it owns (optional)
            </legend>
            <div className="govuk-hint" id="subgroup-indicators-hint">
              Its chairs write the exception reports and commentary of these indicators. Reports already
              opened keep the subgroups they were opened for.
            </div>
            <FieldErrorMessage id="subgroup-indicators-error" message={errors.indicatorCodes} />
            <div className="govuk-checkboxes govuk-checkboxes--small">
              {props.indicators.map((indicator, index) => (
                <div className="govuk-checkboxes__item" key={indicator.code}>
                  <input
                    className="govuk-checkboxes__input"
                    id={checkboxId(indicator.code, index)}
                    type="checkbox"
                    checked={codes.includes(indicator.code)}
                    onChange={(e) => toggle(indicator.code, e.target.checked)}
                  />
                  <label
                    className="govuk-label govuk-checkboxes__label"
                    htmlFor={checkboxId(indicator.code, index)}
                  >
                    {indicator.code} {indicator.title}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>

        {existing ? (
          <div className="govuk-form-group">
            <div className="govuk-checkboxes govuk-checkboxes--small">
              <div className="govuk-checkboxes__item">
                <input
                  className="govuk-checkboxes__input"
                  id="subgroup-retired"
                  type="checkbox"
                  checked={retired}
                  onChange={(e) => setRetired(e.target.checked)}
                  aria-describedby="subgroup-retired-hint"
                />
                <label className="govuk-label govuk-checkboxes__label" htmlFor="subgroup-retired">
                  Retired
                </label>
                <div className="govuk-hint govuk-checkboxes__hint" id="subgroup-retired-hint">
                  A retired subgroup takes no new reports and is not offered for new users; its reports and
                  history stay.
                </div>
              </div>
            </div>
          </div>
        ) : null}

        <div className="govuk-button-group">
          <button type="submit" className="govuk-button" disabled={pending} aria-disabled={pending}>
            {pending ? 'Saving…' : existing ? 'Save changes' : 'Add the subgroup'}
          </button>
          <button type="button" className="govuk-button govuk-button--secondary" onClick={props.onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </>
  );
}
