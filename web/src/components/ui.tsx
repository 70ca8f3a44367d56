// Small shared pieces: status badges, utilisation meters, a pager, a confirmation dialog, errors.
import { type ReactNode, useEffect, useId, useRef } from 'react';
// The warning and critical shares: the server's own (one owner for alerts and meters).
import { levelOf, POOL_CRITICAL, POOL_WARNING } from '../../../src/domain/pool-levels';
import { ApiError } from '../api';
import { int, pct } from '../format';

export function Badge({ value, kind }: { value: string; kind?: string }) {
  return <span className={`badge badge-${kind ?? value}`}>{value}</span>;
}

export function Meter({ used, total, label }: { used: number; total: number; label: string }) {
  const share = total > 0 ? used / total : 0;
  const level = levelOf(share);
  return (
    <div className="meter-row">
      <span className="meter-label">{label}</span>
      <meter
        className={`meter meter-${level}`}
        min={0}
        max={total || 1}
        low={(total || 1) * POOL_WARNING}
        high={(total || 1) * POOL_CRITICAL}
        optimum={0}
        value={used}
        aria-label={`${label}: ${used} of ${total}`}
      />
      <span className="meter-figure">
        {int(used)} / {int(total)} <span className="muted">({pct(share)})</span>
      </span>
    </div>
  );
}

export function Pager(props: { total: number; limit: number; offset: number; onOffset: (o: number) => void }) {
  const { total, limit, offset, onOffset } = props;
  const page = Math.floor(offset / limit) + 1;
  const pages = Math.max(1, Math.ceil(total / limit));
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" onClick={() => onOffset(0)} disabled={offset === 0} aria-label="First page">
        «
      </button>
      <button
        type="button"
        onClick={() => onOffset(Math.max(0, offset - limit))}
        disabled={offset === 0}
        aria-label="Previous page"
      >
        ‹
      </button>
      <span data-testid="page-status">
        Page {int(page)} of {int(pages)} · {int(total)} in all
      </span>
      <button type="button" onClick={() => onOffset(offset + limit)} disabled={page >= pages} aria-label="Next page">
        ›
      </button>
      <button type="button" onClick={() => onOffset((pages - 1) * limit)} disabled={page >= pages} aria-label="Last page">
        »
      </button>
    </nav>
  );
}

/** A modal confirmation (native <dialog>: focus trapped, Escape cancels). */
export function Confirm(props: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (props.open && !d.open) d.showModal();
    if (!props.open && d.open) d.close();
  }, [props.open]);
  return (
    <dialog ref={ref} aria-labelledby={titleId} onCancel={props.onCancel} className="dialog">
      <h2 id={titleId}>{props.title}</h2>
      <div className="dialog-body">{props.children}</div>
      <div className="dialog-actions">
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="button" className={props.danger ? 'danger' : 'primary'} onClick={props.onConfirm} disabled={props.busy}>
          {props.busy ? 'Working…' : props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}

export function ErrorNote({ error }: { error: unknown }) {
  if (!error) return null;
  const e = error instanceof ApiError ? error : null;
  return (
    <p className="error" role="alert">
      {e ? (
        <>
          <strong>{e.code}</strong>: {e.message}
        </>
      ) : (
        String((error as Error).message ?? error)
      )}
    </p>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="muted" aria-busy="true">
      Loading {what}…
    </p>
  );
}

export function Section(props: { title: string; children: ReactNode; actions?: ReactNode; testId?: string }) {
  const id = useId();
  return (
    <section className="card" aria-labelledby={id} data-testid={props.testId}>
      <header className="card-head">
        <h2 id={id}>{props.title}</h2>
        {props.actions}
      </header>
      {props.children}
    </section>
  );
}
