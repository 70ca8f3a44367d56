-- Reading a heartbeat's stats: a bounded number, a counter.

CREATE OR REPLACE FUNCTION ionmesh_stat(p jsonb, k text, lo real, hi real) RETURNS real
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN jsonb_typeof(p -> k) = 'number' AND (p ->> k)::numeric BETWEEN lo AND hi
              THEN (p ->> k)::real END
$$;

CREATE OR REPLACE FUNCTION ionmesh_counter(p jsonb, k text) RETURNS bigint
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN jsonb_typeof(p -> k) = 'number' AND (p ->> k)::numeric BETWEEN 0 AND 9000000000000000000
              THEN trunc((p ->> k)::numeric)::bigint END
$$;
