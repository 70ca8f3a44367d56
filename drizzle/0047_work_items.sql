CREATE TABLE "work_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"item_id" bigint NOT NULL,
	"attempt" integer NOT NULL,
	"claimed_by" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	"outcome" text DEFAULT 'running' NOT NULL,
	"detail" jsonb,
	"error" text,
	CONSTRAINT "work_attempts_outcome" CHECK ("work_attempts"."outcome" IN ('running', 'done', 'failed', 'retry', 'escalated', 'lost'))
);
--> statement-breakpoint
CREATE TABLE "work_items" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"owner" text NOT NULL,
	"kind" text NOT NULL,
	"object" text NOT NULL,
	"tenant_id" integer,
	"key" text,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer NOT NULL,
	"next_at" timestamp with time zone DEFAULT now() NOT NULL,
	"claimed_by" text,
	"claim_token" uuid,
	"lease_until" timestamp with time zone,
	"result" jsonb,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "work_items_state" CHECK ("work_items"."state" IN ('pending', 'claimed', 'done', 'failed', 'escalated')),
	CONSTRAINT "work_items_claim" CHECK (("work_items"."state" = 'claimed') = ("work_items"."claim_token" IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE "work_attempts" ADD CONSTRAINT "work_attempts_item_id_work_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."work_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "work_attempts_item" ON "work_attempts" USING btree ("item_id","attempt");--> statement-breakpoint
CREATE UNIQUE INDEX "work_items_kind_key" ON "work_items" USING btree ("kind","key");--> statement-breakpoint
CREATE INDEX "work_items_open" ON "work_items" USING btree ("kind","next_at") WHERE state IN ('pending', 'claimed');--> statement-breakpoint
CREATE INDEX "work_items_object" ON "work_items" USING btree ("object","id");--> statement-breakpoint
CREATE INDEX "work_items_finished" ON "work_items" USING btree ("finished_at") WHERE finished_at IS NOT NULL;