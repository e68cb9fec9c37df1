/**
 * What people see of a vote, shared by the server (src/lib/server/votes/), the API and the
 * browser (the hall's voting panel, the vote and resolution pages). Times are epoch
 * milliseconds on the server's clock.
 */
import type { Ballot, Method, Quorum, TallyResult, Threshold } from './methods';

export const VOTE_STATUSES = ['draft', 'open', 'closed'] as const;
export type VoteStatus = (typeof VOTE_STATUSES)[number];

/** Who may vote: members checked in when it opens, all members, or residents (advisory). */
export const ELECTORATES = ['present', 'members', 'residents'] as const;
export type Electorate = (typeof ELECTORATES)[number];

/** One vote per person, or one per member unit (a committee setting, copied onto each vote). */
export const VOTE_PER = ['person', 'unit'] as const;
export type VotePer = (typeof VOTE_PER)[number];

/** How a ballot reached the box: cast online, by a proxy holder, or counted by show of hands in the room. */
export const BALLOT_ORIGINS = ['online', 'proxy', 'room'] as const;
export type BallotOrigin = (typeof BALLOT_ORIGINS)[number];

export interface VoteOptionView {
	id: string;
	label: string;
}

export interface VoteCounts {
	/** Seats on the roll (fixed when the vote opens; before that, who would be on it now). */
	eligible: number;
	/** Of those, checked in at the hall when the vote opened (meeting votes). */
	present: number;
	/** Ballots in the box, online and in the room. */
	cast: number;
	/** Seats the recorder marked as having voted by show of hands in the room. */
	inRoom: number;
}

/** A ballot as published after close: in random order, with its tracking code when codes are on. */
export interface PublishedBallot {
	trackingCode: string | null;
	ballot: Ballot;
	origin: BallotOrigin;
}

/** Named votes only: who voted what. */
export interface NamedBallot {
	seat: string;
	name: string;
	unitName: string;
	/** Someone else cast it: the proxy holder, or the recorder for a show of hands. */
	castByName: string | null;
	origin: BallotOrigin;
	ballot: Ballot | null;
}

/** The frozen result of a closed vote: the same on every read, hashed at close. */
export interface VoteResult extends TallyResult {
	/** SHA-256 (hex) of the tally and ballot list as published. */
	hash: string;
	closedAt: number;
	/** Every ballot counted, in random order. */
	ballots: PublishedBallot[];
	/** The show-of-hands part, per option id (null when nobody voted in the room). */
	roomCounts: Record<string, number> | null;
	/** Named votes: who voted what. Empty for secret votes. */
	named: NamedBallot[];
}

/** After a tie: the chair's casting vote, or a new vote taken instead. */
export type TieDecision =
	| { kind: 'casting'; optionId: string; byName: string; at: number }
	| { kind: 'revote'; voteId: string; at: number };

export interface VoteView {
	id: string;
	committeeId: string;
	/** Null for an asynchronous poll (a vote between meetings). */
	meetingId: string | null;
	agendaItemId: string | null;
	motionId: string | null;
	title: string;
	method: Method;
	options: VoteOptionView[];
	maxChoices: number | null;
	secret: boolean;
	/** Whether voters get a tracking code for their ballot (the chair may turn it off). */
	trackingCodes: boolean;
	/** Named votes only: whether the running count by option is shown while the vote is open. */
	liveResults: boolean;
	electorate: Electorate;
	communityIds: string[];
	per: VotePer;
	quorum: Quorum | null;
	threshold: Threshold | null;
	status: VoteStatus;
	openedAt: number | null;
	closesAt: number | null;
	closedAt: number | null;
	counts: VoteCounts;
	/** Named votes with live results, while open: the running count. Never for a secret vote. */
	running: Record<string, number> | null;
	result: VoteResult | null;
	decision: TieDecision | null;
	/** The vote this one was taken again for, after a tie. */
	revoteOf: string | null;
	createdAt: number;
}

/** One seat the viewer may vote for: their own, or one handed to them by proxy. */
export interface MySeat {
	seat: string;
	/** Whose vote it is (the viewer's own name, a unit's name, or the proxy giver's). */
	label: string;
	proxy: boolean;
	status: 'waiting' | 'cast' | 'room';
	castAt: number | null;
	/** Shown only to the voter who cast it (null when codes are off or not yet cast). */
	trackingCode: string | null;
}

/** The roll as shown: eligible, present, cast (choices only for named votes after close). */
export interface RollEntry {
	seat: string;
	name: string;
	unitName: string;
	present: boolean;
	proxyName: string | null;
	status: 'waiting' | 'cast' | 'room';
}

export interface MotionView {
	id: string;
	committeeId: string;
	meetingId: string | null;
	agendaItemId: string | null;
	title: string;
	text: string;
	status: 'draft' | 'voting' | 'adopted' | 'rejected' | 'inquorate' | 'tie' | 'withdrawn';
	/** Why a motion was not adopted, in words (inquorate, rejected, tie left open). */
	reason: string;
	revisions: { text: string; authorName: string; at: number }[];
	voteIds: string[];
	createdAt: number;
}

export interface ResolutionView {
	id: string;
	committeeId: string;
	/** `2026-012`: the committee's resolutions counted per year. */
	number: string;
	title: string;
	text: string;
	voteId: string;
	motionId: string | null;
	meetingId: string | null;
	meetingTitle: string | null;
	agendaItemId: string | null;
	needIds: string[];
	/** The adopted option's label for a choice between options; null for a motion. */
	optionLabel: string | null;
	byCastingVote: boolean;
	adoptedAt: number;
}
