-- What the groups module publishes of its tables to other modules (decision 0010): the tags of
-- cards and of clients (the rules engine's conditions read them).

CREATE OR REPLACE VIEW groups_card_tags AS
  SELECT bank_id, slot_id, tag, tenant_id FROM card_tags;

CREATE OR REPLACE VIEW groups_client_tags AS
  SELECT tenant_id, client_id, tag FROM client_tags;
