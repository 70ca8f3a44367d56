-- The event outbox as the events module publishes it (decision 0010): every module that changes
-- something writes its event here inside the same statement or transaction (INSERT INTO
-- events_outbox (type, tenant_id, data)), so the event exists exactly when the change does; the
-- webhooks read it to fan out. The events table itself (retention, notify trigger) is the events
-- module's.

CREATE OR REPLACE VIEW events_outbox AS
  SELECT id, type, tenant_id, data, created_at, txid FROM events;
