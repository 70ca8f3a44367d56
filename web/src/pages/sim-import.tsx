// SIM inventory import: a CSV file (bankd slot file or header-named), uploaded with a progress
// bar; all or nothing, with each bad line reported by number.
import { type FormEvent, useState } from 'react';
import { ApiError, uploadText } from '../api';
import { Section } from '../components/ui';
import type { ImportResult } from '../types';

type Result = ImportResult;
interface RowError {
  line: number;
  message: string;
}

export function SimImportPage() {
  const [text, setText] = useState('');
  const [name, setName] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [errors, setErrors] = useState<{ message: string; rows: RowError[]; count: number } | null>(null);

  const pick = async (file: File | undefined) => {
    if (!file) return;
    setName(file.name);
    setText(await file.text());
    setResult(null);
    setErrors(null);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setResult(null);
    setErrors(null);
    setProgress(0);
    try {
      const r = await uploadText<Result>('/sim-imports', text, 'text/csv', setProgress);
      setProgress(1);
      setResult(r);
    } catch (err) {
      const d = (err instanceof ApiError ? err.details : null) as { errors?: RowError[]; error_count?: number } | null;
      setErrors({
        message: err instanceof ApiError ? `${err.code}: ${err.message}` : String(err),
        rows: d?.errors ?? [],
        count: d?.error_count ?? d?.errors?.length ?? 0,
      });
      setProgress(null);
    }
  };
  const lines = text ? text.split(/\r?\n/).filter((l) => l.trim()).length : 0;
  return (
    <div className="page">
      <h1>SIM import</h1>
      <Section title="Upload a CSV">
        <p className="muted">
          Either the bankd slot file (<code>bank_id,slot_id,iccid,imsi,…</code> without a header) or a CSV with named columns.
          Every row is checked first: one bad row means nothing is imported.
        </p>
        <form onSubmit={submit} className="import-form">
          <label>
            CSV file
            <input
              type="file"
              accept=".csv,text/csv,text/plain"
              onChange={(e) => void pick(e.target.files?.[0])}
              data-testid="csv-file"
            />
          </label>
          <label>
            or paste the rows
            <textarea
              rows={8}
              value={text}
              onChange={(e) => {
                setText(e.target.value);
                setName(null);
              }}
              className="mono"
              spellCheck={false}
              data-testid="csv-text"
            />
          </label>
          <p className="muted small">
            {text ? `${name ?? 'pasted text'}: ${lines.toLocaleString()} lines` : 'Nothing chosen yet.'}
          </p>
          <button type="submit" className="primary" disabled={!text || (progress !== null && progress < 1 && !result && !errors)}>
            Import
          </button>
        </form>
        {progress !== null && (
          <div className="progress-row">
            <progress max={1} value={progress} aria-label="Upload progress" data-testid="import-progress" />
            <span>{progress < 1 ? `Uploading ${Math.round(progress * 100)} %` : result ? 'Done' : 'Checking rows…'}</span>
          </div>
        )}
        {result && (
          <p className="ok" role="status" data-testid="import-result">
            Imported {result.rows.toLocaleString()} rows ({result.format}): {result.created} slots created, {result.updated}{' '}
            updated.
          </p>
        )}
        {errors && (
          <div role="alert" data-testid="import-errors">
            <p className="error">{errors.message}</p>
            {errors.rows.length > 0 && (
              <table className="table compact">
                <caption>
                  {errors.count} invalid row{errors.count === 1 ? '' : 's'}
                  {errors.count > errors.rows.length ? ` (first ${errors.rows.length} shown)` : ''}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Line</th>
                    <th scope="col">Problem</th>
                  </tr>
                </thead>
                <tbody>
                  {errors.rows.map((r) => (
                    <tr key={`${r.line}:${r.message}`}>
                      <td className="num">{r.line}</td>
                      <td>{r.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        )}
      </Section>
    </div>
  );
}
