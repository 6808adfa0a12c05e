ALTER TABLE "domains" ADD COLUMN "checking_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "scans" ADD COLUMN "heartbeat_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "scans" ADD COLUMN "guard_tripped" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "scans_one_active_scheduled" ON "scans" USING btree ("kind") WHERE "scans"."kind" = 'scheduled' and "scans"."state" in ('queued', 'running');