/**
 * Passwords a person changes themselves (the current one required; their other sessions end)
 * and one-time reset links the secretary issues (stored as SHA-256, single use, expiring; every
 * session of the person ends when the link is used). All of it audited.
 */
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../db';
import { newId } from '../db/ids';
import { passwordResets, roleAssignments, users } from '../db/schema';
import { hashPassword, verifyPassword } from '../auth/password';
import {
	clearAccountFailures,
	limitsFromEnv,
	recordSignInFailure,
	signInWait
} from '../auth/rate-limit';
import { generateToken, hashToken } from '../auth/session';
import { AppError, forbidden, notFound } from '../errors';
import { audit, committeeChain } from '../platform/audit';
import { can, type Actor } from '../../shared/permissions';
import { endOtherSessions } from './sessions';
import { tooManyAttempts } from './accounts';

/** How long a reset link stays good. */
export const RESET_TTL_MS = 24 * 3600_000;

/**
 * Change the person's password. A wrong current password counts as a failed sign-in from this
 * address (a stolen session must not become a password-guessing oracle). Every other session
 * ends; `keepSessionId` (the one asking, if any) stays signed in.
 */
export async function changePassword(
	db: Db,
	userId: string,
	input: { currentPassword: string; newPassword: string },
	ctx: { keepSessionId: string | null; address: string }
): Promise<{ endedSessions: number }> {
	const user = db.select().from(users).where(eq(users.id, userId)).get();
	if (!user) throw notFound();
	const wait = signInWait(db, ctx.address, user.login);
	if (wait > 0) throw tooManyAttempts(wait);
	if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
		recordSignInFailure(db, ctx.address, user.login, limitsFromEnv());
		throw new AppError(422, 'err.validation', { currentPassword: ['err.account.wrongPassword'] });
	}
	if (input.newPassword === input.currentPassword)
		throw new AppError(422, 'err.validation', { newPassword: ['err.account.samePassword'] });
	const passwordHash = await hashPassword(input.newPassword);
	const endedSessions = db.transaction(
		(tx) => {
			tx.update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
			audit(tx, userId, 'auth.passwordChange', `user:${userId}`);
			return endOtherSessions(tx, userId, ctx.keepSessionId);
		},
		{ behavior: 'immediate' }
	);
	return { endedSessions };
}

/**
 * The secretary issues a one-time link for a person of the committee. Only someone who is the
 * secretary of every committee the person belongs to may: otherwise the secretary of one
 * committee could take over an account another committee relies on. Earlier unused links of
 * the person stop working.
 */
export function issuePasswordReset(
	db: Db,
	actor: Actor,
	committeeId: string,
	userId: string,
	now = Date.now()
): { id: string; token: string; expiresAt: Date } {
	if (!can(actor, 'account.resetPassword', { committeeId })) throw forbidden();
	const committees = new Set(
		db
			.select({ committeeId: roleAssignments.committeeId })
			.from(roleAssignments)
			.where(eq(roleAssignments.userId, userId))
			.all()
			.map((r) => r.committeeId)
	);
	if (!committees.has(committeeId)) throw notFound();
	for (const c of committees)
		if (!can(actor, 'account.resetPassword', { committeeId: c })) throw forbidden();
	const token = generateToken();
	const id = newId();
	const expiresAt = new Date(now + RESET_TTL_MS);
	db.transaction(
		(tx) => {
			tx.update(passwordResets)
				.set({ expiresAt: new Date(now) })
				.where(
					and(
						eq(passwordResets.userId, userId),
						isNull(passwordResets.usedAt),
						gt(passwordResets.expiresAt, new Date(now))
					)
				)
				.run();
			tx.insert(passwordResets)
				.values({
					id,
					userId,
					tokenHash: hashToken(token),
					createdBy: actor.userId,
					createdAt: new Date(now),
					expiresAt
				})
				.run();
			audit(
				tx,
				actor.userId,
				'auth.passwordResetIssued',
				`user:${userId}`,
				{ reset: id, expiresAt: expiresAt.toISOString() },
				committeeChain(committeeId)
			);
		},
		{ behavior: 'immediate' }
	);
	return { id, token, expiresAt };
}

function openReset(db: Db, token: string, now: number) {
	if (!/^[a-z2-7]{32}$/.test(token)) return undefined;
	return db
		.select({ reset: passwordResets, login: users.login, displayName: users.displayName })
		.from(passwordResets)
		.innerJoin(users, eq(users.id, passwordResets.userId))
		.where(
			and(
				eq(passwordResets.tokenHash, hashToken(token)),
				isNull(passwordResets.usedAt),
				gt(passwordResets.expiresAt, new Date(now))
			)
		)
		.get();
}

/** Whose account a reset link is for, while it is still good (undefined when not). */
export function resetLinkFor(db: Db, token: string, now = Date.now()) {
	const r = openReset(db, token, now);
	return r && { login: r.login, displayName: r.displayName, expiresAt: r.reset.expiresAt };
}

/** Use a reset link: the new password is set, the link is spent, every session of the person ends. */
export async function resetPassword(
	db: Db,
	token: string,
	newPassword: string,
	now = Date.now()
): Promise<{ userId: string }> {
	const found = openReset(db, token, now);
	if (!found) throw new AppError(404, 'err.account.resetInvalid');
	const passwordHash = await hashPassword(newPassword);
	return db.transaction(
		(tx) => {
			// Spent here, on the condition that it still was good: two uses at once, one wins.
			const spent = tx
				.update(passwordResets)
				.set({ usedAt: new Date(now) })
				.where(
					and(
						eq(passwordResets.id, found.reset.id),
						isNull(passwordResets.usedAt),
						gt(passwordResets.expiresAt, new Date(now))
					)
				)
				.run();
			if (spent.changes !== 1) throw new AppError(404, 'err.account.resetInvalid');
			const userId = found.reset.userId;
			tx.update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
			clearAccountFailures(tx, found.login);
			audit(tx, userId, 'auth.passwordReset', `user:${userId}`, { reset: found.reset.id });
			endOtherSessions(tx, userId, null);
			return { userId };
		},
		{ behavior: 'immediate' }
	);
}
