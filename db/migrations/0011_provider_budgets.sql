CREATE TABLE "provider_budgets" (
	"host" text PRIMARY KEY NOT NULL,
	"ceiling" double precision NOT NULL,
	"rate" double precision NOT NULL,
	"rate_at_ms" double precision NOT NULL,
	"next_slot_ms" double precision NOT NULL,
	"paused_until_ms" double precision NOT NULL
);
