import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { demoDb, type TestDb } from '../seed/test-db';
import { attendance, meetings } from '../db/schema';
import { flushStretches, stretchesWritten, writeStretch } from './stretch-batch';
import type { Participant } from '../../shared/hall';

let t: TestDb;
let meetingId: string;
beforeAll(async () => {
	t = await demoDb();
	meetingId = t.db.select().from(meetings).get()!.id;
});
afterAll(() => t.close());

const who = (login: string): Participant => ({
	userId: t.userId(login),
	name: login,
	role: 'member',
	unitName: '',
	checkedIn: false
});
const row = (login: string) =>
	t.db
		.select()
		.from(attendance)
		.where(and(eq(attendance.meetingId, meetingId), eq(attendance.userId, t.userId(login))))
		.get();

describe('stretches written in groups', () => {
	it('writes arrivals and departures that come together in one transaction, in order, answered after the commit', async () => {
		const commits = vi.spyOn(t.db, 'transaction');
		const told: string[] = [];
		const start = (login: string, at: number) =>
			writeStretch(
				t.db,
				{ kind: 'start', meetingId, participant: who(login), quorum: true, at },
				() => told.push(`in ${login}`)
			);
		const pending = [
			start('member1', 1_000),
			start('member2', 1_000),
			start('member3', 1_500),
			// member3 leaves again before anything was written: the record still has it exactly.
			writeStretch(t.db, { kind: 'end', meetingId, userId: t.userId('member3'), at: 1_800 }, () =>
				told.push('out member3')
			)
		];
		let answered = 0;
		for (const p of pending) void p.then(() => answered++);
		await Promise.resolve();
		// Nothing is written (or answered, or told) until the batch goes.
		expect(row('member1')).toBeUndefined();
		expect(answered).toBe(0);
		expect(told).toEqual([]);

		await Promise.all(pending);
		expect(commits).toHaveBeenCalledTimes(1);
		expect(told).toEqual(['in member1', 'in member2', 'in member3', 'out member3']);
		expect(row('member1')).toMatchObject({ presentMs: 0, countsForQuorum: true });
		expect(row('member1')!.presentSince!.getTime()).toBe(1_000);
		expect(row('member3')).toMatchObject({ presentMs: 300, presentSince: null });
		commits.mockRestore();
	});

	it('a reader flushes what waits at once; an answer that must follow earlier writes waits for them', async () => {
		const end = writeStretch(t.db, {
			kind: 'end',
			meetingId,
			userId: t.userId('member1'),
			at: 4_000
		});
		const after = stretchesWritten(t.db);
		flushStretches(t.db);
		expect(row('member1')).toMatchObject({ presentMs: 3_000, presentSince: null });
		await Promise.all([end, after]);
		// Nothing waiting: answered at once.
		await expect(stretchesWritten(t.db)).resolves.toBeUndefined();
	});

	it('a stretch still open goes on when the same person starts again (a restart, a second arrival)', async () => {
		await writeStretch(t.db, {
			kind: 'start',
			meetingId,
			participant: who('member2'),
			quorum: true,
			at: 9_000
		});
		expect(row('member2')!.presentSince!.getTime()).toBe(1_000);
	});
});
