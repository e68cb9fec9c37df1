/**
 * The counting core's vocabulary: the seven methods, what a vote says about how it is counted,
 * the ballots each method takes, and the result every count returns. Pure data, no I/O, so the
 * server counts and the browser shows the very same thing.
 */

export const METHODS = ['yna', 'single', 'multiple', 'irv', 'borda', 'schulze', 'score'] as const;
export type Method = (typeof METHODS)[number];

/** Methods whose ballots are rankings, best first. */
export const RANKED_METHODS = ['irv', 'borda', 'schulze'] as const satisfies readonly Method[];

export const YNA_CHOICES = ['yes', 'no', 'abstain'] as const;
export type YnaChoice = (typeof YNA_CHOICES)[number];

export const SCORE_MIN = 0;
export const SCORE_MAX = 5;

export const OUTCOMES = ['adopted', 'rejected', 'inquorate', 'tie'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** `more-than` is 超过/过半数 (strict); `at-least` is 以上 (the number itself included). */
export type Comparison = 'more-than' | 'at-least';

/** An exact share, kept as integers so 2/3 of 9 is compared without rounding. */
export interface Share {
	numerator: number;
	denominator: number;
	comparison: Comparison;
}

/** Quorum on participation: a head count, or a share of those eligible. */
export type Quorum = { kind: 'count'; count: number } | ({ kind: 'share' } & Share);

/**
 * What a yes/no/abstain motion needs to pass.
 * - `simple`: more yes than no (more than half of yes + no, plus abstentions when they count).
 * - `absolute`: more than half of all eligible voters.
 * - `two-thirds`: at least two thirds of the votes cast.
 * - `fraction`: a custom share of the votes cast or of all eligible voters.
 */
export type Threshold = { abstentionsInBase: boolean } & (
	| { kind: 'simple' }
	| { kind: 'absolute' }
	| { kind: 'two-thirds' }
	| ({ kind: 'fraction'; of: 'cast' | 'eligible' } & Share)
);

export interface VoteOption {
	id: string;
	label?: string;
}

interface VoteBase {
	quorum?: Quorum;
}

/** A yes/no/abstain motion; `optionIds` maps the three answers to the vote's option ids. */
export interface YnaVote extends VoteBase {
	method: 'yna';
	threshold?: Threshold;
	optionIds?: Partial<Record<YnaChoice, string>>;
}

export interface SingleVote extends VoteBase {
	method: 'single';
	options: VoteOption[];
}

export interface MultipleVote extends VoteBase {
	method: 'multiple';
	options: VoteOption[];
	/** At most this many choices per ballot (default: every option). */
	maxChoices?: number;
}

export interface RankedVote extends VoteBase {
	method: 'irv' | 'borda' | 'schulze';
	options: VoteOption[];
}

export interface ScoreVote extends VoteBase {
	method: 'score';
	options: VoteOption[];
}

export type VoteSpec = YnaVote | SingleVote | MultipleVote | RankedVote | ScoreVote;

export type YnaBallot = { choice: YnaChoice };
export type SingleBallot = { choice: string };
export type MultipleBallot = { choices: string[] };
export type RankedBallot = { ranking: string[] };
export type ScoreBallot = { scores: Record<string, number> };
export type Ballot = YnaBallot | SingleBallot | MultipleBallot | RankedBallot | ScoreBallot;

export interface YnaDetail {
	method: 'yna';
	counts: Record<YnaChoice, number>;
	threshold: ThresholdCheck;
}

export interface ThresholdCheck {
	kind: Threshold['kind'];
	abstentionsInBase: boolean;
	numerator: number;
	denominator: number;
	comparison: Comparison;
	/** The number the share is taken of: votes counted toward the base, or those eligible. */
	base: number;
	/** The fewest yes votes that pass. */
	required: number;
	met: boolean;
}

export interface QuorumCheck {
	kind: 'none' | Quorum['kind'];
	/** The fewest ballots (abstentions included) that make the vote quorate. */
	required: number;
	participation: number;
	met: boolean;
}

export interface PluralityDetail {
	method: 'single' | 'multiple';
	counts: Record<string, number>;
	/** Choices marked in all: the ballots for `single`, up to k per ballot for `multiple`. */
	marks: number;
	maxChoices: number;
}

export interface IrvRound {
	round: number;
	/** First preferences among the options still in the count. */
	counts: Record<string, number>;
	/** Ballots counting for an option this round. */
	continuing: number;
	/** Ballots with no option left in the count, so far (they stay exhausted). */
	exhausted: number;
	/** Votes needed for a majority of the continuing ballots. */
	majority: number;
	/** Options excluded at the end of this round. */
	excluded: string[];
	/** How the exclusion was decided when several options shared the fewest votes. */
	exclusionRule?: 'fewest' | 'together' | 'earlier-round';
	/** The earlier round that broke the tie, for `earlier-round`. */
	decidedByRound?: number;
}

export interface IrvDetail {
	method: 'irv';
	rounds: IrvRound[];
	/** When the count cannot go on: a tie for first, or a tie for exclusion no rule breaks. */
	unresolved?: { kind: 'first' | 'exclusion'; round: number; options: string[] };
}

export interface BordaDetail {
	method: 'borda';
	points: Record<string, number>;
	/** The most points an option can get: (n − 1) × ballots. */
	maxPoints: number;
}

export interface SchulzeDetail {
	method: 'schulze';
	/** The option ids in table order. */
	order: string[];
	/** d[i][j]: ballots ranking order[i] above order[j]. */
	pairwise: number[][];
	/** p[i][j]: the strength of the strongest path from order[i] to order[j]. */
	paths: number[][];
	/** The options x with p[x][y] ≥ p[y][x] for every y. */
	winners: string[];
	/** The option beating every other head to head, if there is one. */
	condorcetWinner: string | null;
	/** Options from best to worst by the strongest paths; a group of ties shares one entry. */
	ranking: string[][];
}

export interface ScoreDetail {
	method: 'score';
	sums: Record<string, number>;
	means: Record<string, number>;
	medians: Record<string, number>;
}

export type Detail =
	YnaDetail | PluralityDetail | IrvDetail | BordaDetail | SchulzeDetail | ScoreDetail;

export interface Totals {
	eligible: number;
	/** Ballots handed to the count. */
	cast: number;
	/** Ballots counted (cast minus invalid). */
	valid: number;
	/** Ballots the schema refused; never counted, never part of the participation. */
	invalid: number;
	/** Valid ballots that chose to abstain (yna only). */
	abstentions: number;
}

export interface TallyResult {
	method: Method;
	outcome: Outcome;
	/** The adopted option, or null on a tie, when nothing is adopted, or when inquorate. */
	winner: string | null;
	/** On a tie, the options the count cannot separate (in the vote's option order). */
	tiedOptions: string[];
	totals: Totals;
	quorum: QuorumCheck;
	detail: Detail;
}

/** What a method's count decides on its own, before quorum is applied. */
export interface MethodOutcome<D extends Detail> {
	outcome: 'adopted' | 'rejected' | 'tie';
	winner: string | null;
	tiedOptions: string[];
	detail: D;
}
