import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../db/ids';
import { taskReportFiles } from '../db/schema';
import { AppError } from '../errors';
import { demoDb, type TestDb } from '../seed/test-db';
import { createMeeting, putNeedsOnAgenda } from '../meetings/meetings';
import { startMeeting } from '../hall/session';
import { createNeed } from '../needs/needs';
import { acceptNeed } from '../needs/triage';
import * as votes from '../votes';
import { rateNeed, enterRating } from '../ratings';
import { accept, approve, dispatch } from '../ratings/spec-fixture';
import { addReport } from '../tasks';
import { needTrace, resolutionTrace } from './trace';

let t: TestDb;
beforeAll(async () => {
	t = await demoDb();
});
afterAll(async () => {
	// Ballots' live counts are sent a moment later: let them go before the database closes.
	await new Promise((r) => setTimeout(r, 1200));
	t.close();
});

function refusal(fn: () => unknown): string {
	try {
		fn();
		return 'ok';
	} catch (err) {
		if (err instanceof AppError) return `${err.status} ${err.key}`;
		throw err;
	}
}

/** A need carried the whole way: agenda, a live meeting, a secret vote, a resolution, a task, a report with a photo, approval, ratings. */
function wholeLoop(
	visibility: 'public' | 'members',
	needVisibility: 'public' | 'private' = 'public'
) {
	const need = createNeed(t.db, t.actor('resident1'), t.committeeId, {
		title: '老旧小区加装电梯',
		description: '五号楼老人上下楼困难',
		category: 'elderly',
		visibility: needVisibility
	});
	acceptNeed(t.db, t.actor('admin'), need.id);
	const start = new Date(Date.now() + 60_000);
	const meetingId = createMeeting(t.db, t.actor('chair'), t.committeeId, {
		type: 'thematic',
		title: visibility === 'public' ? '电梯议事会' : '内部协调会',
		startsAt: start,
		endsAt: new Date(start.getTime() + 3_600_000),
		place: '',
		videoUrl: '',
		visibility,
		quorum: 0,
		status: 'scheduled',
		unitIds: [t.unitId(1), t.unitId(2)],
		userIds: [],
		communityIds: []
	}).id;
	const { itemId } = putNeedsOnAgenda(t.db, t.actor('admin'), meetingId, { needIds: [need.id] });
	startMeeting(t.db, t.actor('chair'), meetingId);
	const motion = votes.createMotion(t.db, t.actor('chair'), {
		title: '关于加装电梯的动议',
		text: '同意为五号楼加装电梯',
		meetingId,
		agendaItemId: itemId
	});
	const voteId = votes.createVote(t.db, t.actor('chair'), {
		title: '加装电梯',
		meetingId,
		agendaItemId: itemId,
		motionId: motion.id,
		method: 'yna',
		secret: true,
		trackingCodes: true,
		liveResults: false,
		electorate: 'members'
	});
	votes.openVote(t.db, t.actor('chair'), voteId);
	votes.castBallot(t.db, t.actor('member1'), voteId, { choice: 'yes' });
	votes.castBallot(t.db, t.actor('member2'), voteId, { choice: 'no' });
	votes.castBallot(t.db, t.actor('chair'), voteId, { choice: 'yes' });
	votes.closeVote(t.db, t.actor('chair'), voteId);
	const [resolution] = votes.listResolutions(t.db, t.actor('admin'), { needId: need.id });
	const taskId = dispatch(t, [need.id], { title: '加装电梯施工', resolutionId: resolution!.id });
	accept(t, taskId);
	const reportId = addReport(t.db, t.actor('liaison1'), taskId, {
		progress: 60,
		text: '电梯井道已完工'
	});
	t.db
		.insert(taskReportFiles)
		.values({
			id: newId(),
			reportId,
			file: 'x.jpg',
			mime: 'image/jpeg',
			bytes: 10,
			createdAt: new Date()
		})
		.run();
	approve(t, taskId);
	return { needId: need.id, meetingId, voteId, resolutionId: resolution!.id, taskId };
}

describe('the trace of a need', () => {
	it('lists every step of the loop, in time order, each kind in its place', () => {
		const loop = wholeLoop('public');
		enterRating(t.db, t.actor('liaison1'), loop.needId, {
			score: 4,
			userId: t.userId('resident1'),
			channel: 'phone',
			comment: '电梯好用'
		});
		const tr = needTrace(t.db, t.actor('admin'), loop.needId);
		const kinds = tr.steps.map((s) => (s.kind === 'task' ? `task:${s.ref.event}` : s.kind));
		expect(kinds).toEqual([
			'need',
			'accepted',
			'agenda',
			'meeting',
			'motion',
			'vote',
			'resolution',
			'task:dispatched',
			'task:accepted',
			'report',
			'task:submitted',
			'approval',
			'rating',
			'closed'
		]);
		const times = tr.steps.map((s) => s.at.getTime());
		expect(times).toEqual([...times].sort((a, b) => a - b));
		expect(tr.status).toBe('closedRated');
		expect(tr.rating).toEqual({ average: 4, count: 1 });
		const vote = tr.steps.find((s) => s.kind === 'vote')!;
		expect(vote.ref).toMatchObject({ outcome: 'adopted', id: loop.voteId });
		expect(tr.steps.find((s) => s.kind === 'report')!.ref).toMatchObject({
			progress: 60,
			files: 1
		});
		expect(tr.steps.find((s) => s.kind === 'rating')!.ref).toMatchObject({
			score: 4,
			onBehalf: true
		});
		// Staff see who acted, and for which unit.
		const accepted = tr.steps.find((s) => s.ref.event === 'accepted')!;
		expect(accepted.actor).toMatchObject({ role: 'liaison', name: expect.any(String) });
		expect(accepted.actor!.unit).toBeTruthy();
		expect(tr.steps.find((s) => s.kind === 'rating')!.actor!.name).toBeTruthy();
	});

	it('hides from a resident who voted how and who anyone is: role words and units only', () => {
		const loop = wholeLoop('public');
		rateNeed(t.db, t.actor('resident1'), loop.needId, { score: 5, comment: '感谢' });
		const tr = needTrace(t.db, t.actor('resident3'), loop.needId);
		const kinds = tr.steps.map((s) => s.kind);
		expect(kinds).toContain('vote');
		expect(kinds).toContain('rating');
		for (const s of tr.steps) expect(s.actor?.name ?? null, s.kind).toBeNull();
		const accepted = tr.steps.find((s) => s.ref.event === 'accepted')!;
		expect(accepted.actor).toMatchObject({ role: 'liaison', unit: expect.any(String) });
		expect(Object.keys(tr.steps.find((s) => s.kind === 'vote')!.ref).sort()).toEqual(
			['id', 'outcome', 'title', 'type'].sort()
		);
		const text = JSON.stringify(tr);
		for (const login of ['member1', 'member2', 'liaison1', 'admin', 'chair', 'resident1']) {
			const name = t.db.$client
				.prepare('select display_name as n from user where id = ?')
				.get(t.userId(login)) as { n: string };
			expect(text, login).not.toContain(name.n);
		}
		expect(text).not.toMatch(/trackingCode|ballot|yes|"no"/);
		// The rater sees their own name on their own step.
		const own = needTrace(t.db, t.actor('resident1'), loop.needId);
		expect(own.steps.find((s) => s.kind === 'rating')!.actor!.name).toBeTruthy();
	});

	it('leaves out a members-only meeting’s vote for residents, and keeps a private need to its submitter and staff', () => {
		const loop = wholeLoop('members', 'private');
		expect(refusal(() => needTrace(t.db, t.actor('resident3'), loop.needId))).toBe(
			'404 err.notFound'
		);
		const own = needTrace(t.db, t.actor('resident1'), loop.needId);
		const kinds = own.steps.map((s) => s.kind);
		expect(kinds).not.toContain('vote');
		expect(kinds).not.toContain('motion');
		expect(kinds).not.toContain('meeting');
		expect(own.steps.find((s) => s.kind === 'agenda')!.ref).toEqual({
			type: 'meeting',
			private: true
		});
		expect(kinds).toContain('approval');
		expect(own.status).toBe('awaitingRating');
		const staff = needTrace(t.db, t.actor('supervisor'), loop.needId);
		expect(staff.steps.map((s) => s.kind)).toContain('vote');
	});

	it('says a need is overdue while its task is late', () => {
		const need = createNeed(t.db, t.actor('resident2'), t.committeeId, {
			title: '垃圾站异味严重',
			description: '夏天尤其明显',
			category: 'environment',
			visibility: 'public'
		});
		acceptNeed(t.db, t.actor('admin'), need.id);
		dispatch(t, [need.id], { dueInDays: 1 });
		expect(needTrace(t.db, t.actor('resident2'), need.id).status).toBe('inProgress');
		const later = new Date(Date.now() + 2 * 86_400_000);
		expect(needTrace(t.db, t.actor('resident2'), need.id, later).status).toBe('overdue');
	});
});

describe('the trace of a resolution', () => {
	it('runs from the needs it answers to its tasks’ ratings', () => {
		const loop = wholeLoop('public');
		rateNeed(t.db, t.actor('resident1'), loop.needId, { score: 3 });
		const tr = resolutionTrace(t.db, t.actor('resident2'), loop.resolutionId);
		expect(tr.subject).toMatchObject({ type: 'resolution', id: loop.resolutionId });
		const kinds = tr.steps.map((s) => s.kind);
		expect(kinds[0]).toBe('need');
		expect(kinds).toEqual(
			expect.arrayContaining(['vote', 'resolution', 'task', 'approval', 'rating'])
		);
		expect(tr.status).toBe('closedRated');
	});
});
