/** Personal API tokens: created in settings, shown once, stored hashed, revocable. */
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db';
import { newId } from '../db/ids';
import { apiTokens } from '../db/schema';
import { generateToken, hashToken } from '../auth/session';
import { AppError } from '../errors';
import { audit } from '../platform/audit';
import { getHub } from '../platform/hub';

const MAX_TOKENS = 20;

export function createApiToken(db: Db, userId: string, name: string) {
	const token = `yt_${generateToken()}`;
	const id = newId();
	db.transaction(
		(tx) => {
			const live = tx
				.select({ id: apiTokens.id })
				.from(apiTokens)
				.where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
				.all();
			if (live.length >= MAX_TOKENS) throw new AppError(409, 'err.tooManyTokens');
			tx.insert(apiTokens)
				.values({ id, userId, name, tokenHash: hashToken(token), createdAt: new Date() })
				.run();
			audit(tx, userId, 'token.create', `token:${id}`, { name });
		},
		{ behavior: 'immediate' }
	);
	return { id, name, token };
}

export function listApiTokens(db: Db, userId: string) {
	return db
		.select({
			id: apiTokens.id,
			name: apiTokens.name,
			createdAt: apiTokens.createdAt,
			lastUsedAt: apiTokens.lastUsedAt
		})
		.from(apiTokens)
		.where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
		.orderBy(desc(apiTokens.createdAt))
		.all();
}

export function revokeApiToken(db: Db, userId: string, id: string): void {
	const r = db
		.update(apiTokens)
		.set({ revokedAt: new Date() })
		.where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
		.run();
	if (r.changes === 0) throw new AppError(404, 'err.notFound');
	audit(db, userId, 'token.revoke', `token:${id}`);
	getHub().tokenRevoked(id);
}
