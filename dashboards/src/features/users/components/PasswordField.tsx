import { describedBy, FieldErrorMessage } from '../../../components/forms/ErrorSummary';
import { generatePassword, maxPasswordLength, minPasswordLength } from '../api/users-api';

export interface PasswordFieldProps {
  id: string;
  label: string;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}

/**
 * A password the administrator sets and passes on to the user, so it is shown as typed; "Generate"
 * fills in a strong random one.
 */
export function PasswordField({ id, label, value, error, onChange }: PasswordFieldProps) {
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label className="govuk-label govuk-label--s" htmlFor={id}>
        {label}
      </label>
      <div className="govuk-hint" id={`${id}-hint`}>
        {minPasswordLength} to {maxPasswordLength} characters. Give it to the user in person or by phone, not
        by email.
      </div>
      <FieldErrorMessage id={`${id}-error`} message={error} />
      <input
        className={`govuk-input govuk-!-width-one-half app-password${error ? ' govuk-input--error' : ''}`}
        id={id}
        name="password"
        type="text"
        autoComplete="new-password"
        autoCapitalize="none"
        spellCheck={false}
        value={value}
        aria-describedby={describedBy(`${id}-hint`, error && `${id}-error`)}
        onChange={(e) => onChange(e.target.value)}
      />
      <div>
        <button
          type="button"
          className="govuk-button govuk-button--secondary govuk-!-margin-top-2 govuk-!-margin-bottom-0"
          onClick={() => onChange(generatePassword())}
        >
          Generate a strong password<span className="govuk-visually-hidden"> for {label.toLowerCase()}</span>
        </button>
      </div>
    </div>
  );
}
