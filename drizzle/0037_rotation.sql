CREATE TABLE "client_rotations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"policy_id" integer,
	"client_id" text NOT NULL,
	"profile_id" text NOT NULL,
	"from_bank_id" integer NOT NULL,
	"from_slot_id" integer NOT NULL,
	"to_bank_id" integer NOT NULL,
	"to_slot_id" integer NOT NULL,
	"trigger" text NOT NULL,
	"detail" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rotation_policies" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"group_id" integer,
	"name" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"schedule" text,
	"usage_percent" integer,
	"validity_days" integer,
	"max_days_on_card" integer,
	"window" jsonb,
	"timezone" text DEFAULT 'UTC' NOT NULL,
	"allow_other_carrier" boolean DEFAULT false NOT NULL,
	"max_per_run" integer DEFAULT 50 NOT NULL,
	"last_scheduled_at" timestamp with time zone,
	"claimed_until" timestamp with time zone,
	"last_run_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rotation_policies_trigger" CHECK ("rotation_policies"."schedule" IS NOT NULL OR "rotation_policies"."usage_percent" IS NOT NULL OR "rotation_policies"."validity_days" IS NOT NULL OR "rotation_policies"."max_days_on_card" IS NOT NULL),
	CONSTRAINT "rotation_policies_usage" CHECK ("rotation_policies"."usage_percent" IS NULL OR "rotation_policies"."usage_percent" BETWEEN 1 AND 1000),
	CONSTRAINT "rotation_policies_days" CHECK (("rotation_policies"."validity_days" IS NULL OR "rotation_policies"."validity_days" BETWEEN 0 AND 365)
      AND ("rotation_policies"."max_days_on_card" IS NULL OR "rotation_policies"."max_days_on_card" BETWEEN 1 AND 3650)),
	CONSTRAINT "rotation_policies_max" CHECK ("rotation_policies"."max_per_run" BETWEEN 1 AND 10000)
);
--> statement-breakpoint
ALTER TABLE "service_profiles" ADD COLUMN "card_since" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "client_rotations" ADD CONSTRAINT "client_rotations_policy_id_rotation_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."rotation_policies"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rotation_policies" ADD CONSTRAINT "rotation_policies_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rotation_policies" ADD CONSTRAINT "rotation_policies_group_id_sim_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."sim_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "client_rotations_tenant_idx" ON "client_rotations" USING btree ("tenant_id","id");--> statement-breakpoint
CREATE INDEX "client_rotations_client_idx" ON "client_rotations" USING btree ("client_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "rotation_policies_tenant_name_key" ON "rotation_policies" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE INDEX "rotation_policies_group_idx" ON "rotation_policies" USING btree ("group_id");--> statement-breakpoint
ALTER TABLE "sim_groups" DROP COLUMN "rotation";