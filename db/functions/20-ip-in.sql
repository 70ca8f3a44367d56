-- Whether an address is in one of the networks, and whether a keyless caller's source is refused;
-- TypeScript's ipInCidrs and sourceRefusal (src/domain/enrollment.ts) answer the same
-- (test/fixtures/cidr-vectors.json, source-vectors.json).

-- ionmesh_ip_in agrees with TypeScript's ipInCidrs (src/domain/enrollment.ts): an IPv4-mapped
-- IPv6 address (::ffff:192.0.2.5, what Node reports on a :: listener) is in 192.0.2.0/24. Before,
-- it was not, and a router registered by CIDR had every heartbeat refused. Both are tested against
-- test/fixtures/cidr-vectors.json.
CREATE OR REPLACE FUNCTION ionmesh_ip_in(p_ip text, p_cidrs text[]) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  v inet;
BEGIN
  IF p_ip IS NULL OR p_cidrs IS NULL OR cardinality(p_cidrs) = 0 THEN RETURN false; END IF;
  v := p_ip::inet;
  IF family(v) = 6 AND v <<= '::ffff:0.0.0.0/96'::inet THEN
    v := '0.0.0.0'::inet + (v - '::ffff:0.0.0.0'::inet);
  END IF;
  RETURN v <<= ANY (p_cidrs::cidr[]);
EXCEPTION WHEN others THEN
  RETURN false;
END;
$$;

-- Why a keyless caller (no client key, no token) is refused for a client of a tenant, or NULL when
-- it is not: the tenant enrolls by key only; the caller is outside the tenant's networks; or the
-- tenant binds sources and the caller is not the address the client registered from. Used by the
-- heartbeat batch (70-heartbeats.sql); TypeScript's sourceRefusal (src/domain/enrollment.ts)
-- answers the same for registrations and unregistrations (test/fixtures/source-vectors.json).
CREATE OR REPLACE FUNCTION ionmesh_source_refusal(p_mode text, p_cidrs text[], p_bind boolean, p_registered text, p_ip text)
RETURNS text LANGUAGE sql STABLE AS $$
  SELECT CASE
    WHEN p_mode = 'key' THEN 'key_required'
    WHEN p_mode = 'cidr' AND NOT coalesce(ionmesh_ip_in(p_ip, p_cidrs), false) THEN 'source_not_allowed'
    WHEN p_bind AND p_registered IS NOT NULL AND p_ip IS NOT NULL AND p_registered <> p_ip THEN 'not_registering_address'
  END
$$;
