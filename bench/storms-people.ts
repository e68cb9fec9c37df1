/**
 * The storms benchmark's people, written into the running server's database from the outside
 * (a second SQLite connection; WAL lets it write while the server serves): distinct residents
 * of 滨河社区 — the community the demo public meeting admits — each with a session, and a
 * session for the demo chair. Sessions are made as sign-in makes them (createSession), without
 * a thousand argon2 checks.
 */
import { and, eq } from 'drizzle-orm';
import { openDb } from '../src/lib/server/db';
import { newId } from '../src/lib/server/db/ids';
import { communities, meetings, roleAssignments, users } from '../src/lib/server/db/schema';
import { createSession, generateToken, SESSION_COOKIE } from '../src/lib/server/auth/session';

export interface StormPeople {
	meetingId: string;
	/** Cookie header values. */
	chair: string;
	people: string[];
}

export function makePeople(dbFile: string, n: number): StormPeople {
	const db = openDb(dbFile);
	try {
		const meeting = db
			.select()
			.from(meetings)
			.where(and(eq(meetings.visibility, 'public'), eq(meetings.status, 'scheduled')))
			.get();
		if (!meeting) throw new Error('the demo public meeting still to come is missing');
		const binhe = db
			.select()
			.from(communities)
			.where(
				and(eq(communities.committeeId, meeting.committeeId), eq(communities.name, '滨河社区'))
			)
			.get();
		if (!binhe) throw new Error('the demo community 滨河社区 is missing');
		const login = (l: string) => db.select().from(users).where(eq(users.login, l)).get()!;
		const passwordHash = login('resident1').passwordHash;
		const cookie = (userId: string, tx: typeof db) => {
			const token = generateToken();
			createSession(tx, token, userId);
			return `${SESSION_COOKIE}=${token}`;
		};
		const people: string[] = [];
		const now = new Date();
		db.transaction(
			(tx) => {
				for (let i = 0; i < n; i++) {
					const id = newId();
					tx.insert(users)
						.values({
							id,
							login: `storm-resident${i + 1}`,
							displayName: `居民${i + 1}`,
							passwordHash,
							createdAt: now
						})
						.run();
					tx.insert(roleAssignments)
						.values({
							id: newId(),
							userId: id,
							committeeId: meeting.committeeId,
							role: 'resident',
							communityId: binhe.id,
							createdAt: now
						})
						.run();
					people.push(cookie(id, tx as unknown as typeof db));
				}
			},
			{ behavior: 'immediate' }
		);
		return { meetingId: meeting.id, chair: cookie(login('chair').id, db), people };
	} finally {
		db.$client.close();
	}
}
