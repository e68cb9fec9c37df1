import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { eq } from 'drizzle-orm';
import { auditLog, ballots, jobs, notifications, voteRoll } from '../db/schema';
import { AppError } from '../errors';
import { demoDb, type TestDb } from '../seed/test-db';
import { createMeeting } from '../meetings/meetings';
import { setVotePer } from '../org/org';
import { closeMeeting, startMeeting } from '../hall/session';
import { createScheduler } from '../platform/scheduler';
import { jobKinds } from '../jobs';
import { verifyAuditChains } from '../platform/audit';
import * as votes from '.';
import type { VoteInput } from '../../shared/schemas/votes';
import type { VoteView } from '../../shared/votes/view';

let t: TestDb;
let meetingId: string;
beforeAll(async () => {
	t = await demoDb();
	const start = new Date(Date.now() + 60_000);
	meetingId = createMeeting(t.db, t.actor('chair'), t.committeeId, {
		type: 'thematic',
		title: '表决测试会',
		startsAt: start,
		endsAt: new Date(start.getTime() + 3_600_000),
		place: '',
		videoUrl: '',
		visibility: 'public',
		quorum: 0,
		status: 'scheduled',
		unitIds: [t.unitId(1), t.unitId(2), t.unitId(3)],
		userIds: [],
		communityIds: []
	}).id;
	startMeeting(t.db, t.actor('chair'), meetingId);
});
afterAll(() => t.close());

function refusal(fn: () => unknown): string {
	try {
		fn();
		return 'ok';
	} catch (err) {
		if (err instanceof AppError) return `${err.status} ${err.key}`;
		throw err;
	}
}

const base = (over: Partial<VoteInput> = {}): VoteInput => ({
	title: '关于加装电梯的动议',
	meetingId,
	method: 'yna',
	secret: false,
	trackingCodes: true,
	liveResults: false,
	electorate: 'members',
	...over
});
const make = (over: Partial<VoteInput> = {}) => {
	const id = votes.createVote(t.db, t.actor('chair'), base(over));
	votes.openVote(t.db, t.actor('chair'), id);
	return id;
};
const cast = (login: string, id: string, ballot: object) =>
	votes.castBallot(t.db, t.actor(login), id, ballot);

describe('a named yes/no/abstain vote in a meeting', () => {
	it('lets the chair and invited members vote once each, refuses others, and freezes its result', () => {
		const id = make();
		expect(
			votes
				.rollView(t.db, t.actor('chair'), id)
				.map((r) => r.name)
				.sort()
		).toHaveLength(4);
		expect(cast('member1', id, { choice: 'yes' }).trackingCode).toMatch(
			/^[0-9A-Z]{4}-[0-9A-Z]{4}$/
		);
		expect(refusal(() => cast('member1', id, { choice: 'no' }))).toBe('409 err.vote.alreadyVoted');
		expect(refusal(() => cast('resident1', id, { choice: 'yes' }))).toBe(
			'403 err.vote.notEligible'
		);
		expect(refusal(() => cast('supervisor', id, { choice: 'yes' }))).toBe('403 err.forbidden');
		// Not invited to this members' meeting: the vote is not theirs to see.
		expect(refusal(() => cast('member4', id, { choice: 'yes' }))).toBe('404 err.notFound');
		expect(refusal(() => cast('member2', id, { choice: 'maybe' }))).toBe('422 err.ballot.invalid');
		cast('member2', id, { choice: 'yes' });
		cast('chair', id, { choice: 'no' });
		t.emitted.length = 0;
		const first = votes.closeVote(t.db, t.actor('chair'), id);
		// The hall hears the result at once, without the lists (a thousand names to a thousand
		// voters is seconds of sending): those who want them ask.
		const told = t.emitted.filter((e) => e.event === 'vote:changed');
		expect(told.map((e) => (e.payload as VoteView).result)).toEqual([
			{ ...first, ballots: [], named: [] }
		]);
		expect(votes.getVote(t.db, t.actor('member1'), id).result!.named).toHaveLength(3);
		expect(first.outcome).toBe('adopted');
		expect(first.winner).toBe('yes');
		expect(first.totals).toMatchObject({ eligible: 4, cast: 3 });
		expect(first.named.map((n) => n.ballot)).toHaveLength(3);
		expect(votes.closeVote(t.db, t.actor('admin'), id)).toEqual(first);
		expect(refusal(() => cast('member3', id, { choice: 'yes' }))).toBe('409 err.vote.closed');
		const [resolution] = votes.listResolutions(t.db, t.actor('resident1'), { meetingId });
		expect(resolution).toMatchObject({ voteId: id, meetingId });
		expect(resolution!.number).toMatch(/^\d{4}-\d{3}$/);
		expect(verifyAuditChains(t.db)).toEqual([]);
	});
});

describe('a secret vote', () => {
	it('keeps no link between a voter and a choice, and shows a voter their own code only', () => {
		const id = make({
			secret: true,
			method: 'single',
			options: [{ label: '东门' }, { label: '西门' }]
		});
		const options = votes.getVote(t.db, t.actor('chair'), id).options;
		const receipt = cast('member1', id, { choice: options[1]!.id });
		const roll = t.db.select().from(voteRoll).where(eq(voteRoll.voteId, id)).all();
		expect(roll.every((r) => r.ballotId === null)).toBe(true);
		const box = t.db.select().from(ballots).where(eq(ballots.voteId, id)).all();
		expect(JSON.stringify(box)).not.toContain(t.userId('member1'));
		const entries = t.db
			.select()
			.from(auditLog)
			.where(eq(auditLog.chain, `vote:${id}`))
			.all();
		expect(entries.map((e) => e.detail).join()).not.toContain(options[1]!.id);
		expect(entries.map((e) => e.detail).join()).not.toContain(receipt.trackingCode!);
		const mine = votes.mySeats(
			t.db,
			t.actor('member1'),
			votes.voteFor(t.db, t.actor('member1'), id)
		);
		expect(mine[0]).toMatchObject({ status: 'cast', trackingCode: receipt.trackingCode });
		expect(votes.getVote(t.db, t.actor('chair'), id).result).toBeNull();
		const result = votes.closeVote(t.db, t.actor('chair'), id);
		expect(result.named).toEqual([]);
		expect(result.ballots.map((b) => b.trackingCode)).toContain(receipt.trackingCode);
	});
});

describe('casts written together (group commit)', () => {
	const settle = <T>(p: Promise<T>) =>
		p.then(
			(v) => ({ ok: true as const, v }),
			(err: unknown) => ({
				ok: false as const,
				v: err instanceof AppError ? `${err.status} ${err.key}` : String(err)
			})
		);

	it('writes casts that arrive together in one batch, each once, answered after the commit', async () => {
		const id = make({ secret: true });
		const audits = () =>
			t.db
				.select()
				.from(auditLog)
				.where(eq(auditLog.chain, `vote:${id}`))
				.all().length;
		const before = audits();
		const pending = ['chair', 'member1', 'member2', 'member3'].map((login) =>
			settle(votes.castBallotBatched(t.db, t.actor(login), id, { choice: 'yes' }))
		);
		// Nothing is written (or answered) until the batch goes.
		expect(t.db.select().from(ballots).where(eq(ballots.voteId, id)).all()).toHaveLength(0);
		const answers = await Promise.all(pending);
		expect(answers.every((a) => a.ok)).toBe(true);
		const codes = answers.map((a) => (a.v as votes.CastReceipt).trackingCode);
		expect(new Set(codes).size).toBe(4);
		expect(audits()).toBe(before + 4);
		const result = votes.closeVote(t.db, t.actor('chair'), id);
		expect(result.totals.cast).toBe(4);
		expect(result.ballots.map((b) => b.trackingCode).sort()).toEqual([...codes].sort());
		expect(verifyAuditChains(t.db)).toEqual([]);
	});

	it('keeps one ballot of 200 simultaneous casts by one voter, refuses the rest alone, and refuses casts that a close overtook', async () => {
		const id = make();
		const answers = await Promise.all([
			...Array.from({ length: 200 }, () =>
				settle(votes.castBallotBatched(t.db, t.actor('member1'), id, { choice: 'no' }))
			),
			settle(votes.castBallotBatched(t.db, t.actor('member2'), id, { choice: 'yes' }))
		]);
		expect(answers.filter((a) => a.ok)).toHaveLength(2);
		expect(answers.filter((a) => !a.ok).map((a) => a.v)).toEqual(
			Array(199).fill('409 err.vote.alreadyVoted')
		);
		expect(t.db.select().from(ballots).where(eq(ballots.voteId, id)).all()).toHaveLength(2);
		const late = settle(votes.castBallotBatched(t.db, t.actor('member3'), id, { choice: 'yes' }));
		votes.closeVote(t.db, t.actor('chair'), id);
		expect(await late).toEqual({ ok: false, v: '409 err.vote.closed' });
		expect(votes.getVote(t.db, t.actor('chair'), id).result!.totals.cast).toBe(2);
	});
});

describe('proxies and a show of hands', () => {
	it('counts a proxy once, and keeps those who voted in the room from voting online', () => {
		votes.giveProxy(t.db, t.actor('member3'), meetingId, t.userId('member2'));
		const id = make();
		expect(refusal(() => cast('member3', id, { choice: 'yes' }))).toBe('409 err.vote.proxyGiven');
		expect(refusal(() => cast('member2', id, { choice: 'yes' }))).toBe('ok');
		expect(
			refusal(() => cast('member2', id, { choice: 'yes', seat: `u:${t.userId('member3')}` }))
		).toBe('ok');
		expect(
			refusal(() => cast('member2', id, { choice: 'no', seat: `u:${t.userId('member3')}` }))
		).toBe('409 err.vote.alreadyVoted');
		expect(
			refusal(() =>
				votes.recordRoomCount(t.db, t.actor('recorder'), id, {
					seats: [`u:${t.userId('member1')}`],
					counts: { yes: 2 }
				})
			)
		).toBe('422 err.validation');
		votes.recordRoomCount(t.db, t.actor('recorder'), id, {
			seats: [`u:${t.userId('member1')}`],
			counts: { no: 1 }
		});
		expect(refusal(() => cast('member1', id, { choice: 'yes' }))).toBe('409 err.vote.alreadyVoted');
		const result = votes.closeVote(t.db, t.actor('chair'), id);
		expect(result.totals.cast).toBe(3);
		expect(result.roomCounts).toEqual({ no: 1 });
		expect(
			result.named.find((n) => n.seat === `u:${t.userId('member3')}`)?.castByName
		).toBeTruthy();
		expect(result.outcome).toBe('adopted');
		votes.withdrawProxy(t.db, t.actor('member3'), meetingId);
	});

	it("records the chair's casting vote after a tie, and only then a resolution", () => {
		const id = make();
		cast('member1', id, { choice: 'yes' });
		cast('member2', id, { choice: 'no' });
		expect(votes.closeVote(t.db, t.actor('chair'), id).outcome).toBe('tie');
		expect(refusal(() => votes.castingVote(t.db, t.actor('chair'), id, 'abstain'))).toBe(
			'422 err.validation'
		);
		// Those who run the vote do not decide it.
		for (const login of ['admin', 'recorder'])
			expect(refusal(() => votes.castingVote(t.db, t.actor(login), id, 'yes'))).toBe(
				'403 err.forbidden'
			);
		votes.castingVote(t.db, t.actor('chair'), id, 'yes');
		expect(votes.getVote(t.db, t.actor('chair'), id).decision).toMatchObject({
			kind: 'casting',
			optionId: 'yes'
		});
		expect(
			votes.listResolutions(t.db, t.actor('chair'), {}).find((r) => r.voteId === id)?.byCastingVote
		).toBe(true);
		expect(refusal(() => votes.castingVote(t.db, t.actor('chair'), id, 'yes'))).toBe(
			'409 err.vote.tieDecided'
		);
	});
});

describe('one vote per member unit', () => {
	it('gives each invited unit one seat, cast by its representative once', () => {
		setVotePer(t.db, t.actor('admin'), t.committeeId, 'unit');
		try {
			const id = make();
			const roll = votes.rollView(t.db, t.actor('chair'), id);
			expect(roll.map((r) => r.seat).sort()).toEqual(
				[1, 2, 3].map((n) => `unit:${t.unitId(n)}`).sort()
			);
			expect(cast('member1', id, { choice: 'yes' }).seat).toBe(`unit:${t.unitId(1)}`);
			expect(refusal(() => cast('liaison1', id, { choice: 'no' }))).toBe(
				'403 err.vote.notEligible'
			);
			expect(refusal(() => cast('chair', id, { choice: 'no' }))).toBe('403 err.vote.notEligible');
			expect(votes.closeVote(t.db, t.actor('chair'), id).totals).toMatchObject({
				eligible: 3,
				cast: 1
			});
		} finally {
			setVotePer(t.db, t.actor('admin'), t.committeeId, 'person');
		}
	});
	it('is set by the secretary only', () => {
		expect(refusal(() => setVotePer(t.db, t.actor('chair'), t.committeeId, 'unit'))).toBe(
			'403 err.forbidden'
		);
	});
});

describe('closing the meeting', () => {
	it('counts the votes still open, in the same step', async () => {
		const start = new Date(Date.now() + 60_000);
		const other = createMeeting(t.db, t.actor('chair'), t.committeeId, {
			type: 'thematic',
			title: '闭会测试',
			startsAt: start,
			endsAt: new Date(start.getTime() + 3_600_000),
			place: '',
			videoUrl: '',
			visibility: 'members',
			quorum: 0,
			status: 'scheduled',
			unitIds: [t.unitId(1)],
			userIds: [],
			communityIds: []
		}).id;
		startMeeting(t.db, t.actor('chair'), other);
		const id = votes.createVote(t.db, t.actor('chair'), base({ meetingId: other }));
		votes.openVote(t.db, t.actor('chair'), id);
		cast('member1', id, { choice: 'yes' });
		closeMeeting(t.db, t.actor('chair'), other);
		const v = votes.getVote(t.db, t.actor('chair'), id);
		expect(v.status).toBe('closed');
		expect(v.result?.outcome).toBe('adopted');
		// The vote and its scope, kept in memory since the first cast, are not trusted after the close.
		expect(refusal(() => cast('member1', id, { choice: 'no' }))).toBe('409 err.vote.closed');
		expect(refusal(() => cast('resident1', id, { choice: 'no' }))).toBe('404 err.notFound');
	});
});

describe('live counts', () => {
	it('sends no waiting count after the vote closed', async () => {
		const id = make();
		cast('member1', id, { choice: 'yes' });
		votes.closeVote(t.db, t.actor('chair'), id);
		const closedAt = t.emitted.length;
		await new Promise((r) => setTimeout(r, 300));
		const late = t.emitted
			.slice(closedAt)
			.filter((e) => e.event === 'vote:count' && (e.payload as { voteId: string }).voteId === id);
		expect(late).toEqual([]);
	});
});

describe('an asynchronous poll', () => {
	it('reminds those who have not voted once, 24 h and 1 h before the end, and closes on time', () => {
		const closesAt = new Date(Date.now() + 30 * 3600_000);
		const id = votes.createVote(t.db, t.actor('chair'), base({ meetingId: null, closesAt }));
		votes.openVote(t.db, t.actor('chair'), id);
		cast('member1', id, { choice: 'yes' });
		let clock = new Date(closesAt.getTime() - 24 * 3600_000 + 1000);
		const s = createScheduler({
			db: t.db,
			logger: pino({ level: 'silent' }),
			kinds: jobKinds,
			now: () => clock
		});
		s.runDue();
		const reminded = (login: string) =>
			t.db
				.select()
				.from(notifications)
				.where(eq(notifications.userId, t.userId(login)))
				.all()
				.filter((n) => n.kind === 'vote.reminder').length;
		expect(reminded('member2')).toBe(1);
		expect(reminded('member1')).toBe(0);
		clock = new Date(closesAt.getTime() + 1000);
		s.runDue();
		expect(reminded('member2')).toBe(2);
		const told = t.db
			.select()
			.from(notifications)
			.where(eq(notifications.userId, t.userId('member1')))
			.all()
			.filter((n) => n.kind === 'vote.closed' && n.link === `/votes/${id}`);
		expect(told).toHaveLength(1);
		expect(votes.getVote(t.db, t.actor('chair'), id).status).toBe('closed');
		expect(
			t.db
				.select()
				.from(jobs)
				.all()
				.filter((j) => j.key.includes(id) && j.doneAt === null)
		).toEqual([]);
	});
});
