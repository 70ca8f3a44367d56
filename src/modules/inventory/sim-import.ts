// SIM inventory import from CSV: the bankd slot file ("bank","slot","reader name", no header)
// or a header-named file (bank_id, slot_id, iccid, imsi, carrier, mcc_mnc, card_type, reader_name).
// Parsing and validation are pure; the use case writes everything or nothing.
import { parse } from 'csv-parse/sync';
import { iccidProblem } from '../../domain/iccid.js';
import { imsiProblem, mccMncProblem } from '../../domain/imsi.js';

export interface SimRow {
  line: number;
  bankId: number;
  slotId: number;
  iccid?: string | null;
  imsi?: string | null;
  carrier?: string | null;
  mccMnc?: string | null;
  cardType?: string;
  readerName?: string | null;
}

export interface RowError {
  line: number;
  message: string;
}

export interface ParsedImport {
  format: 'bankd-slots' | 'header';
  rows: SimRow[];
  errors: RowError[];
}

const KNOWN_COLUMNS = ['bank_id', 'slot_id', 'iccid', 'imsi', 'carrier', 'mcc_mnc', 'card_type', 'reader_name'];
const CARD_TYPES = ['REGULAR', 'KI_PROXY_MASTER'];

function intIn(value: string | undefined, min: number, max: number): number | null {
  if (value === undefined || !/^[0-9]{1,5}$/.test(value.trim())) return null;
  const n = Number(value.trim());
  return n >= min && n <= max ? n : null;
}

const blankToNull = (v: string | undefined) => (v === undefined || v.trim() === '' ? null : v.trim());

export function parseSimCsv(text: string): ParsedImport {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      comment: '#',
      info: true,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 0;
    return { format: 'header', rows: [], errors: [{ line, message: `CSV syntax: ${(error as Error).message}` }] };
  }
  if (records.length === 0) return { format: 'header', rows: [], errors: [{ line: 0, message: 'The file is empty' }] };

  const first = records[0]?.record.map((c) => c.toLowerCase()) ?? [];
  const hasHeader = first.includes('bank_id') || first.includes('slot_id');
  const errors: RowError[] = [];
  const rows: SimRow[] = [];
  let columns: string[];
  if (hasHeader) {
    columns = first;
    const unknown = columns.filter((c) => !KNOWN_COLUMNS.includes(c));
    if (unknown.length) errors.push({ line: 1, message: `Unknown column(s): ${unknown.join(', ')}` });
    for (const needed of ['bank_id', 'slot_id']) {
      if (!columns.includes(needed)) errors.push({ line: 1, message: `Missing column ${needed}` });
    }
    if (errors.length) return { format: 'header', rows, errors };
  } else {
    columns = ['bank_id', 'slot_id', 'reader_name'];
  }

  const seenSlots = new Map<string, number>();
  const seenIccids = new Map<string, number>();
  for (const { record, info } of records.slice(hasHeader ? 1 : 0)) {
    const line = info.lines;
    const cell = (name: string) => {
      const i = columns.indexOf(name);
      return i < 0 ? undefined : record[i];
    };
    const problems: string[] = [];
    if (record.length > columns.length) problems.push(`expected ${columns.length} fields, found ${record.length}`);
    const bankId = intIn(cell('bank_id'), 1, 1023);
    const slotId = intIn(cell('slot_id'), 0, 1023);
    if (bankId === null) problems.push(`bank_id "${cell('bank_id') ?? ''}" is not 1..1023`);
    if (slotId === null) problems.push(`slot_id "${cell('slot_id') ?? ''}" is not 0..1023`);
    const iccid = blankToNull(cell('iccid'));
    const imsi = blankToNull(cell('imsi'));
    const mccMnc = blankToNull(cell('mcc_mnc'));
    const cardType = blankToNull(cell('card_type'))?.toUpperCase() ?? 'REGULAR';
    if (iccid) {
      const p = iccidProblem(iccid);
      if (p) problems.push(p);
      const dup = seenIccids.get(iccid);
      if (dup) problems.push(`ICCID ${iccid} also on line ${dup}`);
      else seenIccids.set(iccid, line);
    }
    if (mccMnc) {
      const p = mccMncProblem(mccMnc);
      if (p) problems.push(p);
    }
    if (imsi) {
      const p = imsiProblem(imsi, mccMnc && !mccMncProblem(mccMnc) ? mccMnc : null);
      if (p) problems.push(p);
    }
    if (!CARD_TYPES.includes(cardType)) problems.push(`card_type must be one of ${CARD_TYPES.join(', ')}`);
    if (bankId !== null && slotId !== null) {
      const key = `${bankId}:${slotId}`;
      const dup = seenSlots.get(key);
      if (dup) problems.push(`bank ${bankId} slot ${slotId} also on line ${dup}`);
      else seenSlots.set(key, line);
    }
    if (problems.length) {
      errors.push({ line, message: problems.join('; ') });
      continue;
    }
    rows.push({
      line,
      bankId: bankId as number,
      slotId: slotId as number,
      readerName: blankToNull(cell('reader_name')),
      ...(hasHeader ? { iccid, imsi, carrier: blankToNull(cell('carrier')), mccMnc, cardType } : {}),
    });
  }
  if (rows.length === 0 && errors.length === 0) errors.push({ line: 0, message: 'The file has no data rows' });
  return { format: hasHeader ? 'header' : 'bankd-slots', rows, errors };
}
