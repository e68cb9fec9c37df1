/**
 * The demo's decisions, made through the same services the hall and the API call, so a newcomer
 * finds real results at once: a closed public meeting that adopted three resolutions (a named
 * and a secret yes/no/abstain vote, and a ranked choice among projects counted by Schulze), each
 * on an agenda item carrying residents' needs; a members' poll already closed; and an open poll
 * some members have answered, with others still to vote.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { units, users } from '../db/schema';
import { loadActor } from '../auth/session';
import { createMeeting, putNeedsOnAgenda } from '../meetings/meetings';
import { closeMeeting, startMeeting } from '../hall/session';
import * as votes from '../votes';
import type { VoteInput } from '../../shared/schemas/votes';

type Actor = ReturnType<typeof loadActor>;

const DAY = 86_400_000;

/** The ballots each demo member casts, by login (the chair and the first five members sit). */
type Casts = [login: string, ballot: object][];

function actorsOf(db: Db) {
	const cache = new Map<string, Actor>();
	return (login: string): Actor => {
		let a = cache.get(login);
		if (!a) {
			a = loadActor(
				db,
				db.select({ id: users.id }).from(users).where(eq(users.login, login)).get()!.id
			);
			cache.set(login, a);
		}
		return a;
	};
}

/** Create, open, cast and close one vote; returns its id. */
function decide(
	db: Db,
	actor: (login: string) => Actor,
	input: VoteInput,
	casts: (options: string[]) => Casts
): string {
	const chair = actor('chair');
	const id = votes.createVote(db, chair, input);
	votes.openVote(db, chair, id);
	const options = votes.getVote(db, chair, id).options.map((o) => o.id);
	for (const [login, ballot] of casts(options)) votes.castBallot(db, actor(login), id, ballot);
	votes.closeVote(db, chair, id);
	return id;
}

const yna = (...choices: string[]): Casts =>
	choices.map((choice, i) => [i === 0 ? 'chair' : `member${i}`, { choice }]);

function seedClosedMeeting(
	db: Db,
	committeeId: string,
	actor: (login: string) => Actor,
	needIds: string[]
): void {
	const admin = actor('admin');
	const unitIds = db
		.select({ id: units.id })
		.from(units)
		.where(eq(units.committeeId, committeeId))
		.orderBy(sql`rowid`)
		.all()
		.map((u) => u.id);
	const start = new Date(Date.now() - 14 * DAY);
	const meeting = createMeeting(db, admin, committeeId, {
		type: 'thematic',
		title: '季度专题协商：为老服务与停车秩序',
		startsAt: start,
		endsAt: new Date(start.getTime() + 2 * 3_600_000),
		place: '街道办三楼会议室',
		videoUrl: '',
		visibility: 'public',
		quorum: 4,
		status: 'scheduled',
		unitIds: unitIds.slice(0, 5),
		userIds: [],
		communityIds: []
	});
	const item = (ids: number[], title: string) =>
		putNeedsOnAgenda(db, admin, meeting.id, { needIds: ids.map((i) => needIds[i]!), title }).itemId;
	const meals = item([3], '开设社区老年助餐点');
	const bikes = item([2], '电动车停放与消防通道整治');
	const projects = item([16, 19, 22], '明年为民办实事项目排序');
	const chair = actor('chair');
	startMeeting(db, chair, meeting.id);
	const base = { meetingId: meeting.id, trackingCodes: true, liveResults: false } as const;
	const motion = votes.createMotion(db, chair, {
		title: '关于在和平里社区开设老年助餐点的动议',
		text: '由区卫生健康委员会牵头、阳光社会工作服务中心协办，在和平里社区活动中心开设老年助餐点，三个月内试运营。',
		meetingId: meeting.id,
		agendaItemId: meals
	});
	decide(
		db,
		actor,
		{
			...base,
			title: motion.title,
			motionId: motion.id,
			agendaItemId: meals,
			method: 'yna',
			secret: false,
			electorate: 'members'
		},
		() => yna('yes', 'yes', 'yes', 'yes', 'no', 'abstain')
	);
	decide(
		db,
		actor,
		{
			...base,
			title: '关于在滨河社区设置电动车集中停放充电点的动议',
			agendaItemId: bikes,
			method: 'yna',
			secret: true,
			electorate: 'members',
			threshold: 'two-thirds'
		},
		() => yna('yes', 'yes', 'no', 'yes', 'yes', 'yes')
	);
	decide(
		db,
		actor,
		{
			...base,
			title: '明年为民办实事项目优先顺序',
			agendaItemId: projects,
			method: 'schulze',
			secret: false,
			electorate: 'members',
			options: [
				{ label: '课后托管服务' },
				{ label: '老年人免费体检上门' },
				{ label: '小区充电桩扩建' },
				{ label: '社区图书角更新' }
			]
		},
		([a, b, c, d]) =>
			(
				[
					[b, a, c, d],
					[b, c, a, d],
					[a, b, d, c],
					[c, b, a, d],
					[b, a, d, c],
					[a, c, b, d]
				] as string[][]
			).map((ranking, i) => [i === 0 ? 'chair' : `member${i}`, { ranking }])
	);
	closeMeeting(db, chair, meeting.id);
}

function seedPolls(db: Db, actor: (login: string) => Actor): void {
	const poll = {
		meetingId: null,
		secret: false,
		trackingCodes: true,
		liveResults: false,
		electorate: 'members'
	} as const;
	// A poll between meetings, already decided: its resolution is for the committee, not residents.
	const chair = actor('chair');
	const done = votes.createVote(db, chair, {
		...poll,
		title: '关于月度联席会议改在每月第二个周四召开的意见',
		method: 'yna',
		closesAt: new Date(Date.now() + 2 * DAY)
	});
	votes.openVote(db, chair, done);
	for (const [login, choice] of [
		['chair', 'yes'],
		['member1', 'yes'],
		['member3', 'yes'],
		['member5', 'no'],
		['member6', 'yes']
	])
		votes.castBallot(db, actor(login!), done, { choice });
	votes.closeVote(db, chair, done);
	// Open for three more days; member1 and member2 have not voted yet (the e2e tests vote as them).
	const open = votes.createVote(db, chair, {
		...poll,
		title: '国庆社区文艺活动形式征集',
		method: 'single',
		secret: true,
		options: [{ label: '广场舞比赛' }, { label: '书画展' }, { label: '社区合唱节' }],
		closesAt: new Date(Date.now() + 3 * DAY)
	});
	votes.openVote(db, chair, open);
	const options = votes.getVote(db, chair, open).options.map((o) => o.id);
	for (const [login, i] of [
		['member4', 1],
		['member6', 0],
		['member7', 1]
	] as const)
		votes.castBallot(db, actor(login), open, { choice: options[i] });
}

/** Seed the demo's decisions (after its needs, which the meeting's agenda items carry). */
export function seedDemoDecisions(db: Db, committeeId: string, needIds: string[]): void {
	const actor = actorsOf(db);
	seedClosedMeeting(db, committeeId, actor, needIds);
	seedPolls(db, actor);
}
