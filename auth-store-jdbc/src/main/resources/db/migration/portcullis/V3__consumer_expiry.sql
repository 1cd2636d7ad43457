-- Public-app consumers expire (Consumer.expiresAt, epoch millis; NULL: never) and are purged by
-- maintenance, off the request path.
ALTER TABLE ${prefix}consumers ADD COLUMN expires_at BIGINT;
CREATE INDEX ${prefix}consumers_expiry ON ${prefix}consumers (expires_at);
