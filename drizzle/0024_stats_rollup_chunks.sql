ALTER TABLE "stats_rollup_state" ADD COLUMN "range_to" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "stats_rollup_state" ADD COLUMN "cursor_client" text;--> statement-breakpoint
ALTER TABLE "stats_rollup_state" ADD COLUMN "cursor_tenant" integer;