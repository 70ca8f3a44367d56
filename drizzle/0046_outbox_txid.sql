ALTER TABLE "events" ADD COLUMN "txid" bigint DEFAULT (pg_current_xact_id()::text::bigint) NOT NULL;--> statement-breakpoint
ALTER TABLE "healing_state" ADD COLUMN "last_txid" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rules_state" ADD COLUMN "last_txid" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox_cursors" ADD COLUMN "last_txid" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "events_txid_idx" ON "events" USING btree ("txid","id");--> statement-breakpoint
-- Every event written before this migration carries the migration's transaction id; a reader's
-- place becomes (that id, its last event id), so what it read stays read and what it did not is next.
UPDATE "healing_state" SET "last_txid" = (SELECT coalesce(max("txid"), 0) FROM "events");--> statement-breakpoint
UPDATE "rules_state" SET "last_txid" = (SELECT coalesce(max("txid"), 0) FROM "events");--> statement-breakpoint
UPDATE "outbox_cursors" SET "last_txid" = (SELECT coalesce(max("txid"), 0) FROM "events");
