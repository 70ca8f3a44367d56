-- NOTIFY of new events (the outbox trigger of migration 0015).

CREATE OR REPLACE FUNCTION ionmesh_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('ionmesh_events', '');
  RETURN NULL;
END;
$$;
