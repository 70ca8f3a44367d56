-- Registration with assignment policies is defined in drizzle/0014, together with the other
-- changes to ionmesh_register made in the same release (one definition instead of four).
SELECT 1;
