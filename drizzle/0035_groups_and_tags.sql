CREATE TABLE "card_tags" (
	"bank_id" integer NOT NULL,
	"slot_id" integer NOT NULL,
	"tag" text NOT NULL,
	"tenant_id" integer NOT NULL,
	CONSTRAINT "card_tags_bank_id_slot_id_tag_pk" PRIMARY KEY("bank_id","slot_id","tag"),
	CONSTRAINT "card_tags_tag" CHECK ("card_tags"."tag" ~ '^[A-Za-z0-9][A-Za-z0-9._:/-]{0,62}$')
);
--> statement-breakpoint
CREATE TABLE "client_tags" (
	"tenant_id" integer NOT NULL,
	"client_id" text NOT NULL,
	"tag" text NOT NULL,
	CONSTRAINT "client_tags_tenant_id_client_id_tag_pk" PRIMARY KEY("tenant_id","client_id","tag"),
	CONSTRAINT "client_tags_tag" CHECK ("client_tags"."tag" ~ '^[A-Za-z0-9][A-Za-z0-9._:/-]{0,62}$')
);
--> statement-breakpoint
CREATE TABLE "group_members" (
	"group_id" integer NOT NULL,
	"bank_id" integer NOT NULL,
	"slot_id" integer NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "group_members_group_id_bank_id_slot_id_pk" PRIMARY KEY("group_id","bank_id","slot_id")
);
--> statement-breakpoint
CREATE TABLE "sim_groups" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"filter" jsonb,
	"priority" integer DEFAULT 100 NOT NULL,
	"plan_id" integer,
	"assignment_policy_id" integer,
	"rotation" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sim_groups_kind" CHECK ("sim_groups"."kind" IN ('explicit', 'filter')),
	CONSTRAINT "sim_groups_filter" CHECK (("sim_groups"."kind" = 'filter') = ("sim_groups"."filter" IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE "usage_thresholds" DROP CONSTRAINT "usage_thresholds_target";--> statement-breakpoint
ALTER TABLE "usage_thresholds" ADD COLUMN "group_id" integer;--> statement-breakpoint
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_group_id_sim_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."sim_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sim_groups" ADD CONSTRAINT "sim_groups_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sim_groups" ADD CONSTRAINT "sim_groups_plan_id_sim_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."sim_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sim_groups" ADD CONSTRAINT "sim_groups_assignment_policy_id_assignment_policies_id_fk" FOREIGN KEY ("assignment_policy_id") REFERENCES "public"."assignment_policies"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "card_tags_tag_idx" ON "card_tags" USING btree ("tenant_id","tag");--> statement-breakpoint
CREATE INDEX "client_tags_tag_idx" ON "client_tags" USING btree ("tenant_id","tag");--> statement-breakpoint
CREATE INDEX "group_members_card_idx" ON "group_members" USING btree ("bank_id","slot_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sim_groups_tenant_name_key" ON "sim_groups" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE INDEX "sim_groups_plan_idx" ON "sim_groups" USING btree ("plan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "usage_thresholds_group_key" ON "usage_thresholds" USING btree ("group_id","percent","action") WHERE "usage_thresholds"."group_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "usage_thresholds" ADD CONSTRAINT "usage_thresholds_one_target" CHECK (("usage_thresholds"."plan_id" IS NOT NULL)::int + ("usage_thresholds"."bank_id" IS NOT NULL AND "usage_thresholds"."slot_id" IS NOT NULL)::int + ("usage_thresholds"."group_id" IS NOT NULL)::int = 1);