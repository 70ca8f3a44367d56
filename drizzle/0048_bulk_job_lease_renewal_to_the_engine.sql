ALTER TABLE "bulk_job_items" DROP COLUMN "renewed_at";--> statement-breakpoint
-- Items of jobs still running when this migration runs become work items of the engine for
-- claimed work (decision 0020), so the jobs finish after the upgrade.
INSERT INTO "work_items" ("owner", "kind", "object", "tenant_id", "key", "payload", "max_attempts")
SELECT 'bulk-jobs', 'bulk_jobs.item',
       CASE WHEN i."client_id" IS NOT NULL THEN 'client:' || i."client_id" ELSE 'card:' || i."bank_id" || '/' || i."slot_id" END,
       j."tenant_id", 'job:' || i."job_id" || '/' || i."seq",
       jsonb_build_object('job_id', i."job_id", 'seq', i."seq"), 3
  FROM "bulk_job_items" i JOIN "bulk_jobs" j ON j."id" = i."job_id"
 WHERE j."state" = 'running' AND i."state" IN ('pending', 'running')
 ORDER BY i."job_id", i."seq"
ON CONFLICT ("kind", "key") DO NOTHING;
