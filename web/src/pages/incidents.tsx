// Incidents: what self-healing found, did and could not do (open ones first), each with its
// attempts; acknowledge or resolve by hand. The clients fault prediction expects to fail. A
// tenant's playbooks: what heals by itself, and its limits.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { useAccess } from '../access';
import { api, qs } from '../api';
import { Badge, Confirm, ErrorNote, Loading, Pager, Section } from '../components/ui';
import { ago, when } from '../format';
import { useRefreshOnEvents } from '../hooks';
import { queryKeys } from '../query-keys';
import type { Incident, IncidentDetail, Page, Playbooks, Prediction } from '../types';

const CAUSES = ['card_failure', 'bankd_loss', 'client_request', 'silent_router', 'remsim_drift'] as const;
const LIMIT = 50;

const seconds = (s: number) =>
  s < 90 ? `${s.toFixed(1)} s` : s < 5400 ? `${(s / 60).toFixed(1)} min` : `${(s / 3600).toFixed(1)} h`;
const stateKind = (s: string) => (s === 'resolved' ? 'online' : s === 'escalated' ? 'critical' : 'warning');

/** What an incident is about, linked where the console has a page for it. */
function ObjectLink({ i }: { i: Incident }) {
  if (i.client_id) return <Link href={`/clients/${encodeURIComponent(i.client_id)}`}>{i.client_id}</Link>;
  if (i.bank_id !== null)
    return <Link href={`/banks/${i.bank_id}`}>{i.slot_id === null ? `bank ${i.bank_id}` : `${i.bank_id}:${i.slot_id}`}</Link>;
  return <span className="mono">{i.object_key}</span>;
}

export function IncidentsPage() {
  const { can } = useAccess();
  const queries = useQueryClient();
  const [state, setState] = useState('open');
  const [cause, setCause] = useState('');
  const [offset, setOffset] = useState(0);
  const [shown, setShown] = useState<number | null>(null);
  const [resolving, setResolving] = useState<Incident | null>(null);
  const [note, setNote] = useState('');
  const filter = { state: state || undefined, cause: cause || undefined, limit: LIMIT, offset };
  const list = useQuery({
    queryKey: queryKeys.incidents(filter),
    queryFn: () => api<Page<Incident>>(`/incidents${qs(filter)}`),
  });
  useRefreshOnEvents(['incidents', 'incident'], 500, (e) => e.type.startsWith('incident.'));
  const act = useMutation({
    mutationFn: (a: { id: number; what: 'acknowledge' | 'resolve'; note?: string }) =>
      api(`/incidents/${a.id}/${a.what}`, {
        method: 'POST',
        ...(a.what === 'resolve' ? { json: a.note ? { note: a.note } : {} } : {}),
      }),
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: ['incidents'] });
      void queries.invalidateQueries({ queryKey: ['incident'] });
    },
  });
  if (list.isPending) return <Loading what="incidents" />;
  return (
    <div className="page">
      <h1>Incidents</h1>
      <div className="filters">
        <label>
          State{' '}
          <select
            value={state}
            onChange={(e) => {
              setState(e.target.value);
              setOffset(0);
            }}
          >
            <option value="open">open (not resolved)</option>
            <option value="escalated">escalated</option>
            <option value="resolved">resolved</option>
            <option value="">all</option>
          </select>
        </label>{' '}
        <label>
          Cause{' '}
          <select
            value={cause}
            onChange={(e) => {
              setCause(e.target.value);
              setOffset(0);
            }}
          >
            <option value="">any</option>
            {CAUSES.map((c) => (
              <option key={c} value={c}>
                {c.replace('_', ' ')}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorNote error={list.error ?? act.error} />
      <div className="table-wrap">
        <table className="table" data-testid="incidents-table">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Cause</th>
              <th scope="col">Severity</th>
              <th scope="col">State</th>
              <th scope="col">About</th>
              <th scope="col">Summary</th>
              <th scope="col">Detected</th>
              <th scope="col">Duration</th>
              {can('operate') && <th scope="col">Action</th>}
            </tr>
          </thead>
          <tbody>
            {(list.data?.items ?? []).map((i) => (
              <tr key={i.id} className={shown === i.id ? 'selected' : undefined}>
                <td>
                  <button
                    type="button"
                    className="link"
                    onClick={() => setShown(shown === i.id ? null : i.id)}
                    aria-expanded={shown === i.id}
                  >
                    {i.id}
                  </button>
                </td>
                <td>{i.cause.replace('_', ' ')}</td>
                <td>
                  <Badge value={i.severity} kind={i.severity === 'info' ? 'unknown' : i.severity} />
                </td>
                <td>
                  <Badge value={i.state} kind={stateKind(i.state)} />
                  {i.acknowledged_at && <span className="muted small"> acknowledged</span>}
                </td>
                <td>
                  <ObjectLink i={i} />
                </td>
                <td>{i.resolution ? `${i.summary} — ${i.resolution}` : i.summary}</td>
                <td title={when(i.detected_at)}>{ago(i.detected_at)}</td>
                <td>{seconds(i.duration_sec)}</td>
                {can('operate') && (
                  <td>
                    {/* A flex wrapper inside the cell: a cell made flex leaves the table's layout and overflows its row. */}
                    <div className="row-actions">
                      {!i.acknowledged_at && i.state !== 'resolved' && (
                        <button
                          type="button"
                          onClick={() => act.mutate({ id: i.id, what: 'acknowledge' })}
                          disabled={act.isPending}
                        >
                          Acknowledge
                        </button>
                      )}
                      {i.state !== 'resolved' && (
                        <button type="button" onClick={() => setResolving(i)}>
                          Resolve
                        </button>
                      )}
                    </div>
                  </td>
                )}
              </tr>
            ))}
            {list.data?.items.length === 0 && (
              <tr>
                <td colSpan={9} className="muted">
                  {state === 'open' ? 'No open incident: nothing waits for self-healing or for you.' : 'No incident.'}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {list.data && <Pager total={list.data.total} limit={LIMIT} offset={offset} onOffset={setOffset} />}
      {shown !== null && <Attempts id={shown} />}
      <AtRisk />
      <PlaybooksPanel />
      <Confirm
        open={resolving !== null}
        title={`Resolve incident ${resolving?.id}?`}
        confirmLabel="Resolve"
        busy={act.isPending}
        onConfirm={() => {
          if (resolving) act.mutate({ id: resolving.id, what: 'resolve', note: note || undefined });
          setResolving(null);
          setNote('');
        }}
        onCancel={() => setResolving(null)}
      >
        <p>Self-healing stops working on it (a bank’s clients are not moved back).</p>
        <label>
          Note <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} placeholder="what was done" />
        </label>
      </Confirm>
    </div>
  );
}

/** One incident's attempts, in order. */
function Attempts({ id }: { id: number }) {
  const one = useQuery({ queryKey: queryKeys.incident(id), queryFn: () => api<IncidentDetail>(`/incidents/${id}`) });
  if (one.isPending) return <Loading what={`incident ${id}`} />;
  if (one.error) return <ErrorNote error={one.error} />;
  const i = one.data;
  return (
    <Section title={`Incident ${i.id}: ${i.cause.replace('_', ' ')}`} testId="incident-attempts">
      <p>
        {i.summary}. Detected {when(i.detected_at)}
        {i.healing_at ? `, healing from ${when(i.healing_at)}` : ''}
        {i.resolved_at ? `, resolved ${when(i.resolved_at)} by ${i.resolved_by}` : ''}
        {i.escalated_at ? `, escalated ${when(i.escalated_at)}` : ''}.
      </p>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Action</th>
              <th scope="col">Result</th>
              <th scope="col">Client</th>
              <th scope="col">Detail</th>
            </tr>
          </thead>
          <tbody>
            {i.attempts_log.map((a) => (
              <tr key={a.id}>
                <td>{when(a.started_at)}</td>
                <td>{a.action.replace('_', ' ')}</td>
                <td>
                  <Badge
                    value={a.result}
                    kind={a.result === 'success' ? 'online' : a.result === 'failed' ? 'failed' : 'unknown'}
                  />
                </td>
                <td>{a.client_id ?? '—'}</td>
                <td>{a.detail ?? ''}</td>
              </tr>
            ))}
            {i.attempts_log.length === 0 && (
              <tr>
                <td colSpan={5} className="muted">
                  No attempt: {i.state === 'resolved' ? 'it ended by itself' : 'it waits (an event, its time, or a person)'}.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </Section>
  );
}

/** The clients fault prediction expects to lose their connection, likeliest first. */
function AtRisk() {
  const risk = useQuery({
    queryKey: queryKeys.predictions('at-risk'),
    queryFn: () => api<Page<Prediction>>('/predictions?at_risk=true&limit=50'),
  });
  useRefreshOnEvents(['predictions'], 1000, (e) => e.type === 'prediction.connection_failure');
  return (
    <Section title={`Predicted failures (${risk.data?.total ?? 0})`} testId="at-risk">
      <ErrorNote error={risk.error} />
      {risk.data && risk.data.items.length === 0 ? (
        <p className="muted">No client is expected to fail within the model’s horizon.</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Client</th>
                <th scope="col">Probability</th>
                <th scope="col">Expected in</th>
                <th scope="col">Recommended</th>
                <th scope="col">Since</th>
              </tr>
            </thead>
            <tbody>
              {(risk.data?.items ?? []).map((p) => (
                <tr key={`${p.tenant_id}/${p.client_id}`}>
                  <td>
                    <Link href={`/clients/${encodeURIComponent(p.client_id)}`}>{p.client_id}</Link>
                  </td>
                  <td>{(p.probability * 100).toFixed(0)} %</td>
                  <td>{p.ttf_min === null ? '—' : `~${Math.round(p.ttf_min)} min`}</td>
                  <td>{p.recommended_action.replaceAll('_', ' ')}</td>
                  <td>{p.warned_since ? ago(p.warned_since) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}

/** The tenant's playbooks: each on or off, and the limits every move obeys. */
function PlaybooksPanel() {
  const { can, who } = useAccess();
  const tenant = who?.tenant_id ?? 1;
  const queries = useQueryClient();
  const books = useQuery({ queryKey: queryKeys.playbooks(tenant), queryFn: () => api<Playbooks>(`/tenants/${tenant}/healing`) });
  const save = useMutation({
    mutationFn: (patch: Record<string, unknown>) => api<Playbooks>(`/tenants/${tenant}/healing`, { method: 'PUT', json: patch }),
    onSuccess: () => queries.invalidateQueries({ queryKey: queryKeys.playbooks(tenant) }),
  });
  if (books.isPending) return <Loading what="playbooks" />;
  if (books.error) return <ErrorNote error={books.error} />;
  const b = books.data;
  const editable = can('manage');
  const toggle = (book: 'card_failure' | 'bankd_loss' | 'client_request' | 'silent_router' | 'remsim_drift', label: string) => (
    <label className="inline">
      <input
        type="checkbox"
        checked={b[book].enabled}
        disabled={!editable || save.isPending}
        onChange={(e) => save.mutate({ [book]: { enabled: e.target.checked } })}
      />{' '}
      {label}
    </label>
  );
  return (
    <Section title="Self-healing playbooks" testId="playbooks">
      <ErrorNote error={save.error} />
      <ul className="plain">
        <li>
          {toggle(
            'card_failure',
            `A failing card: move its client, lock the card faulty (${b.card_failure.max_attempts} attempts)`,
          )}
        </li>
        <li>
          {toggle('bankd_loss', 'A lost bankd: move its bank’s clients to a connected bank')}{' '}
          <label className="inline">
            <input
              type="checkbox"
              checked={b.bankd_loss.move_back}
              disabled={!editable || save.isPending}
              onChange={(e) => save.mutate({ bankd_loss: { move_back: e.target.checked } })}
            />{' '}
            and back when it returns
          </label>
        </li>
        <li>{toggle('client_request', 'Clients may ask for another card or bankd')}</li>
        <li>
          {toggle(
            'silent_router',
            `A silent router: restart when it returns, escalate after ${b.silent_router.escalate_after_min} min`,
          )}
        </li>
        <li>{toggle('remsim_drift', 'A remsim-server’s drift: followed until the reconciler repaired it')}</li>
      </ul>
      <p>
        A client is moved at most once in {b.move_cooldown_min} min; at most {b.max_moves_per_hour} moves an hour for the tenant
        (past it, incidents are escalated).
      </p>
    </Section>
  );
}
