/**
 * The storms benchmark's people, written into the running server's database from the outside
 * (a second SQLite connection; WAL lets it write while the server serves): distinct residents
 * of 滨河社区 — the community the demo public meeting admits — each with a session, and a
 * session for the demo chair. Sessions are made as sign-in makes them (createSession), without
 * a thousand argon2 checks.
 */
import { and, eq } from 'drizzle-orm';
import { openDb } from '../src/lib/server/db';
import { communities, meetings, users } from '../src/lib/server/db/schema';
import { createSession, generateToken, SESSION_COOKIE } from '../src/lib/server/auth/session';
import { makeBenchPeople } from './people';

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
		const people = makeBenchPeople(db, n, {
			prefix: 'storm-resident',
			role: 'resident',
			name: (i) => `居民${i + 1}`,
			committeeId: meeting.committeeId,
			passwordHash,
			communityId: () => binhe.id
		});
		const token = generateToken();
		createSession(db, token, login('chair').id);
		const chair = `${SESSION_COOKIE}=${token}`;
		return { meetingId: meeting.id, chair, people };
	} finally {
		db.$client.close();
	}
}
