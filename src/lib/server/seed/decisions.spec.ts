import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDb, type TestDb } from './test-db';
import { listMeetings } from '../meetings/meetings';
import { getNeed } from '../needs/queries';
import * as votes from '../votes';

let t: TestDb;
beforeAll(async () => {
	t = await demoDb();
});
afterAll(() => t.close());

describe("the demo's decisions", () => {
	it('has a closed public meeting whose named, secret and ranked votes became resolutions answering needs', () => {
		const chair = t.actor('chair');
		const meeting = listMeetings(t.db, chair, t.committeeId, { limit: 50 }).items.find(
			(m) => m.status === 'closed'
		)!;
		expect(meeting).toMatchObject({ visibility: 'public' });
		const held = votes.listMeetingVotes(t.db, chair, meeting.id);
		expect(held.map((v) => [v.method, v.secret, v.result?.outcome])).toEqual([
			['yna', false, 'adopted'],
			['yna', true, 'adopted'],
			['schulze', false, 'adopted']
		]);
		const ranked = held[2]!;
		expect(ranked.options.find((o) => o.id === ranked.result!.winner)?.label).toBe(
			'老年人免费体检上门'
		);
		expect(held[1]!.result!.named).toEqual([]);
		const resolutions = votes.listResolutions(t.db, t.actor('resident2'), {
			meetingId: meeting.id
		});
		expect(resolutions).toHaveLength(3);
		for (const r of resolutions) expect(r.needIds.length).toBeGreaterThan(0);
		const meals = resolutions.find((r) => r.voteId === held[0]!.id)!;
		expect(getNeed(t.db, chair, meals.needIds[0]!).title).toBe('希望开设老年助餐点');
		expect(meals.text).toContain('老年助餐点');
	});

	it("has an open poll some members answered, and a decided members' poll residents do not read", () => {
		const polls = votes.listPolls(t.db, t.actor('member1'));
		const open = polls.filter((p) => p.status === 'open');
		expect(open).toHaveLength(1);
		expect(open[0]!.counts.cast).toBe(3);
		expect(open[0]!.closesAt! - Date.now()).toBeGreaterThan(2 * 86_400_000);
		const seats = votes.mySeats(
			t.db,
			t.actor('member1'),
			votes.voteFor(t.db, t.actor('member1'), open[0]!.id)
		);
		expect(seats.map((s) => s.status)).toEqual(['waiting']);
		const decided = polls.find((p) => p.status === 'closed')!;
		expect(decided.result?.outcome).toBe('adopted');
		const everyone = votes.listResolutions(t.db, t.actor('member1'));
		const residents = votes.listResolutions(t.db, t.actor('resident2'));
		expect(everyone.map((r) => r.voteId)).toContain(decided.id);
		expect(residents.map((r) => r.voteId)).not.toContain(decided.id);
		expect(everyone.length - residents.length).toBe(1);
	});
});
