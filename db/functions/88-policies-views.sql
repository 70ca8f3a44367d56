-- What the policies module publishes of its tables to other modules (decision 0010): whose each
-- assignment policy is (a group names a policy of its own tenant).

CREATE OR REPLACE VIEW policies_tenants AS
  SELECT id, tenant_id FROM assignment_policies;
