CREATE TABLE "client_predictions" (
	"tenant_id" integer NOT NULL,
	"client_id" text NOT NULL,
	"bank_id" integer,
	"slot_id" integer,
	"model_version" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"probability" real NOT NULL,
	"confidence" real NOT NULL,
	"failure_predicted" boolean NOT NULL,
	"ttf_min" real,
	"predicted_failure_at" timestamp with time zone,
	"recommended_action" text NOT NULL,
	"features" jsonb NOT NULL,
	"warned_since" timestamp with time zone,
	CONSTRAINT "client_predictions_tenant_id_client_id_pk" PRIMARY KEY("tenant_id","client_id")
);
--> statement-breakpoint
CREATE TABLE "prediction_models" (
	"id" serial PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"algorithm" text NOT NULL,
	"horizon_min" integer NOT NULL,
	"threshold" real NOT NULL,
	"features" jsonb NOT NULL,
	"model" jsonb NOT NULL,
	"quality" jsonb NOT NULL,
	"training" jsonb NOT NULL,
	"active" boolean DEFAULT false NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "prediction_models_horizon" CHECK ("prediction_models"."horizon_min" BETWEEN 1 AND 1440 AND "prediction_models"."threshold" > 0 AND "prediction_models"."threshold" < 1)
);
--> statement-breakpoint
CREATE INDEX "client_predictions_risk_idx" ON "client_predictions" USING btree ("tenant_id","probability") WHERE "client_predictions"."failure_predicted";--> statement-breakpoint
CREATE INDEX "client_predictions_card_idx" ON "client_predictions" USING btree ("bank_id","slot_id");--> statement-breakpoint
CREATE UNIQUE INDEX "prediction_models_version_key" ON "prediction_models" USING btree ("version");--> statement-breakpoint
CREATE UNIQUE INDEX "prediction_models_one_active" ON "prediction_models" USING btree ("active") WHERE "prediction_models"."active";