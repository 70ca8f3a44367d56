// A heartbeat in the seeds' words reads like one in IonMesh's: the canonical fields are filled
// in from the seeds' names, never over what the agent said itself, and nothing is dropped.
import { describe, expect, it } from 'vitest';
import { normalizeStats } from './stats-vocabulary.js';

describe('the stats vocabulary', () => {
  it('reads the seeds’ heartbeat in IonMesh’s names and keeps what was sent', () => {
    const seed = {
      uptime_seconds: 3600,
      tpdus_sent: 1234,
      tpdus_received: 5678,
      errors: 0,
      signal_rssi: -75,
      signal_rsrp: -95,
      data_rx_bytes: 1048576,
      data_tx_bytes: 524288,
    };
    expect(normalizeStats(seed)).toEqual({ ...seed, rssi: -75, rsrp: -95, tpdu_count: 6912, tpdu_errors: 0 });
  });

  it('never overwrites a canonical field the agent sent, and ignores what is not a number', () => {
    expect(normalizeStats({ rssi: -60, signal_rssi: -75, tpdu_count: 5, tpdus_sent: 9 })).toEqual({
      rssi: -60,
      signal_rssi: -75,
      tpdu_count: 5,
      tpdus_sent: 9,
    });
    expect(normalizeStats({ signal_rsrp: 'strong', tpdus_sent: null })).toEqual({ signal_rsrp: 'strong', tpdus_sent: null });
    expect(normalizeStats(undefined)).toBeUndefined();
  });
});
