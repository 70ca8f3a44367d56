ALTER TABLE "sim_groups" DROP CONSTRAINT "sim_groups_assignment_policy_id_assignment_policies_id_fk";
--> statement-breakpoint
ALTER TABLE "sim_groups" DROP COLUMN "assignment_policy_id";