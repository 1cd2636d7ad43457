-- Failed-attempt counters of the AttemptLimiter: one row per (scope, realm, identifier, address)
-- counter, keyed by the SHA-256 of that tuple (bounded length whatever the client sends), alive
-- until expires_at (epoch milliseconds); the purge removes the rest.
CREATE TABLE ${prefix}attempt_counters (
  counter_key VARCHAR(64) PRIMARY KEY,
  failures INTEGER NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX ${prefix}attempt_counters_expiry ON ${prefix}attempt_counters (expires_at);
