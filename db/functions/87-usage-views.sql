-- What the usage module publishes of its tables to other modules (decision 0010): how far the
-- raw samples are accounted (the stats module keeps every raw sample until then).

CREATE OR REPLACE VIEW usage_progress AS
  SELECT accounted_until, last_run_at FROM usage_state WHERE id = 1;
