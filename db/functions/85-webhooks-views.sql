-- What the webhooks publish to the events module (decision 0010): which events they still need, so
-- that retention never deletes an event before it was fanned out or while a delivery of it is due.

CREATE OR REPLACE VIEW webhooks_event_holds AS
  SELECT d.event_id FROM webhook_deliveries d WHERE d.status IN ('pending', 'delivering');

CREATE OR REPLACE VIEW webhooks_fanout_position AS
  SELECT last_event_id, last_txid FROM outbox_cursors WHERE name = 'webhooks';
