import type { ExceptionActionInput } from '@oscp/contracts';
import { describedBy, FieldErrorMessage, type FieldError } from '../../../components/forms/ErrorSummary';
import { agencyCodes, agencyLabels } from '../../../components/scorecard-format';
import { quartersAfter, type ReportFormValues } from '../api/report-form';

export interface ExceptionReportFormProps {
  period: string;
  values: ReportFormValues;
  errors: FieldError[];
  onChange: (values: ReportFormValues) => void;
  /** "Saved at 14:02", "Saving…": said politely to screen readers. */
  status: string;
  onSave: () => void;
  /** Only a chair of the report's subgroups may submit. */
  onSubmit?: () => void;
}

const MAX = 4000;

/** The chair's part of the report: why, impact, actions, trajectory, escalation. Saves itself. */
export function ExceptionReportForm({
  period,
  values,
  errors,
  onChange,
  status,
  onSave,
  onSubmit,
}: ExceptionReportFormProps) {
  const errorFor = (id: string) => errors.find((e) => e.fieldId === id)?.message;
  const set = (change: Partial<ReportFormValues>) => onChange({ ...values, ...change });
  const setAction = (index: number, change: Partial<ExceptionActionInput>) =>
    set({ actions: values.actions.map((a, i) => (i === index ? { ...a, ...change } : a)) });
  const group = (id: string) => `govuk-form-group${errorFor(id) ? ' govuk-form-group--error' : ''}`;

  const textArea = (id: string, label: string, hint: string, key: 'cause' | 'impact' | 'dataQualityNote') => (
    <div className={group(id)}>
      <label className="govuk-label govuk-label--s" htmlFor={id}>
        {label}
      </label>
      <div className="govuk-hint" id={`${id}-hint`}>
        {hint}
      </div>
      <FieldErrorMessage id={`${id}-error`} message={errorFor(id)} />
      <textarea
        className={`govuk-textarea${errorFor(id) ? ' govuk-textarea--error' : ''}`}
        id={id}
        rows={4}
        maxLength={MAX}
        value={values[key]}
        aria-describedby={describedBy(`${id}-hint`, errorFor(id) && `${id}-error`)}
        onChange={(e) => set({ [key]: e.target.value })}
      />
    </div>
  );

  return (
    <form
      aria-labelledby="report-form-heading"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSave();
      }}
    >
      <h2 className="govuk-heading-m" id="report-form-heading">
        Your report
      </h2>
      <p className="govuk-body-s app-muted" role="status" aria-live="polite" data-testid="save-status">
        {status}
      </p>
      {textArea('report-cause', 'Why it happened', 'The cause, in words a councillor understands.', 'cause')}
      {textArea(
        'report-data-quality',
        'Data lag or quality (optional)',
        'Say if late or incomplete data explains part of the figure.',
        'dataQualityNote',
      )}
      {textArea(
        'report-impact',
        'Impact on children',
        'What this means for children and families.',
        'impact',
      )}

      <fieldset className="govuk-fieldset">
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Actions</legend>
        {values.actions.length === 0 ? <p className="govuk-body">No actions yet.</p> : null}
        {values.actions.map((action, index) => {
          const n = index + 1;
          const ids = {
            what: `action-${index}-what`,
            owner: `action-${index}-ownerAgency`,
            due: `action-${index}-dueDate`,
            status: `action-${index}-status`,
          };
          return (
            <div className="app-action" key={action.id ?? `new-${index}`} data-testid={`action-${index}`}>
              <h3 className="govuk-heading-s">Action {n}</h3>
              <div className={group(ids.what)}>
                <label className="govuk-label" htmlFor={ids.what}>
                  What will be done
                </label>
                <FieldErrorMessage id={`${ids.what}-error`} message={errorFor(ids.what)} />
                <input
                  className={`govuk-input${errorFor(ids.what) ? ' govuk-input--error' : ''}`}
                  id={ids.what}
                  value={action.what}
                  maxLength={500}
                  aria-describedby={describedBy(errorFor(ids.what) && `${ids.what}-error`)}
                  onChange={(e) => setAction(index, { what: e.target.value })}
                />
              </div>
              <div className={group(ids.owner)}>
                <label className="govuk-label" htmlFor={ids.owner}>
                  Owner agency
                </label>
                <FieldErrorMessage id={`${ids.owner}-error`} message={errorFor(ids.owner)} />
                <select
                  className={`govuk-select${errorFor(ids.owner) ? ' govuk-select--error' : ''}`}
                  id={ids.owner}
                  value={action.ownerAgency}
                  aria-describedby={describedBy(errorFor(ids.owner) && `${ids.owner}-error`)}
                  onChange={(e) => setAction(index, { ownerAgency: e.target.value })}
                >
                  <option value="">Choose an agency</option>
                  {agencyCodes.map((code) => (
                    <option key={code} value={code}>
                      {agencyLabels[code]}
                    </option>
                  ))}
                </select>
              </div>
              <div className={group(ids.due)}>
                <label className="govuk-label" htmlFor={ids.due}>
                  Due date
                </label>
                <FieldErrorMessage id={`${ids.due}-error`} message={errorFor(ids.due)} />
                <input
                  className={`govuk-input govuk-input--width-10${errorFor(ids.due) ? ' govuk-input--error' : ''}`}
                  id={ids.due}
                  type="date"
                  value={action.dueDate}
                  aria-describedby={describedBy(errorFor(ids.due) && `${ids.due}-error`)}
                  onChange={(e) => setAction(index, { dueDate: e.target.value })}
                />
              </div>
              <div className="govuk-form-group">
                <label className="govuk-label" htmlFor={ids.status}>
                  Status
                </label>
                <select
                  className="govuk-select"
                  id={ids.status}
                  value={action.status}
                  onChange={(e) => setAction(index, { status: e.target.value === 'done' ? 'done' : 'open' })}
                >
                  <option value="open">Open</option>
                  <option value="done">Done</option>
                </select>
              </div>
              <button
                type="button"
                className="govuk-button govuk-button--secondary"
                onClick={() => set({ actions: values.actions.filter((_, i) => i !== index) })}
              >
                Remove action {n}
              </button>
            </div>
          );
        })}
        <FieldErrorMessage id="report-add-action-error" message={errorFor('report-add-action')} />
        <button
          type="button"
          id="report-add-action"
          className="govuk-button govuk-button--secondary"
          aria-describedby={describedBy(errorFor('report-add-action') && 'report-add-action-error')}
          onClick={() =>
            set({ actions: [...values.actions, { what: '', ownerAgency: '', dueDate: '', status: 'open' }] })
          }
        >
          Add an action
        </button>
      </fieldset>

      <div className={group('report-trajectory')}>
        <label className="govuk-label govuk-label--s" htmlFor="report-trajectory">
          Expected trajectory: the quarter by which the target should be met
        </label>
        <FieldErrorMessage id="report-trajectory-error" message={errorFor('report-trajectory')} />
        <select
          className={`govuk-select${errorFor('report-trajectory') ? ' govuk-select--error' : ''}`}
          id="report-trajectory"
          value={values.trajectoryPeriod}
          aria-describedby={describedBy(errorFor('report-trajectory') && 'report-trajectory-error')}
          onChange={(e) => set({ trajectoryPeriod: e.target.value })}
        >
          <option value="">Choose a quarter</option>
          {quartersAfter(period, 8).map((q) => (
            <option key={q} value={q}>
              {q}
            </option>
          ))}
        </select>
      </div>

      <div className={group('report-escalation-yes')}>
        <fieldset
          className="govuk-fieldset"
          aria-describedby={describedBy(errorFor('report-escalation-yes') && 'report-escalation-error')}
        >
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
            Does this need escalating?
          </legend>
          <FieldErrorMessage id="report-escalation-error" message={errorFor('report-escalation-yes')} />
          <div className="govuk-radios govuk-radios--inline">
            <div className="govuk-radios__item">
              <input
                className="govuk-radios__input"
                id="report-escalation-yes"
                name="escalation"
                type="radio"
                checked={values.escalationNeeded === 'yes'}
                onChange={() => set({ escalationNeeded: 'yes' })}
              />
              <label className="govuk-label govuk-radios__label" htmlFor="report-escalation-yes">
                Yes
              </label>
            </div>
            <div className="govuk-radios__item">
              <input
                className="govuk-radios__input"
                id="report-escalation-no"
                name="escalation"
                type="radio"
                checked={values.escalationNeeded === 'no'}
                onChange={() => set({ escalationNeeded: 'no', escalationTo: '' })}
              />
              <label className="govuk-label govuk-radios__label" htmlFor="report-escalation-no">
                No
              </label>
            </div>
          </div>
        </fieldset>
      </div>
      {values.escalationNeeded === 'yes' ? (
        <div className={group('report-escalation-to')}>
          <label className="govuk-label govuk-label--s" htmlFor="report-escalation-to">
            Escalate to whom
          </label>
          <FieldErrorMessage id="report-escalation-to-error" message={errorFor('report-escalation-to')} />
          <input
            className={`govuk-input${errorFor('report-escalation-to') ? ' govuk-input--error' : ''}`}
            id="report-escalation-to"
            value={values.escalationTo}
            maxLength={300}
            aria-describedby={describedBy(errorFor('report-escalation-to') && 'report-escalation-to-error')}
            onChange={(e) => set({ escalationTo: e.target.value })}
          />
        </div>
      ) : null}

      <div className="govuk-button-group">
        <button type="submit" className="govuk-button govuk-button--secondary">
          Save draft
        </button>
        {onSubmit ? (
          <button type="button" className="govuk-button" onClick={onSubmit}>
            Submit to the manager
          </button>
        ) : null}
      </div>
    </form>
  );
}
