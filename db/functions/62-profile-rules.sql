-- When a profile came to the card it holds (the clients module's rule, kept by the database so
-- that every writer obeys it: registration, reassign, rotation, a card taken out of service):
-- card_since moves whenever bank_id or slot_id change. The rotation's "days on one card" reads it.
CREATE OR REPLACE FUNCTION ionmesh_profile_card_since() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.bank_id IS DISTINCT FROM OLD.bank_id OR NEW.slot_id IS DISTINCT FROM OLD.slot_id THEN
    NEW.card_since := now();
  END IF;
  RETURN NEW;
END $$;

DROP TRIGGER IF EXISTS service_profiles_card_since ON service_profiles;
CREATE TRIGGER service_profiles_card_since BEFORE UPDATE OF bank_id, slot_id ON service_profiles
  FOR EACH ROW EXECUTE FUNCTION ionmesh_profile_card_since();
