import type { UploadAccepted } from '@oscp/contracts';
import { useRef, useState, type FormEvent } from 'react';
import { ApiRequestError } from '../../../lib/http';
import { ErrorSummary, FieldErrorMessage, type FieldError } from '../../../components/forms/ErrorSummary';
import { datasets, useUpload } from '../api/data-api';

interface UploadErrors {
  dataset?: string;
  file?: string;
  extractDate?: string;
  form?: string;
}

/** Upload one dataset file; the page then follows the run it starts until its result is known. */
export function UploadForm({ onUploaded }: { onUploaded: (accepted: UploadAccepted) => void }) {
  const upload = useUpload();
  const [dataset, setDataset] = useState('');
  const [extractDate, setExtractDate] = useState('');
  const [errors, setErrors] = useState<UploadErrors>({});
  const fileRef = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = fileRef.current?.files?.[0];
    const found: UploadErrors = {};
    if (!dataset) found.dataset = 'Select the dataset the file holds';
    if (!file) found.file = 'Select a CSV or XLSX file';
    else if (!/\.(csv|xlsx)$/i.test(file.name)) found.file = 'The file must be a CSV or XLSX file';
    setErrors(found);
    if (!file || Object.keys(found).length) return;
    try {
      onUploaded(await upload.mutateAsync({ dataset, file, extractDate: extractDate || undefined }));
    } catch (error) {
      if (error instanceof ApiRequestError) {
        const fieldErrors: UploadErrors = {};
        for (const f of error.fields) {
          if (f.field === 'dataset' || f.field === 'file' || f.field === 'extractDate') fieldErrors[f.field] = f.message;
        }
        setErrors({ ...fieldErrors, form: error.message });
      } else {
        setErrors({ form: 'The file could not be sent. Try again.' });
      }
    }
  }

  const fieldIds: Record<keyof UploadErrors, string> = {
    dataset: 'upload-dataset',
    file: 'upload-file',
    extractDate: 'upload-extract-date',
    form: 'upload-file',
  };
  const summaryErrors: FieldError[] = (Object.keys(fieldIds) as (keyof UploadErrors)[])
    .filter((field) => errors[field])
    .map((field) => ({ fieldId: fieldIds[field], message: errors[field] ?? '' }));

  return (
    <>
      <ErrorSummary errors={summaryErrors} title="There is a problem with the upload" headingLevel={3} />
      <form noValidate onSubmit={submit} aria-label="Upload a dataset file">
        <div className={`govuk-form-group${errors.dataset ? ' govuk-form-group--error' : ''}`}>
          <label className="govuk-label" htmlFor="upload-dataset">
            Dataset
          </label>
          <FieldErrorMessage id="upload-dataset-error" message={errors.dataset} />
          <select
            className={`govuk-select${errors.dataset ? ' govuk-select--error' : ''}`}
            id="upload-dataset"
            name="dataset"
            value={dataset}
            aria-describedby={errors.dataset ? 'upload-dataset-error' : undefined}
            onChange={(e) => setDataset(e.target.value)}
          >
            <option value="">Select a dataset</option>
            {datasets.map((d) => (
              <option key={d.name} value={d.name}>
                {d.label}
              </option>
            ))}
          </select>
        </div>
        <div className={`govuk-form-group${errors.file ? ' govuk-form-group--error' : ''}`}>
          <label className="govuk-label" htmlFor="upload-file">
            File (CSV or XLSX; the census as XML)
          </label>
          <div className="govuk-hint" id="upload-file-hint">
            Record-level files must hold pseudonymised child IDs only: no names, addresses, dates of birth or NHS
            numbers. The children in need census is the exception: its UPNs, dates of birth, ethnicity and
            disability are dropped as it loads, and each child ID is replaced by a code that cannot be turned back.
          </div>
          <FieldErrorMessage id="upload-file-error" message={errors.file} />
          <input
            className={`govuk-file-upload${errors.file ? ' govuk-file-upload--error' : ''}`}
            id="upload-file"
            name="file"
            type="file"
            accept=".csv,.xlsx,.xml,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/xml,text/xml"
            ref={fileRef}
            aria-describedby={`upload-file-hint${errors.file ? ' upload-file-error' : ''}`}
          />
        </div>
        <div className={`govuk-form-group${errors.extractDate ? ' govuk-form-group--error' : ''}`}>
          <label className="govuk-label" htmlFor="upload-extract-date">
            Extract date (optional)
          </label>
          <div className="govuk-hint" id="upload-extract-date-hint">
            The day the agency took the extract. If left blank, today is used.
          </div>
          <FieldErrorMessage id="upload-extract-date-error" message={errors.extractDate} />
          <input
            className="govuk-input govuk-input--width-10"
            id="upload-extract-date"
            name="extractDate"
            type="date"
            value={extractDate}
            aria-describedby={`upload-extract-date-hint${errors.extractDate ? ' upload-extract-date-error' : ''}`}
            onChange={(e) => setExtractDate(e.target.value)}
          />
        </div>
        <button type="submit" className="govuk-button" disabled={upload.isPending} aria-disabled={upload.isPending}>
          {upload.isPending ? 'Uploading…' : 'Upload and check the file'}
        </button>
      </form>
    </>
  );
}
