// One vocabulary for a heartbeat's stats. Agents written from the seed documents send
// `signal_rssi`, `signal_rsrp`, `tpdus_sent`/`tpdus_received`, `errors`; IonMesh's own names are
// `rssi`, `rsrp`, `rsrq`, `sinr`, `tpdu_count`, `tpdu_errors`. Both are first-class: a heartbeat
// is normalised here, once, so that graphs, gauges, the console and the stats history read the
// canonical names whichever an agent sends. The keys the agent sent are kept as sent.

export type Stats = Record<string, unknown>;

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Canonical name ← the seeds' names, first present wins. */
const SYNONYMS: Record<string, string[]> = {
  rssi: ['signal_rssi'],
  rsrp: ['signal_rsrp'],
  rsrq: ['signal_rsrq'],
  sinr: ['signal_sinr'],
  tpdu_errors: ['errors'],
};

/** The stats with every canonical field the agent's names give filled in (never overwritten). */
export function normalizeStats<T extends Stats | undefined>(stats: T): T {
  if (!stats || typeof stats !== 'object' || Array.isArray(stats)) return stats;
  const out: Stats = { ...stats };
  for (const [canonical, names] of Object.entries(SYNONYMS)) {
    if (num(out[canonical]) !== null) continue;
    for (const name of names) {
      const v = num(out[name]);
      if (v !== null) {
        out[canonical] = v;
        break;
      }
    }
  }
  if (num(out.tpdu_count) === null) {
    const sent = num(out.tpdus_sent);
    const received = num(out.tpdus_received);
    if (sent !== null || received !== null) out.tpdu_count = (sent ?? 0) + (received ?? 0);
  }
  return out as T;
}
