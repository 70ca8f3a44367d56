// Banks and their slot grid, coloured by status; a slot opens for card data and status changes.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { Link } from 'wouter';
import { useAccess } from '../access';
import { api, qs } from '../api';
import { Badge, ErrorNote, Loading, Meter, Section } from '../components/ui';
import { when } from '../format';
import { useOverview, useRefreshOnEvents } from '../hooks';
import { queryKeys } from '../query-keys';
import type { Overview, Page, SlotRow } from '../types';

export function BanksPage({ bankId }: { bankId?: number }) {
  const overview = useOverview();
  useRefreshOnEvents(
    ['overview', 'slots'],
    1000,
    (e) => e.type.startsWith('slot.') || e.type.startsWith('bank.') || e.type.startsWith('client.'),
  );
  if (overview.isPending) return <Loading what="banks" />;
  if (overview.error) return <ErrorNote error={overview.error} />;
  const banks = overview.data.banks;
  const current = bankId ?? banks[0]?.bank_id;
  return (
    <div className="page">
      <h1>Banks and slots</h1>
      <nav aria-label="Banks" className="chips">
        {banks.map((b) => (
          <Link
            key={b.bank_id}
            href={`/banks/${b.bank_id}`}
            className={b.bank_id === current ? 'chip active' : 'chip'}
            aria-current={b.bank_id === current ? 'page' : undefined}
          >
            Bank {b.bank_id} · {b.name}
          </Link>
        ))}
      </nav>
      {banks.length === 0 && <p className="muted">No banks yet: add them in the API (/docs).</p>}
      {current !== undefined && <SlotGrid bankId={current} bank={banks.find((b) => b.bank_id === current)} />}
    </div>
  );
}

function SlotGrid({ bankId, bank }: { bankId: number; bank?: Overview['banks'][number] }) {
  const slots = useQuery({
    queryKey: queryKeys.slots(bankId),
    queryFn: () => api<Page<SlotRow>>(`/slots${qs({ bank_id: bankId, limit: 1000 })}`),
  });
  const [selected, setSelected] = useState<number | null>(null);
  const { can } = useAccess();
  const slot = slots.data?.items.find((s) => s.slot_id === selected) ?? null;
  return (
    <Section
      title={`Bank ${bankId}${bank ? `: ${bank.name}` : ''}`}
      testId="slot-grid"
      actions={
        bank &&
        (bank.bankd_connected === false ? (
          <Badge value="bankd offline" kind="offline" />
        ) : bank.bankd_connected ? (
          <Badge value="bankd connected" kind="online" />
        ) : null)
      }
    >
      {bank && <Meter used={bank.assigned} total={bank.slots} label="assigned" />}
      <ul className="legend" aria-label="Colours">
        {(['available', 'assigned', 'faulty', 'disabled'] as const).map((s) => (
          <li key={s}>
            <span className={`swatch slot-${s}`} aria-hidden="true" /> {s}
            {bank ? ` (${bank[s]})` : ''}
          </li>
        ))}
      </ul>
      <ErrorNote error={slots.error} />
      <ul className="slot-grid" aria-label={`Slots of bank ${bankId}`}>
        {(slots.data?.items ?? []).map((s) => (
          <li key={s.slot_id}>
            <button
              type="button"
              className={`slot slot-${s.status} ${selected === s.slot_id ? 'selected' : ''}`}
              aria-label={`Slot ${s.slot_id}: ${s.status}${s.carrier ? `, ${s.carrier}` : ''}`}
              aria-pressed={selected === s.slot_id}
              title={`Slot ${s.slot_id}: ${s.status}${s.iccid ? ` · ${s.iccid}` : ''}${s.unserved_reason ? ` · ${s.unserved_reason}` : ''}`}
              onClick={() => setSelected(s.slot_id)}
            >
              {s.slot_id}
            </button>
          </li>
        ))}
      </ul>
      {slot && (
        <SlotEditor
          key={`${slot.bank_id}:${slot.slot_id}:${slot.updated_at}`}
          slot={slot}
          editable={can('manage')}
          onClose={() => setSelected(null)}
        />
      )}
    </Section>
  );
}

function SlotEditor({ slot, editable, onClose }: { slot: SlotRow; editable: boolean; onClose: () => void }) {
  const queries = useQueryClient();
  const [form, setForm] = useState({
    iccid: slot.iccid ?? '',
    imsi: slot.imsi ?? '',
    carrier: slot.carrier ?? '',
    mcc_mnc: slot.mcc_mnc ?? '',
  });
  const [saved, setSaved] = useState<string | null>(null);
  useEffect(() => setSaved(null), []);
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      api(`/banks/${slot.bank_id}/slots/${slot.slot_id}`, { method: 'PATCH', json: body }),
    onSuccess: (_d, body) => {
      setSaved(body.status ? `Slot is now ${String(body.status)}.` : 'Card data saved.');
      void queries.invalidateQueries({ queryKey: queryKeys.slots(slot.bank_id) });
      void queries.invalidateQueries({ queryKey: queryKeys.overview() });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = (v: string) => (v.trim() === '' ? null : v.trim());
    save.mutate({ iccid: n(form.iccid), imsi: n(form.imsi), carrier: n(form.carrier), mcc_mnc: n(form.mcc_mnc) });
  };
  const field = (k: keyof typeof form, label: string, extra: Record<string, unknown> = {}) => (
    <label>
      {label}
      <input name={k} value={form[k]} onChange={(e) => setForm({ ...form, [k]: e.target.value })} {...extra} />
    </label>
  );
  return (
    <form className="slot-editor card" onSubmit={submit} aria-label={`Slot ${slot.slot_id}`}>
      <header className="card-head">
        <h3>
          Slot {slot.slot_id} <Badge value={slot.status} kind={`slot-${slot.status}`} />
        </h3>
        <button type="button" className="link-button" onClick={onClose}>
          Close
        </button>
      </header>
      <p className="muted small">
        {slot.card_type} · health {slot.health_status} · changed {when(slot.updated_at)}
      </p>
      {slot.unserved_reason && (
        <p className="warn-note" role="status">
          Not handed out: {slot.unserved_reason}. It comes back by itself once the remsim side serves it.
        </p>
      )}
      <fieldset className="form-grid plain-fieldset" disabled={!editable}>
        {field('iccid', 'ICCID', { inputMode: 'numeric', pattern: '[0-9]{18,22}', className: 'mono' })}
        {field('imsi', 'IMSI', { inputMode: 'numeric', pattern: '[0-9]{6,15}', className: 'mono' })}
        {field('carrier', 'Carrier')}
        {field('mcc_mnc', 'MCC+MNC', { inputMode: 'numeric', pattern: '[0-9]{5,6}' })}
      </fieldset>
      {editable ? (
        <div className="actions">
          <button type="submit" className="primary" disabled={save.isPending}>
            Save card data
          </button>
          {slot.status === 'available' && (
            <button type="button" className="danger" onClick={() => save.mutate({ status: 'faulty' })}>
              Mark faulty
            </button>
          )}
          {slot.status === 'available' && (
            <button type="button" onClick={() => save.mutate({ status: 'disabled' })}>
              Disable
            </button>
          )}
          {(slot.status === 'faulty' || slot.status === 'disabled') && (
            <button type="button" onClick={() => save.mutate({ status: 'available' })}>
              Make available
            </button>
          )}
        </div>
      ) : (
        <p className="muted small">Your key may look but not change slots (that needs a tenant-admin or admin key).</p>
      )}
      {saved && (
        <p className="ok" role="status">
          {saved}
        </p>
      )}
      <ErrorNote error={save.error} />
    </form>
  );
}
