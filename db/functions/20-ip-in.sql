-- Whether an address is in one of the networks; TypeScript's ipInCidrs (src/domain/enrollment.ts)
-- answers the same (test/fixtures/cidr-vectors.json).

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
