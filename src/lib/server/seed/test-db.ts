/**
 * A database for the services' unit specs: a temporary file with the real migrations and the
 * demo committee, and a hub that records what would be pushed live instead of pushing it. No
 * server and no build, so the specs run in the `unit` project.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { openDb, type Db } from '../db';
import { committees, communities, roleAssignments, users } from '../db/schema';
import { loadActor } from '../auth/session';
import { changeStoredDoc } from '../docs/store';
import { setHub } from '../platform/hub';
import { seedDemo } from './index';
import type { Actor } from '../../shared/permissions';

/** One live message the services asked the hub to send. */
export interface Emitted {
	room: string;
	event: string;
	payload: unknown;
}

export interface TestDb {
	db: Db;
	committeeId: string;
	/** Everything emitted since the database was made (clear it with `emitted.length = 0`). */
	emitted: Emitted[];
	userId(login: string): string;
	/** The actor of a demo account (`admin`, `chair`, `member1`, `resident3`, …), roles as stored now. */
	actor(login: string): Actor;
	communityId(name: string): string;
	/** The unit of demo member `n` (1–8). */
	unitId(n: number): string;
	close(): void;
}

/** A fresh, migrated database holding the demo committee; the hub is this database's until `close()`. */
export async function demoDb(): Promise<TestDb> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yiting-unit-'));
	const db = openDb(path.join(dir, 'yiting.db'));
	const emitted: Emitted[] = [];
	setHub({
		emit: (room, event, ...args) => void emitted.push({ room, event, payload: args[0] }),
		sessionRevoked() {},
		userRevoked() {},
		tokenRevoked() {},
		// Shared documents change in this database, never in the process-wide one.
		changeDoc: (name, fn) => changeStoredDoc(db, name, fn),
		docAccessChanged() {}
	});
	await seedDemo(db);
	const userId = (login: string) => {
		const u = db.select({ id: users.id }).from(users).where(eq(users.login, login)).get();
		if (!u) throw new Error(`no demo user ${login}`);
		return u.id;
	};
	return {
		db,
		committeeId: db.select().from(committees).get()!.id,
		emitted,
		userId,
		actor: (login) => loadActor(db, userId(login)),
		communityId(name) {
			return db.select().from(communities).where(eq(communities.name, name)).get()!.id;
		},
		unitId(n) {
			const role = db
				.select()
				.from(roleAssignments)
				.where(eq(roleAssignments.userId, userId(`member${n}`)))
				.get();
			return role!.unitId!;
		},
		close() {
			setHub(undefined);
			db.$client.close();
			fs.rmSync(dir, { recursive: true, force: true });
		}
	};
}
