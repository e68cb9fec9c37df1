import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { demoDb, type TestDb } from '../seed/test-db';
import { auditLog, passwordResets, sessions, users } from '../db/schema';
import { verifyPassword } from '../auth/password';
import { createSession, generateToken, hashToken } from '../auth/session';
import { signInWait } from '../auth/rate-limit';
import { AppError } from '../errors';
import {
	changePassword,
	issuePasswordReset,
	resetLinkFor,
	resetPassword,
	RESET_TTL_MS
} from './passwords';

let t: TestDb;
beforeAll(async () => {
	t = await demoDb();
});
afterAll(() => t.close());

const hashOf = (login: string) =>
	t.db.select().from(users).where(eq(users.login, login)).get()!.passwordHash;
const sessionIds = (login: string) =>
	t.db
		.select({ id: sessions.id })
		.from(sessions)
		.where(eq(sessions.userId, t.userId(login)))
		.all()
		.map((s) => s.id);
const audited = (action: string, target: string) =>
	t.db
		.select()
		.from(auditLog)
		.where(and(eq(auditLog.action, action), eq(auditLog.target, target)))
		.all();
function open(login: string): string {
	const token = generateToken();
	return createSession(t.db, token, t.userId(login)).id;
}
async function refusal(p: Promise<unknown> | (() => unknown)): Promise<AppError> {
	try {
		await (typeof p === 'function' ? p() : p);
	} catch (err) {
		if (err instanceof AppError) return err;
		throw err;
	}
	throw new Error('expected a refusal');
}

describe('changing one’s own password', () => {
	it('needs the current password; a wrong one counts as a failed sign-in from that address', async () => {
		const id = t.userId('member2');
		for (let i = 0; i < 5; i++) {
			const err = await refusal(
				changePassword(
					t.db,
					id,
					{ currentPassword: `wrong-${i}`, newPassword: 'a-new-password' },
					{ keepSessionId: null, address: '198.51.100.20' }
				)
			);
			expect(err.status).toBe(422);
			expect(err.fields.currentPassword).toEqual(['err.account.wrongPassword']);
		}
		expect(signInWait(t.db, '198.51.100.20', 'member2')).toBeGreaterThan(0);
		const err = await refusal(
			changePassword(
				t.db,
				id,
				{ currentPassword: 'yiting-demo', newPassword: 'a-new-password' },
				{ keepSessionId: null, address: '198.51.100.20' }
			)
		);
		expect(err.status).toBe(429);
		expect(await verifyPassword(hashOf('member2'), 'yiting-demo')).toBe(true);
	});

	it('sets the new password and ends every other session, keeping the one asking', async () => {
		const here = open('member3');
		const elsewhere = [open('member3'), open('member3')];
		const someoneElse = open('member4');
		const r = await changePassword(
			t.db,
			t.userId('member3'),
			{ currentPassword: 'yiting-demo', newPassword: 'a-new-password' },
			{ keepSessionId: here, address: '198.51.100.21' }
		);
		expect(r.endedSessions).toBe(2);
		expect(sessionIds('member3')).toEqual([here]);
		for (const id of elsewhere) expect(sessionIds('member3')).not.toContain(id);
		expect(sessionIds('member4')).toContain(someoneElse);
		expect(await verifyPassword(hashOf('member3'), 'a-new-password')).toBe(true);
		expect(await verifyPassword(hashOf('member3'), 'yiting-demo')).toBe(false);
		expect(audited('auth.passwordChange', `user:${t.userId('member3')}`)).toHaveLength(1);
	});

	it('refuses a new password equal to the current one', async () => {
		const err = await refusal(
			changePassword(
				t.db,
				t.userId('member5'),
				{ currentPassword: 'yiting-demo', newPassword: 'yiting-demo' },
				{ keepSessionId: null, address: '198.51.100.22' }
			)
		);
		expect(err.fields.newPassword).toEqual(['err.account.samePassword']);
	});
});

describe('password-reset links', () => {
	it('only the secretary issues them, and only for people of the committee', async () => {
		const member = t.userId('member6');
		expect(
			(await refusal(() => issuePasswordReset(t.db, t.actor('chair'), t.committeeId, member)))
				.status
		).toBe(403);
		expect(
			(await refusal(() => issuePasswordReset(t.db, t.actor('member1'), t.committeeId, member)))
				.status
		).toBe(403);
		expect(
			(
				await refusal(() =>
					issuePasswordReset(t.db, t.actor('admin'), t.committeeId, 'no-such-person')
				)
			).status
		).toBe(404);
	});

	it('a link is stored hashed, works once, and ends every session of the person', async () => {
		const member = t.userId('member6');
		const sessionsBefore = [open('member6'), open('member6')];
		const link = issuePasswordReset(t.db, t.actor('admin'), t.committeeId, member);
		const row = t.db.select().from(passwordResets).where(eq(passwordResets.id, link.id)).get()!;
		expect(row.tokenHash).toBe(hashToken(link.token));
		expect(JSON.stringify(row)).not.toContain(link.token);
		expect(resetLinkFor(t.db, link.token)).toMatchObject({ login: 'member6' });
		expect(audited('auth.passwordResetIssued', `user:${member}`)).toHaveLength(1);

		await resetPassword(t.db, link.token, 'set-by-member6');
		expect(await verifyPassword(hashOf('member6'), 'set-by-member6')).toBe(true);
		for (const id of sessionsBefore) expect(sessionIds('member6')).not.toContain(id);
		expect(audited('auth.passwordReset', `user:${member}`)).toHaveLength(1);

		expect(resetLinkFor(t.db, link.token)).toBeUndefined();
		const again = await refusal(resetPassword(t.db, link.token, 'another-password'));
		expect(again.key).toBe('err.account.resetInvalid');
		expect(await verifyPassword(hashOf('member6'), 'set-by-member6')).toBe(true);
	});

	it('a link expires, and a newer link replaces an older one', async () => {
		const member = t.userId('member7');
		const old = issuePasswordReset(t.db, t.actor('admin'), t.committeeId, member);
		const newer = issuePasswordReset(t.db, t.actor('admin'), t.committeeId, member);
		expect(resetLinkFor(t.db, old.token)).toBeUndefined();
		expect(resetLinkFor(t.db, newer.token)).toBeDefined();
		const late = Date.now() + RESET_TTL_MS + 1;
		expect(resetLinkFor(t.db, newer.token, late)).toBeUndefined();
		expect((await refusal(resetPassword(t.db, newer.token, 'too-late-now', late))).status).toBe(
			404
		);
		expect(await verifyPassword(hashOf('member7'), 'yiting-demo')).toBe(true);
	});

	it('two uses at once: exactly one sets the password', async () => {
		const link = issuePasswordReset(t.db, t.actor('admin'), t.committeeId, t.userId('member8'));
		const results = await Promise.allSettled([
			resetPassword(t.db, link.token, 'first-password'),
			resetPassword(t.db, link.token, 'second-password')
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
	});
});
