-- Luhn check digits, virtual ICCIDs/IMSIs of KI proxy slots, and the RSPRO identity of a profile.
-- The TypeScript twins (src/domain/iccid.ts, virtual-identity.ts) are held to the same vectors
-- (test/fixtures/identity-vectors.json).

-- Building blocks of KI proxy registration (the function itself: drizzle/0014): the Luhn digit,
-- virtual ICCIDs and IMSIs derived from the virtual slot the same way as
-- src/domain/virtual-identity.ts (a test holds the two equal), and the RSPRO identity rule.

-- The Luhn check digit of a string of digits (ITU-T E.118 for ICCIDs).
CREATE OR REPLACE FUNCTION ionmesh_luhn(p_digits text) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  v_sum integer := 0;
  v_d integer;
  v_i integer;
  v_len integer := length(p_digits);
BEGIN
  FOR v_i IN 0 .. v_len - 1 LOOP
    v_d := substr(p_digits, v_len - v_i, 1)::integer;
    IF v_i % 2 = 0 THEN
      v_d := v_d * 2;
      IF v_d > 9 THEN v_d := v_d - 9; END IF;
    END IF;
    v_sum := v_sum + v_d;
  END LOOP;
  RETURN ((10 - v_sum % 10) % 10)::text;
END;
$$;

-- Virtual ICCID: 89 882 (international networks) 9 (IonMesh virtual) tenant(4) bank(4) slot(4) + Luhn.
CREATE OR REPLACE FUNCTION ionmesh_virtual_iccid(p_tenant integer, p_bank integer, p_slot integer) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT d || ionmesh_luhn(d) FROM (
    SELECT '898829' || lpad((p_tenant % 10000)::text, 4, '0') || lpad(p_bank::text, 4, '0') || lpad(p_slot::text, 4, '0') AS d) x
$$;

-- Virtual IMSI: the pool's MCC+MNC, then a 9 or 10 digit MSIN: 9 bank(4) slot(4), zero-padded.
CREATE OR REPLACE FUNCTION ionmesh_virtual_imsi(p_mcc_mnc text, p_bank integer, p_slot integer) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT p_mcc_mnc || lpad('9' || lpad(p_bank::text, 4, '0') || lpad(p_slot::text, 4, '0'), 15 - length(p_mcc_mnc), '0')
$$;

-- The RSPRO identity of a profile served by (bank, slot): that position when both parts are
-- usable (1..1023) and free; else a slot number of the same bank that no physical slot occupies;
-- else a client id that is no bank's id. NULLs when none is left.
CREATE OR REPLACE FUNCTION ionmesh_rspro_identity(p_bank integer, p_slot integer)
RETURNS TABLE (client_id integer, slot_nr integer)
LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan
AS $$
#variable_conflict use_column
BEGIN
  IF p_slot >= 1 AND NOT EXISTS (
      SELECT 1 FROM service_profiles q
      WHERE q.status = 'ACTIVE' AND q.rspro_client_id = p_bank AND q.rspro_slot_nr = p_slot) THEN
    RETURN QUERY SELECT p_bank, p_slot;
    RETURN;
  END IF;
  RETURN QUERY
    SELECT p_bank, n
    FROM generate_series(1023, 1, -1) AS n
    WHERE NOT EXISTS (SELECT 1 FROM slots o WHERE o.bank_id = p_bank AND o.slot_id = n)
      AND NOT EXISTS (SELECT 1 FROM service_profiles q
                      WHERE q.status = 'ACTIVE' AND q.rspro_client_id = p_bank AND q.rspro_slot_nr = n)
    LIMIT 1;
  IF FOUND THEN RETURN; END IF;
  RETURN QUERY
    SELECT c, n
    FROM generate_series(1023, 1, -1) AS c CROSS JOIN generate_series(1023, 1, -1) AS n
    WHERE NOT EXISTS (SELECT 1 FROM sim_banks o WHERE o.bank_id = c)
      AND NOT EXISTS (SELECT 1 FROM service_profiles q
                      WHERE q.status = 'ACTIVE' AND q.rspro_client_id = c AND q.rspro_slot_nr = n)
    LIMIT 1;
END;
$$;
