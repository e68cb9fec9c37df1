import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { openDb } from '../db';
import { sessions, users } from '../db/schema';
import { createSession, generateToken, validateSessionToken } from '../auth/session';
import { setHub } from '../platform/hub';
import { AppError } from '../errors';
import { describeAgent, endSession, listSessions, sessionHandle, signOutOthers } from './sessions';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yiting-sessions-'));
const db = openDb(path.join(dir, 'yiting.db'));
const revoked: string[] = [];
beforeAll(() => {
	setHub({
		emit() {},
		sessionRevoked: (id) => void revoked.push(id),
		userRevoked() {},
		tokenRevoked() {},
		changeDoc() {},
		docAccessChanged() {}
	});
	for (const login of ['ana', 'bo'])
		db.insert(users)
			.values({ id: login, login, displayName: login, passwordHash: 'x', createdAt: new Date() })
			.run();
});
afterAll(() => {
	setHub(undefined);
	db.$client.close();
	fs.rmSync(dir, { recursive: true, force: true });
});

const PHONE =
	'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36';
const WECHAT =
	'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 MicroMessenger/8.0.50';

function open(userId: string, userAgent: string | null, address: string, at = Date.now()) {
	const token = generateToken();
	return { token, id: createSession(db, token, userId, at, { userAgent, address }).id };
}

describe("a person's sessions", () => {
	it('lists their own live sessions, the current one first and marked, with device and address', () => {
		const a = open('ana', PHONE, '198.51.100.1', Date.now() - 3600_000);
		const b = open('ana', WECHAT, '198.51.100.2');
		open('bo', PHONE, '198.51.100.3');
		const list = listSessions(db, 'ana', a.id);
		expect(list.map((s) => s.id)).toEqual([sessionHandle(a.id), sessionHandle(b.id)]);
		expect(list[0]).toMatchObject({
			current: true,
			device: 'Chrome · Android',
			address: '198.51.100.1'
		});
		expect(list[1]).toMatchObject({ current: false, device: 'WeChat · iOS' });
		// The stored key (the token's hash) never leaves the server.
		expect(JSON.stringify(list)).not.toContain(a.id);
	});

	it('records "last seen" when pages ask, not on realtime handshakes', () => {
		const old = Date.now() - 10 * 60_000;
		const s = open('bo', PHONE, '198.51.100.4', old);
		const seen = () => db.select().from(sessions).where(eq(sessions.id, s.id)).get()!.lastSeenAt;
		validateSessionToken(db, s.token, Date.now(), false);
		expect(seen()!.getTime()).toBe(old);
		validateSessionToken(db, s.token, Date.now(), true);
		expect(seen()!.getTime()).toBeGreaterThan(old);
	});

	it('ends one session by its handle, and never someone else’s', () => {
		const mine = open('ana', PHONE, '198.51.100.5');
		const theirs = open('bo', PHONE, '198.51.100.6');
		expect(() => endSession(db, 'ana', sessionHandle(theirs.id))).toThrow(AppError);
		endSession(db, 'ana', sessionHandle(mine.id));
		expect(revoked).toContain(mine.id);
		expect(validateSessionToken(db, mine.token)).toBeNull();
		expect(validateSessionToken(db, theirs.token)).not.toBeNull();
	});

	it('ends every other session at once, keeping the current one', () => {
		const keep = open('ana', PHONE, '198.51.100.7');
		const ended = signOutOthers(db, 'ana', keep.id);
		expect(ended).toBeGreaterThan(0);
		expect(listSessions(db, 'ana', keep.id).map((s) => s.current)).toEqual([true]);
		expect(listSessions(db, 'bo', null).length).toBeGreaterThan(0);
	});

	it('reads a user agent into words a person recognises', () => {
		expect(describeAgent(PHONE)).toBe('Chrome · Android');
		expect(describeAgent(WECHAT)).toBe('WeChat · iOS');
		expect(describeAgent('curl/8.5.0')).toBe('API');
		expect(describeAgent(null)).toBeNull();
	});
});
