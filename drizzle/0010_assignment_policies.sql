CREATE TABLE "assignment_policies" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"name" text NOT NULL,
	"priority" integer DEFAULT 100 NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"conditions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"action" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "service_profiles" ADD COLUMN "policy_id" integer;--> statement-breakpoint
ALTER TABLE "assignment_policies" ADD CONSTRAINT "assignment_policies_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "assignment_policies_tenant_name_key" ON "assignment_policies" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE INDEX "assignment_policies_tenant_idx" ON "assignment_policies" USING btree ("tenant_id","priority");