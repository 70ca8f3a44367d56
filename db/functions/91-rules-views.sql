-- What the rules engine publishes to the events module (decision 0010): how far it has read the
-- outbox, so that retention never deletes an event before the rules saw it.

CREATE OR REPLACE VIEW rules_outbox_position AS
  SELECT last_event_id, last_txid FROM rules_state WHERE id = 1;
