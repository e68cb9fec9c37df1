import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const users = sqliteTable(
	'user',
	{
		id: text('id').primaryKey(),
		login: text('login').notNull().unique(),
		displayName: text('display_name').notNull(),
		passwordHash: text('password_hash').notNull(),
		locale: text('locale').notNull().default('zh-CN'),
		elderMode: integer('elder_mode', { mode: 'boolean' }).notNull().default(false),
		disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	() => [check('user_locale', sql.raw(`locale in ('zh-CN', 'en')`))]
);
export type User = typeof users.$inferSelect;

/** Sessions as in the Lucia guide: the id is the SHA-256 of the cookie token, never the token. */
export const sessions = sqliteTable(
	'session',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
		absoluteExpiresAt: integer('absolute_expires_at', { mode: 'timestamp_ms' }).notNull(),
		// What the person sees in their list of sessions, to recognise a device they do not know.
		userAgent: text('user_agent'),
		address: text('address'),
		lastSeenAt: integer('last_seen_at', { mode: 'timestamp_ms' })
	},
	(t) => [index('session_user').on(t.userId)]
);
export type Session = typeof sessions.$inferSelect;

/** Personal API tokens for integrations: shown once, stored as SHA-256, revocable. */
export const apiTokens = sqliteTable(
	'api_token',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		tokenHash: text('token_hash').notNull().unique(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		lastUsedAt: integer('last_used_at', { mode: 'timestamp_ms' }),
		revokedAt: integer('revoked_at', { mode: 'timestamp_ms' })
	},
	(t) => [index('api_token_user').on(t.userId)]
);
export type ApiToken = typeof apiTokens.$inferSelect;

/** Responses remembered for `Idempotency-Key` retries of creating API requests. */
export const idempotencyKeys = sqliteTable('idempotency_key', {
	id: text('id').primaryKey(), // `${userId}:${key}`
	requestHash: text('request_hash').notNull(),
	status: integer('status'),
	body: text('body'),
	createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
});

/**
 * One-time password-reset links the secretary issues: only the SHA-256 of the token is kept;
 * a link is used at most once and expires.
 */
export const passwordResets = sqliteTable(
	'password_reset',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		tokenHash: text('token_hash').notNull().unique(),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
		usedAt: integer('used_at', { mode: 'timestamp_ms' })
	},
	(t) => [index('password_reset_user').on(t.userId)]
);
export type PasswordReset = typeof passwordResets.$inferSelect;

/**
 * Failed sign-ins, per (address, account) pair and per address: kept in the database so that
 * a restart (or a crash the guesser provokes) gives no fresh budget of guesses.
 */
export const signInThrottle = sqliteTable(
	'sign_in_throttle',
	{
		key: text('key').primaryKey(),
		failures: integer('failures').notNull(),
		firstAt: integer('first_at', { mode: 'timestamp_ms' }).notNull(),
		lastAt: integer('last_at', { mode: 'timestamp_ms' }).notNull(),
		blockedUntil: integer('blocked_until', { mode: 'timestamp_ms' })
	},
	(t) => [index('sign_in_throttle_last').on(t.lastAt)]
);
