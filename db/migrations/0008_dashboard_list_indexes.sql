-- Keyset pages and searches of the staff outbox, the reset requests and the users lists (pg_trgm comes from 0004).
DROP INDEX "reset_attempts_at_idx";--> statement-breakpoint
DROP INDEX "users_role_idx";--> statement-breakpoint
CREATE INDEX "notifications_outbox_idx" ON "notifications" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "notifications"."channel" = 'email';--> statement-breakpoint
CREATE INDEX "notifications_outbox_state_idx" ON "notifications" USING btree ("state","created_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "notifications"."channel" = 'email';--> statement-breakpoint
CREATE INDEX "notifications_outbox_kind_idx" ON "notifications" USING btree ("kind","created_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "notifications"."channel" = 'email';--> statement-breakpoint
CREATE INDEX "notifications_address_trgm_idx" ON "notifications" USING gin ("address" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "reset_attempts_at_id_idx" ON "reset_attempts" USING btree ("at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "reset_attempts_outcome_at_idx" ON "reset_attempts" USING btree ("outcome","at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "reset_attempts_input_trgm_idx" ON "reset_attempts" USING gin ("input" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "users_created_idx" ON "users" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "users_role_created_idx" ON "users" USING btree ("role","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "users_totp_created_idx" ON "users" USING btree ("totp_enabled","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "users_name_trgm_idx" ON "users" USING gin ("name" gin_trgm_ops);