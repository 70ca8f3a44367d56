-- What the commands module publishes of its queue (decision 0010): the metrics count it by status.

CREATE OR REPLACE VIEW commands_queue AS
  SELECT id, tenant_id, profile_id, client_id, type, status, created_at, expires_at, delivered_at, acknowledged_at
    FROM client_commands;
