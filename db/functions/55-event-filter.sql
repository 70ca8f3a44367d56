-- Whether an event type passes a filter of types (empty: every type): a name matches itself, a
-- name ending in '.' is a prefix. The stream's list queries and webhook delivery use it;
-- TypeScript's typeMatches (src/modules/events/event-types.ts) answers the same for the live
-- stream (test/event-types.test.ts holds both to one table of cases).
CREATE OR REPLACE FUNCTION ionmesh_type_matches(p_filters text[], p_type text) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(cardinality(p_filters), 0) = 0
      OR p_type = ANY (p_filters)
      OR EXISTS (SELECT 1 FROM unnest(p_filters) f WHERE right(f, 1) = '.' AND starts_with(p_type, f))
$$;
