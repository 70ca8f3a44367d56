-- What self-healing publishes (decision 0010): how far its engine has read the outbox (event
-- retention waits for it), and the incidents not resolved yet by cause (the metrics).

CREATE OR REPLACE VIEW healing_outbox_position AS
  SELECT last_event_id, last_txid FROM healing_state WHERE id = 1;

CREATE OR REPLACE VIEW healing_open_incidents AS
  SELECT tenant_id, cause, severity, state, count(*)::int AS n
    FROM incidents WHERE state <> 'resolved'
   GROUP BY tenant_id, cause, severity, state;
