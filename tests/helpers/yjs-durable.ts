/** Helpers for tests that kill a real server process and look into its database. */
import Database from 'better-sqlite3';
import { generateToken, hashToken, SESSION_COOKIE } from '../../src/lib/server/auth/session';

/** A session written straight into a running server's database (quicker than an argon2 sign-in). */
export function sessionCookie(dbFile: string, login: string): string {
	const db = new Database(dbFile);
	try {
		db.pragma('busy_timeout = 5000');
		const token = generateToken();
		const now = Date.now();
		const user = db.prepare('select id from user where login = ?').get(login) as { id: string };
		db.prepare(
			'insert into session (id, user_id, created_at, expires_at, absolute_expires_at) values (?, ?, ?, ?, ?)'
		).run(hashToken(token), user.id, now, now + 86_400_000, now + 86_400_000);
		return `${SESSION_COOKIE}=${token}`;
	} finally {
		db.close();
	}
}
