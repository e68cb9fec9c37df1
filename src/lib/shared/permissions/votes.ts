/**
 * Decisions: preparing and running votes, voting, proxies, counting hands in the room, and who
 * reads votes and resolutions. Whether a person may cast a ballot is decided by the vote's roll
 * (fixed when it opens); `vote.cast` only says their role lets them vote at all.
 */
import { acting, has, invited, type Rule } from './rule';
import { meetingRules } from './meetings';

export const VOTE_ACTIONS = [
	'vote.manage',
	'vote.countRoom',
	'vote.casting',
	'vote.view',
	'vote.cast',
	'vote.proxy',
	'resolution.view'
] as const;
export type VoteAction = (typeof VOTE_ACTIONS)[number];

const STAFF = ['admin', 'chair', 'member', 'liaison', 'recorder', 'supervisor'] as const;

export const voteRules: Record<VoteAction, Rule> = {
	// Motions and votes are prepared and run by the chair and the secretary (记录员).
	'vote.manage': (g) => has(g, 'admin', 'chair', 'recorder'),
	// A show of hands in the room is counted by whoever keeps the record.
	'vote.countRoom': (g) => has(g, 'admin', 'chair', 'recorder'),
	// After a tie, the casting vote (决定票) is the chair's alone: the secretary and the recorder
	// run the vote but do not decide it. (A re-vote stays with those who run votes.)
	'vote.casting': (g) => has(g, 'chair'),
	// A meeting's votes: whoever may see the meeting. A poll: the committee's staff, and residents
	// when it asks residents.
	'vote.view': (g, s, userId) => {
		if (s.meeting) return meetingRules['meeting.view'](g, s, userId);
		return has(g, ...STAFF) || (s.vote?.electorate === 'residents' && has(g, 'resident'));
	},
	// Supervisors observe and never vote; everyone else may, where the roll lists them.
	'vote.cast': (g) => acting(g).length > 0,
	// A member invited to the meeting may hand their vote to another member for that meeting.
	'vote.proxy': (g, s, userId) =>
		!!s.meeting &&
		has(acting(g), 'member', 'chair') &&
		(has(g, 'chair') || invited(acting(g), s.meeting, userId)),
	// Resolutions: all staff; residents those of public meetings (and of polls put to them).
	'resolution.view': (g, s) => {
		if (has(g, ...STAFF)) return true;
		if (!has(g, 'resident')) return false;
		if (s.meeting) return s.meeting.visibility === 'public';
		return s.vote?.electorate === 'residents';
	}
};
