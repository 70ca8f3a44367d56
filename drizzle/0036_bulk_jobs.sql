CREATE TABLE "bulk_job_items" (
	"job_id" integer NOT NULL,
	"seq" integer NOT NULL,
	"bank_id" integer,
	"slot_id" integer,
	"client_id" text,
	"state" text DEFAULT 'pending' NOT NULL,
	"reason" text,
	"result" jsonb,
	"attempts" integer DEFAULT 0 NOT NULL,
	"claimed_by" text,
	"claimed_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "bulk_job_items_job_id_seq_pk" PRIMARY KEY("job_id","seq"),
	CONSTRAINT "bulk_job_items_state" CHECK ("bulk_job_items"."state" IN ('pending', 'running', 'done', 'skipped', 'failed', 'cancelled')),
	CONSTRAINT "bulk_job_items_target" CHECK (("bulk_job_items"."client_id" IS NOT NULL AND "bulk_job_items"."bank_id" IS NULL) OR ("bulk_job_items"."client_id" IS NULL AND "bulk_job_items"."bank_id" IS NOT NULL AND "bulk_job_items"."slot_id" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "bulk_jobs" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"action" text NOT NULL,
	"params" jsonb NOT NULL,
	"selector" jsonb NOT NULL,
	"target" text NOT NULL,
	"state" text DEFAULT 'running' NOT NULL,
	"batch_size" integer NOT NULL,
	"total" integer NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"skipped" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"cancelled" integer DEFAULT 0 NOT NULL,
	"created_by" text NOT NULL,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "bulk_jobs_state" CHECK ("bulk_jobs"."state" IN ('running', 'done', 'cancelled')),
	CONSTRAINT "bulk_jobs_target" CHECK ("bulk_jobs"."target" IN ('card', 'client')),
	CONSTRAINT "bulk_jobs_batch" CHECK ("bulk_jobs"."batch_size" BETWEEN 1 AND 1000)
);
--> statement-breakpoint
ALTER TABLE "bulk_job_items" ADD CONSTRAINT "bulk_job_items_job_id_bulk_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."bulk_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_jobs" ADD CONSTRAINT "bulk_jobs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bulk_job_items_state_idx" ON "bulk_job_items" USING btree ("job_id","state","seq");--> statement-breakpoint
CREATE INDEX "bulk_job_items_running_idx" ON "bulk_job_items" USING btree ("claimed_at") WHERE "bulk_job_items"."state" = 'running';--> statement-breakpoint
CREATE INDEX "bulk_jobs_tenant_idx" ON "bulk_jobs" USING btree ("tenant_id","id");--> statement-breakpoint
CREATE INDEX "bulk_jobs_running_idx" ON "bulk_jobs" USING btree ("id") WHERE "bulk_jobs"."state" = 'running';