// Assignment policies: per tenant, tried in priority order; the first enabled policy whose
// conditions all hold decides (prefer banks and a load-balancing mode, or deny). Pure: the
// clock and the time zone database (Intl) are the only inputs besides the request.
import { globMatches } from './linear-pattern.js';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const LOAD_BALANCING = ['fill-first', 'least-loaded', 'round-robin'] as const;
export type LoadBalancing = (typeof LOAD_BALANCING)[number];

export interface TimeWindow {
  /** HH:MM, local time in time_zone; end before start means the window spans midnight. */
  start: string;
  end: string;
  time_zone: string;
  /** Local weekdays the window applies on (the day the moment falls on); all when absent. */
  days?: Weekday[];
}

export interface PolicyConditions {
  mcc_mnc?: string[];
  /** Glob on client_id: * any run, ? one character. */
  client_id_pattern?: string;
  time_window?: TimeWindow;
  /** Modem or router vendor from hardware_info (manufacturer or vendor), case-insensitive. */
  hardware_vendor?: string[];
}

export interface PolicyAction {
  type: 'assign' | 'deny';
  preferred_banks?: number[];
  load_balancing?: LoadBalancing;
}

export interface Policy {
  id: number;
  name: string;
  priority: number;
  enabled: boolean;
  conditions: PolicyConditions;
  action: PolicyAction;
}

export interface PolicyRequest {
  clientId: string;
  mccMnc: string | null;
  hardwareVendor: string | null;
  now: Date;
}

const HHMM = /^([01][0-9]|2[0-3]):([0-5][0-9])$/;
const minutesOf = (hhmm: string) => {
  const m = HHMM.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
};

/** Local minutes since midnight and weekday of a moment in a time zone. */
export function localTime(now: Date, timeZone: string): { minutes: number; weekday: Weekday } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    weekday: 'short',
    hourCycle: 'h23',
  }).formatToParts(now);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return {
    minutes: Number(get('hour')) * 60 + Number(get('minute')),
    weekday: get('weekday').toLowerCase().slice(0, 3) as Weekday,
  };
}

export function inWindow(w: TimeWindow, now: Date) {
  const { minutes, weekday } = localTime(now, w.time_zone);
  if (w.days && !w.days.includes(weekday)) return false;
  const start = minutesOf(w.start);
  const end = minutesOf(w.end);
  if (start === end) return true;
  return start < end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
}

export function matches(c: PolicyConditions, r: PolicyRequest) {
  if (c.mcc_mnc?.length && !(r.mccMnc && c.mcc_mnc.includes(r.mccMnc))) return false;
  if (c.client_id_pattern && !globMatches(c.client_id_pattern, r.clientId)) return false;
  if (c.hardware_vendor?.length) {
    const vendor = r.hardwareVendor?.toLowerCase();
    if (!vendor || !c.hardware_vendor.some((v) => v.toLowerCase() === vendor)) return false;
  }
  if (c.time_window && !inWindow(c.time_window, r.now)) return false;
  return true;
}

/** The deciding policy: enabled, conditions met, lowest priority number first (then id). */
export function decide(policies: Policy[], r: PolicyRequest): Policy | null {
  const ordered = [...policies].sort((a, b) => a.priority - b.priority || a.id - b.id);
  return ordered.find((p) => p.enabled && matches(p.conditions, r)) ?? null;
}

/** What is wrong with a policy beyond its schema, or null. */
export function policyProblem(c: PolicyConditions, a: PolicyAction): string | null {
  if (c.time_window) {
    for (const k of ['start', 'end'] as const) {
      if (!HHMM.test(c.time_window[k])) return `time_window.${k} must be HH:MM (00:00..23:59)`;
    }
    try {
      new Intl.DateTimeFormat('en', { timeZone: c.time_window.time_zone });
    } catch {
      return `time_window.time_zone "${c.time_window.time_zone}" is not an IANA time zone`;
    }
  }
  if (a.type === 'deny' && (a.preferred_banks?.length || a.load_balancing))
    return 'a deny action takes no preferred_banks or load_balancing';
  return null;
}

export const vendorOf = (hardwareInfo: Record<string, unknown> | undefined | null) => {
  const v = hardwareInfo?.manufacturer ?? hardwareInfo?.vendor ?? hardwareInfo?.modem_vendor;
  return typeof v === 'string' && v ? v : null;
};
