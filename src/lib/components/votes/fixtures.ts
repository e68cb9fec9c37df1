/**
 * Votes as the components receive them, one per method, for component specs, pages under
 * construction and anyone else who needs a believable vote. Results are counted by the real
 * `tally()`, never written by hand, so they change when the counting does.
 */
import { tally } from '$lib/shared/votes';
import type { Ballot, Method, YnaBallot } from '$lib/shared/votes';
import { specOf } from '$lib/shared/votes/form';
import type {
	BallotOrigin,
	MySeat,
	NamedBallot,
	RollEntry,
	VoteOptionView,
	VoteView
} from '$lib/shared/votes/view';

const T0 = Date.UTC(2026, 11, 3, 1, 0);

const options = (...labels: string[]): VoteOptionView[] =>
	labels.map((label, i) => ({ id: `o${i + 1}`, label }));

/** An open vote; `over` sets anything else. */
export function openVote(method: Method, over: Partial<VoteView> = {}): VoteView {
	return {
		id: `v-${method}`,
		committeeId: 'c1',
		meetingId: 'm1',
		agendaItemId: 'a1',
		motionId: method === 'yna' ? 'mo1' : null,
		title: TITLES[method],
		method,
		options: method === 'yna' ? options('赞成', '反对', '弃权') : options(...PLACES),
		maxChoices: method === 'multiple' ? 2 : null,
		secret: false,
		trackingCodes: true,
		liveResults: false,
		electorate: 'present',
		communityIds: [],
		per: 'person',
		quorum: null,
		threshold: null,
		status: 'open',
		openedAt: T0,
		closesAt: null,
		closedAt: null,
		counts: { eligible: 12, present: 11, cast: 0, inRoom: 0 },
		running: null,
		result: null,
		decision: null,
		revoteOf: null,
		createdAt: T0 - 60_000,
		...over
	};
}

const TITLES: Record<Method, string> = {
	yna: '关于加装电梯补贴方案的动议',
	single: '夏季纳凉点选址',
	multiple: '今年先办的两件实事',
	irv: '社区活动中心命名',
	borda: '社区活动中心命名',
	schulze: '社区活动中心命名',
	score: '三个停车改造方案打分'
};
const PLACES = ['街心花园', '老年食堂', '文化站', '篮球场'];

/** Tracking codes as the server hands them out: short, unambiguous, with a dash. */
export const codeOf = (i: number): string =>
	`${'ABCDEFGHJKMNPQRSTVWXYZ'[i % 22]}${((7919 * (i + 3)) % 9000) + 1000}-${'K7Q2'.slice(i % 4)}${i}`;

export interface CloseWith {
	eligible?: number;
	/** The show-of-hands part of `ballots`, from the end: how many were counted in the room. */
	inRoom?: number;
	/** Who cast each ballot, for a named vote (in ballot order). */
	names?: string[];
}

/** Close `vote` with `ballots`: counted by `tally`, published with tracking codes. */
export function closeWith(vote: VoteView, ballots: Ballot[], how: CloseWith = {}): VoteView {
	const eligible = how.eligible ?? vote.counts.eligible;
	const counted = tally(specOf(vote), ballots, eligible);
	const inRoom = how.inRoom ?? 0;
	const origin = (i: number): BallotOrigin => (i >= ballots.length - inRoom ? 'room' : 'online');
	const roomCounts = inRoom ? countRoom(ballots.slice(ballots.length - inRoom)) : null;
	const named: NamedBallot[] = vote.secret
		? []
		: (how.names ?? []).map((name, i) => ({
				seat: `s${i + 1}`,
				name,
				unitName: UNITS[i % UNITS.length]!,
				castByName: i === 1 ? '王秘书' : origin(i) === 'room' ? '记录员' : null,
				origin: i === 1 ? 'proxy' : origin(i),
				ballot: ballots[i] ?? null
			}));
	return {
		...vote,
		status: 'closed',
		closedAt: T0 + 600_000,
		counts: { ...vote.counts, eligible, cast: ballots.length, inRoom },
		result: {
			...counted,
			hash: 'a3f1c9e04b7d2265f0e8b1d4c6a9375e2f0b8c1d7e4a6f9b3c5d2e1f0a9b8c7d',
			closedAt: T0 + 600_000,
			// Reversed, so the published order is not the order cast.
			ballots: ballots
				.map((ballot, i) => ({
					trackingCode: vote.trackingCodes && origin(i) === 'online' ? codeOf(i) : null,
					ballot,
					origin: origin(i)
				}))
				.reverse(),
			roomCounts,
			named
		}
	};
}

/** Yes/no/abstain show-of-hands counts are keyed by the answer, as the recorder enters them. */
function countRoom(ballots: Ballot[]): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const b of ballots) {
		const key = 'choice' in b ? b.choice : '';
		if (key) counts[key] = (counts[key] ?? 0) + 1;
	}
	return counts;
}

const UNITS = ['街道办', '社区卫生服务中心', '第一小学', '物业公司'];
export const NAMES = [
	'张建国',
	'李秀英',
	'王芳',
	'刘伟',
	'陈静',
	'杨磊',
	'赵敏',
	'黄勇',
	'周杰',
	'吴霞'
];

const yna = (...cs: YnaBallot['choice'][]): YnaBallot[] => cs.map((choice) => ({ choice }));
const rank = (n: number, ...ranking: string[]): Ballot[] =>
	Array.from({ length: n }, () => ({ ranking: [...ranking] }));

/** A closed vote for every method, named unless said otherwise. */
export const closed = {
	/** Two thirds of votes cast, abstentions out: 8 yes of 10 needs 7. Two voted in the room. */
	yna: closeWith(
		openVote('yna', {
			threshold: { kind: 'two-thirds', abstentionsInBase: false },
			quorum: { kind: 'share', numerator: 1, denominator: 2, comparison: 'more-than' }
		}),
		yna('yes', 'yes', 'no', 'yes', 'abstain', 'yes', 'yes', 'no', 'yes', 'yes', 'yes'),
		{ inRoom: 2, names: NAMES }
	),
	/** Secret: totals only. */
	single: closeWith(
		openVote('single', { secret: true }),
		['o1', 'o2', 'o1', 'o3', 'o1', 'o2', 'o4'].map((choice) => ({ choice }))
	),
	multiple: closeWith(openVote('multiple'), [
		{ choices: ['o1', 'o2'] },
		{ choices: ['o2'] },
		{ choices: ['o2', 'o3'] },
		{ choices: ['o4', 'o1'] }
	]),
	/** 文化站 and 篮球场 share the fewest votes and go out together; one ballot is exhausted. */
	irv: closeWith(openVote('irv'), [
		...rank(4, 'o1', 'o2', 'o3', 'o4'),
		...rank(4, 'o2', 'o3', 'o4', 'o1'),
		...rank(1, 'o3', 'o2'),
		...rank(1, 'o4')
	]),
	/** 文化站 and 篮球场 tie for fewest with enough votes between them to matter: a tie. */
	irvTie: closeWith(openVote('irv'), [
		...rank(4, 'o1', 'o2', 'o3', 'o4'),
		...rank(3, 'o2', 'o3', 'o4', 'o1'),
		...rank(2, 'o3', 'o2'),
		...rank(2, 'o4', 'o3')
	]),
	borda: closeWith(openVote('borda'), [
		...rank(4, 'o1', 'o2', 'o3', 'o4'),
		...rank(3, 'o2', 'o3', 'o4', 'o1'),
		...rank(2, 'o3', 'o2', 'o4', 'o1')
	]),
	schulze: closeWith(openVote('schulze'), [
		...rank(4, 'o1', 'o2', 'o3', 'o4'),
		...rank(3, 'o2', 'o3', 'o4', 'o1'),
		...rank(2, 'o3', 'o2', 'o4', 'o1')
	]),
	score: closeWith(
		openVote('score', { options: options('方案甲', '方案乙', '方案丙') }),
		[
			{ o1: 5, o2: 3, o3: 0 },
			{ o1: 4, o2: 4, o3: 1 },
			{ o1: 2, o2: 5, o3: 1 }
		].map((scores) => ({ scores }))
	),
	/** More yes than no, 5 to 5: a tie, decided by the chair's casting vote. */
	tie: {
		...closeWith(
			openVote('yna', { secret: true }),
			yna('yes', 'no', 'yes', 'no', 'yes', 'no', 'yes', 'no', 'yes', 'no')
		),
		decision: { kind: 'casting', optionId: 'o1', byName: '张主任', at: T0 + 700_000 }
	}
} satisfies Record<string, VoteView>;

/** The viewer's own seat and one held by proxy, both waiting. */
export const seats: MySeat[] = [
	{
		seat: 's1',
		label: '张建国',
		proxy: false,
		status: 'waiting',
		castAt: null,
		trackingCode: null
	},
	{ seat: 's2', label: '李秀英', proxy: true, status: 'waiting', castAt: null, trackingCode: null }
];

export const roll: RollEntry[] = NAMES.slice(0, 5).map((name, i) => ({
	seat: `s${i + 1}`,
	name,
	unitName: UNITS[i % UNITS.length]!,
	present: i !== 3,
	proxyName: i === 1 ? '王芳' : null,
	status: i === 0 ? 'cast' : i === 4 ? 'room' : 'waiting'
}));
