import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { demoDb, type TestDb } from '../seed/test-db';
import * as votes from '.';

// Codes the test lines up are drawn first; otherwise (the demo seed's ballots) the real ones.
const draws = vi.hoisted(() => [] as string[]);
vi.mock('./receipt', async (original) => {
	const real = await original<typeof import('./receipt')>();
	return { ...real, trackingCode: () => draws.shift() ?? real.trackingCode() };
});

let t: TestDb;
beforeAll(async () => {
	t = await demoDb();
});
afterAll(() => t.close());

describe('tracking codes', () => {
	it('draws again when two ballots of one vote draw the same code', () => {
		const id = votes.createVote(t.db, t.actor('chair'), {
			title: '凭证码重复测试',
			committeeId: t.committeeId,
			method: 'yna',
			secret: true,
			trackingCodes: true,
			liveResults: false,
			electorate: 'members',
			closesAt: new Date(Date.now() + 3_600_000)
		});
		votes.openVote(t.db, t.actor('chair'), id);
		// The second voter's first draw clashes with the first voter's code.
		draws.push('SAME-CODE', 'SAME-CODE', 'NEXT-CODE');
		expect(votes.castBallot(t.db, t.actor('member1'), id, { choice: 'yes' }).trackingCode).toBe(
			'SAME-CODE'
		);
		expect(votes.castBallot(t.db, t.actor('member2'), id, { choice: 'no' }).trackingCode).toBe(
			'NEXT-CODE'
		);
		const codes = votes.closeVote(t.db, t.actor('chair'), id).ballots.map((b) => b.trackingCode);
		expect(codes.sort()).toEqual(['NEXT-CODE', 'SAME-CODE']);
	});
});
