-- Portcullis stores, version 1. Runs unchanged on PostgreSQL 15+ and H2 2.x: portable types only
-- (VARCHAR, BYTEA, BIGINT, BOOLEAN, INTEGER), instants as epoch milliseconds (no time zone to get
-- wrong), unquoted lower-case names. ${prefix} is the configured table prefix.

-- API tokens: hashes only. The owners table holds one row per account that a save locks
-- (SELECT ... FOR UPDATE), so that the count of live tokens and the insert are one step.
CREATE TABLE ${prefix}api_tokens (
  id VARCHAR(200) PRIMARY KEY,
  account VARCHAR(200) NOT NULL,
  name VARCHAR(1000) NOT NULL,
  permissions VARCHAR(10000) NOT NULL,
  hash BYTEA NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT,
  last_used_at BIGINT,
  revoked BOOLEAN NOT NULL
);
CREATE INDEX ${prefix}api_tokens_account ON ${prefix}api_tokens (account, created_at);
CREATE TABLE ${prefix}api_token_owners (
  account VARCHAR(200) PRIMARY KEY
);

-- Accounts, found by the SHA-256 of their own API token, and the API keys each owns.
CREATE TABLE ${prefix}accounts (
  id VARCHAR(200) PRIMARY KEY,
  token_hash BYTEA NOT NULL UNIQUE
);
CREATE TABLE ${prefix}account_api_keys (
  account VARCHAR(200) NOT NULL REFERENCES ${prefix}accounts (id) ON DELETE CASCADE,
  api_key VARCHAR(200) NOT NULL,
  PRIMARY KEY (account, api_key)
);

-- Applications (API keys).
CREATE TABLE ${prefix}applications (
  api_key VARCHAR(200) PRIMARY KEY,
  name VARCHAR(1000) NOT NULL,
  enabled BOOLEAN NOT NULL
);

-- Digest: HA1 per base algorithm (never a password) and the userhash of RFC 7616 section 3.4.4.
CREATE TABLE ${prefix}digest_credentials (
  realm VARCHAR(500) NOT NULL,
  username VARCHAR(500) NOT NULL,
  algorithm VARCHAR(20) NOT NULL,
  ha1 BYTEA NOT NULL,
  userhash VARCHAR(128) NOT NULL,
  PRIMARY KEY (realm, username, algorithm)
);
CREATE INDEX ${prefix}digest_userhash ON ${prefix}digest_credentials (userhash, realm, algorithm);

-- OAuth 1.0a consumers: the secret as sealed by the SecretProtector, the RSA key as X.509 DER.
CREATE TABLE ${prefix}consumers (
  consumer_key VARCHAR(200) PRIMARY KEY,
  secret BYTEA NOT NULL,
  rsa_key BYTEA,
  methods VARCHAR(200) NOT NULL,
  callbacks VARCHAR(10000) NOT NULL,
  display_name VARCHAR(1000) NOT NULL,
  enabled BOOLEAN NOT NULL
);

-- OAuth request and access tokens. A state change is one conditional UPDATE on
-- (token, state, verifier_failures).
CREATE TABLE ${prefix}oauth_tokens (
  token VARCHAR(200) PRIMARY KEY,
  secret BYTEA NOT NULL,
  kind VARCHAR(10) NOT NULL,
  consumer_key VARCHAR(200) NOT NULL,
  callback VARCHAR(4096),
  user_id VARCHAR(500),
  account VARCHAR(200),
  verifier_hash VARCHAR(100),
  created_at BIGINT NOT NULL,
  expires_at BIGINT,
  state VARCHAR(12) NOT NULL,
  verifier_failures INTEGER NOT NULL
);
CREATE INDEX ${prefix}oauth_tokens_user ON ${prefix}oauth_tokens (user_id, kind, created_at);
CREATE INDEX ${prefix}oauth_tokens_expiry ON ${prefix}oauth_tokens (expires_at);

-- Public apps (authorize_app flow).
CREATE TABLE ${prefix}public_apps (
  app_id VARCHAR(8) PRIMARY KEY,
  consumer_key VARCHAR(200) NOT NULL
);

-- Authorize-page users: PBKDF2 hashes in PasswordHash's encoding, never passwords.
CREATE TABLE ${prefix}users (
  username VARCHAR(500) PRIMARY KEY,
  user_id VARCHAR(500) NOT NULL,
  password_hash VARCHAR(500) NOT NULL
);

-- Replay guard: single-use keys (as the SHA-256 hex of the caller's key, so that a long client-chosen
-- nonce is one fixed-size row) until expires_at; Digest nc windows (high-water mark per nonce,
-- one row per count seen).
CREATE TABLE ${prefix}replay_keys (
  replay_key VARCHAR(64) PRIMARY KEY,
  expires_at BIGINT NOT NULL
);
CREATE INDEX ${prefix}replay_keys_expiry ON ${prefix}replay_keys (expires_at);
CREATE TABLE ${prefix}nc_windows (
  nonce_key VARCHAR(64) PRIMARY KEY,
  high BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX ${prefix}nc_windows_expiry ON ${prefix}nc_windows (expires_at);
CREATE TABLE ${prefix}nc_counts (
  nonce_key VARCHAR(64) NOT NULL,
  nc BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  PRIMARY KEY (nonce_key, nc)
);
CREATE INDEX ${prefix}nc_counts_expiry ON ${prefix}nc_counts (expires_at);
