// How the console writes times, numbers and sizes: in the operator's own time zone and locale.

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });
export const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

export function when(value: string | number | Date | null | undefined) {
  if (value === null || value === undefined || value === '') return '—';
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return '—';
  const today = new Date();
  return d.toDateString() === today.toDateString() ? timeOnly.format(d) : dateTime.format(d);
}

/** "12 s ago", "5 min ago", "3 h ago", "2 d ago" relative to now. */
export function ago(value: string | number | Date | null | undefined, now = Date.now()) {
  if (value === null || value === undefined || value === '') return 'never';
  const t = new Date(value).getTime();
  if (Number.isNaN(t)) return 'never';
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86_400)} d ago`;
}

export const int = (n: number | null | undefined) => (n === null || n === undefined ? '—' : n.toLocaleString());
export const pct = (share: number) => `${Math.round(share * 1000) / 10} %`;

export function bytes(n: number | null | undefined) {
  if (n === null || n === undefined) return '—';
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = n;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u += 1;
  }
  return `${v >= 100 || u === 0 ? Math.round(v) : v.toFixed(1)} ${units[u]}`;
}

export const dbm = (v: unknown, unit = 'dBm') => (typeof v === 'number' ? `${Math.round(v * 10) / 10} ${unit}` : '—');
