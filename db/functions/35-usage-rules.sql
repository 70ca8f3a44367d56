-- SIM usage: billing cycles, reset-safe counter deltas (a card's plan: 90-usage-plans.sql).

-- The first day of the billing cycle holding day d, for a cycle that starts on cycle_day (1..28).
CREATE OR REPLACE FUNCTION ionmesh_cycle_start(d date, cycle_day integer) RETURNS date
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN extract(day FROM d)::int >= cycle_day
              THEN date_trunc('month', d)::date + (cycle_day - 1)
              ELSE (date_trunc('month', d) - interval '1 month')::date + (cycle_day - 1) END
$$;

-- The first day after the cycle that starts on s.
CREATE OR REPLACE FUNCTION ionmesh_cycle_end(s date) RETURNS date
LANGUAGE sql IMMUTABLE AS $$
  SELECT (s + interval '1 month')::date
$$;

-- What a counter grew by since the previous sample:
--   not reported now: null; no previous reading (first sample, or the counter was absent): 0, a
--   baseline; the counter went down or the client restarted (restarted): counted from zero, so
--   the delta is the reading itself; a delta over cap (the most the link could carry in the time
--   between the samples) is refused as implausible: 0 (and counted as discarded by the caller).
CREATE OR REPLACE FUNCTION ionmesh_usage_delta(cur bigint, prev bigint, restarted boolean, cap double precision)
RETURNS bigint
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN cur IS NULL THEN NULL
              WHEN prev IS NULL THEN 0
              WHEN restarted OR cur < prev THEN CASE WHEN cur <= cap THEN cur ELSE 0 END
              WHEN cur - prev <= cap THEN cur - prev
              ELSE 0 END
$$;

-- Whether the delta was refused as implausible (same rules as ionmesh_usage_delta).
CREATE OR REPLACE FUNCTION ionmesh_usage_implausible(cur bigint, prev bigint, restarted boolean, cap double precision)
RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
  SELECT cur IS NOT NULL AND prev IS NOT NULL
     AND CASE WHEN restarted OR cur < prev THEN cur > cap ELSE cur - prev > cap END
$$;

-- Two sums of a counter, null while neither reported it.
CREATE OR REPLACE FUNCTION ionmesh_usage_add(a bigint, b bigint) RETURNS bigint
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN a IS NULL AND b IS NULL THEN NULL ELSE coalesce(a, 0) + coalesce(b, 0) END
$$;


-- What a card's usage in a cycle costs on a plan (money in the plan's currency; 1 MB = 10^6 bytes):
-- the monthly fee, the bytes within the allowance at cost_per_mb and those over it at
-- overage_per_mb (no allowance: every byte at cost_per_mb). Usage not reported costs the fee.
CREATE OR REPLACE FUNCTION ionmesh_usage_cost(used bigint, allowance bigint, cost_per_mb numeric, overage_per_mb numeric,
                                              monthly_fee numeric) RETURNS numeric
LANGUAGE sql IMMUTABLE AS $$
  SELECT monthly_fee + CASE WHEN used IS NULL THEN 0
                            WHEN allowance IS NULL THEN used / 1e6 * cost_per_mb
                            ELSE least(used, allowance) / 1e6 * cost_per_mb + greatest(used - allowance, 0) / 1e6 * overage_per_mb
                       END
$$;
