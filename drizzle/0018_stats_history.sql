CREATE TABLE "client_stats_5m" (
	"tenant_id" integer NOT NULL,
	"client_id" text NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"samples" smallint NOT NULL,
	"rssi" real,
	"rsrp" real,
	"rsrq" real,
	"sinr" real,
	"rsrp_min" real,
	"tpdu_count" bigint,
	"tpdu_errors" bigint,
	"tx_bytes" bigint,
	"rx_bytes" bigint,
	CONSTRAINT "client_stats_5m_tenant_id_client_id_bucket_pk" PRIMARY KEY("tenant_id","client_id","bucket")
);
--> statement-breakpoint
CREATE TABLE "client_stats_raw" (
	"tenant_id" integer NOT NULL,
	"client_id" text NOT NULL,
	"ts" timestamp with time zone DEFAULT now() NOT NULL,
	"rssi" real,
	"rsrp" real,
	"rsrq" real,
	"sinr" real,
	"tpdu_count" bigint,
	"tpdu_errors" bigint,
	"tx_bytes" bigint,
	"rx_bytes" bigint
);
--> statement-breakpoint
CREATE TABLE "fleet_stats_5m" (
	"tenant_id" integer NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"clients" integer NOT NULL,
	"samples" integer NOT NULL,
	"rssi" real,
	"rsrp" real,
	"rsrq" real,
	"sinr" real,
	CONSTRAINT "fleet_stats_5m_tenant_id_bucket_pk" PRIMARY KEY("tenant_id","bucket")
);
--> statement-breakpoint
CREATE TABLE "stats_rollup_state" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"rolled_until" timestamp with time zone DEFAULT 'epoch' NOT NULL,
	"last_run_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "client_stats_5m_bucket_idx" ON "client_stats_5m" USING btree ("bucket");--> statement-breakpoint
CREATE INDEX "client_stats_raw_client_idx" ON "client_stats_raw" USING btree ("tenant_id","client_id","ts");--> statement-breakpoint
CREATE INDEX "client_stats_raw_ts_idx" ON "client_stats_raw" USING btree ("ts");