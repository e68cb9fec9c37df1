import { describe, expect, it } from 'vitest';
import { closed, openVote } from '../components/votes/fixtures';
import type { VoteView } from '../shared/votes/view';
import { applyChanged, applyCount, type VoteList } from './vote-listeners';

const inMeeting = (v: VoteView, over: Partial<VoteView> = {}): VoteView => ({
	...v,
	meetingId: 'm1',
	...over
});
const list = (...votes: VoteView[]): VoteList => ({ meetingId: 'm1', votes });

describe('vote listeners', () => {
	it("another meeting's vote never enters this hall", () => {
		const l = list();
		expect(applyChanged(l, inMeeting(openVote('yna'), { meetingId: 'm2' }))).toBe(false);
		expect(l.votes).toEqual([]);
	});

	it('a closed vote is not taken back to open by an announcement that arrives late', () => {
		const done = inMeeting(closed.yna);
		const l = list(done);
		expect(applyChanged(l, inMeeting(openVote('yna'), { id: done.id }))).toBe(false);
		expect(l.votes[0]!.status).toBe('closed');
	});

	it('a closed vote keeps the ballot list it was fetched with when the announcement (without it) comes again', () => {
		const done = inMeeting(closed.yna);
		const l = list(done);
		const announced = { ...done, result: { ...done.result!, ballots: [] } };
		applyChanged(l, announced);
		expect(l.votes[0]!.result!.ballots).toHaveLength(done.result!.ballots.length);
	});

	it('live counts only rise, and a secret vote never gets a running count', () => {
		const v = inMeeting(openVote('single', { secret: true }));
		const l = list(v);
		const counts = { ...v.counts, cast: v.counts.cast + 2 };
		applyCount(l, { voteId: v.id, meetingId: 'm1', counts, running: { o1: 2 } });
		expect(l.votes[0]!.counts.cast).toBe(counts.cast);
		expect(l.votes[0]!.running).toBeNull();
		applyCount(l, {
			voteId: v.id,
			meetingId: 'm1',
			counts: { ...counts, cast: 1 },
			running: null
		});
		expect(l.votes[0]!.counts.cast).toBe(counts.cast);
	});
});
