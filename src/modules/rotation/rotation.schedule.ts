// When a rotation policy may act: its cron schedule's latest occurrence (croner, in the policy's
// time zone) and its maintenance window (local time of day and weekday in that time zone).
import { Cron } from 'croner';

export interface RotationWindow {
  /** 'HH:MM', local time; a window whose end is before its start runs over midnight. */
  start: string;
  end: string;
  /** ISO weekdays, 1 = Monday … 7 = Sunday (the weekday of the moment); none: every day. */
  days?: number[];
}

/** What is wrong with a time zone name (null: an IANA name this runtime knows). */
export function timezoneProblem(tz: string) {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: tz });
    return null;
  } catch {
    return `${tz} is not a time zone (an IANA name such as Europe/Berlin or UTC)`;
  }
}

/** What is wrong with a cron schedule (null: five fields croner reads). */
export function scheduleProblem(expr: string, tz: string) {
  if (expr.trim().split(/\s+/).length !== 5) return 'a schedule has five fields: minute hour day-of-month month day-of-week';
  try {
    new Cron(expr, { timezone: tz, paused: true }).nextRun();
    return null;
  } catch (e) {
    return `not a cron schedule: ${(e as Error).message}`;
  }
}

/** The latest occurrence of the schedule at or before `now`, in the time zone (null: none in a year). */
export function lastOccurrence(expr: string, tz: string, now: Date) {
  const [last] = new Cron(expr, { timezone: tz, paused: true }).previousRuns(1, now);
  return last && now.getTime() - last.getTime() < 366 * 86_400_000 ? last : null;
}

/** Minutes since local midnight and the ISO weekday of `now` in the time zone. */
export function localTime(now: Date, tz: string) {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: tz,
    hour: '2-digit',
    minute: '2-digit',
    weekday: 'short',
    hourCycle: 'h23',
  }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(part('weekday')) + 1;
  return { minutes: Number(part('hour')) * 60 + Number(part('minute')), weekday };
}

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h as number) * 60 + (m as number);
};

/** Whether `now` lies in the window (no window: always). */
export function inWindow(window: RotationWindow | null, tz: string, now: Date) {
  if (!window) return true;
  const { minutes, weekday } = localTime(now, tz);
  if (window.days?.length && !window.days.includes(weekday)) return false;
  const start = minutesOf(window.start);
  const end = minutesOf(window.end);
  return start <= end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
}
