-- What the usage module publishes of its tables to other modules (decision 0010): how far the
-- raw samples are accounted (the stats module keeps every raw sample until then), and the cards
-- an enforcing IMEI lock took out of service with their client still on them (the reconciler
-- maps none of them: the modem that is not the bound one gets no SIM), and each card's cycles.

CREATE OR REPLACE VIEW usage_progress AS
  SELECT accounted_until, last_run_at FROM usage_state WHERE id = 1;

CREATE OR REPLACE VIEW usage_blocked_cards AS
  SELECT bank_id, slot_id, kind, client_id FROM card_locks
   WHERE unlocked_at IS NULL AND kind = 'imei' AND state = 'locked';

-- Each card's usage per billing cycle (metrics shows the current one).
CREATE OR REPLACE VIEW usage_card_cycles AS
  SELECT tenant_id, bank_id, slot_id, cycle_start, cycle_end, iccid, last_client_id, rx_bytes, tx_bytes, tpdus, tpdu_errors,
         samples, updated_at
    FROM card_usage_cycles;

-- Whose each plan is (a group names a plan of its own tenant).
CREATE OR REPLACE VIEW usage_plans_tenants AS
  SELECT id, tenant_id FROM sim_plans;

-- Failures counted per card (auto-lock's evidence; the rules engine's failure_count measure).
CREATE OR REPLACE VIEW usage_card_failures AS
  SELECT tenant_id, bank_id, slot_id, kind, client_id, at FROM card_failures;
