DROP INDEX "client_stats_5m_bucket_idx";--> statement-breakpoint
DROP INDEX "client_stats_raw_ts_idx";--> statement-breakpoint
CREATE INDEX "client_stats_5m_bucket_brin" ON "client_stats_5m" USING brin ("bucket");--> statement-breakpoint
CREATE INDEX "client_stats_raw_ts_brin" ON "client_stats_raw" USING brin ("ts");