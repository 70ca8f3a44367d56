-- What the stats module publishes of its tables to other modules (decision 0010): the raw
-- heartbeat samples (the usage module accounts their counter deltas to the card in use; fault
-- prediction reads their signal and counters).

CREATE OR REPLACE VIEW stats_raw_samples AS
  SELECT tenant_id, client_id, ts, bank_id, slot_id, uptime_sec, rx_bytes, tx_bytes, tpdu_count, tpdu_errors, rssi,
         rsrq, sinr
    FROM client_stats_raw;
