-- Trigram search over addresses and usernames on the staff dashboard (pg_trgm ships with PostgreSQL contrib).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX "audit_actor_label_idx" ON "audit_log" USING btree ("actor_label","at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "emails_address_trgm_idx" ON "emails" USING gin ("address" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "flags_state_stage_created_idx" ON "flags" USING btree ("state","stage","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "flags_stage_created_idx" ON "flags" USING btree ("stage","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "flags_domain_created_idx" ON "flags" USING btree ("domain_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "flags_resolved_idx" ON "flags" USING btree ("resolved_at") WHERE "flags"."resolved_at" is not null;--> statement-breakpoint
CREATE INDEX "users_username_trgm_idx" ON "users" USING gin ("username" gin_trgm_ops);