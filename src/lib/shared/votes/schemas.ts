/**
 * Zod schemas for how a vote is counted and for each method's ballot. A ballot is checked
 * against its own vote (option ids, how many choices, the score range), and a malformed one
 * is refused with a value, never an exception, so a handler can answer 422 and move on.
 */
import { z } from 'zod';
import { SCORE_MAX, SCORE_MIN, YNA_CHOICES, type Ballot, type VoteSpec } from './methods';

/** Ballots above this many options would make the pairwise table unreadable anyway. */
export const MAX_OPTIONS = 50;

const optionId = z.string().trim().min(1).max(64);

const share = {
	numerator: z.number().int().min(0),
	denominator: z.number().int().min(1),
	comparison: z.enum(['more-than', 'at-least']).default('more-than')
};

const fractionInRange = (s: { numerator: number; denominator: number }) =>
	s.numerator <= s.denominator;

export const quorumSchema = z.discriminatedUnion('kind', [
	z.strictObject({ kind: z.literal('count'), count: z.number().int().min(0) }),
	z.strictObject({ kind: z.literal('share'), ...share }).refine(fractionInRange, 'err.vote.share')
]);

const abstentionsInBase = z.boolean().default(false);

export const thresholdSchema = z.discriminatedUnion('kind', [
	z.strictObject({ kind: z.literal('simple'), abstentionsInBase }),
	z.strictObject({ kind: z.literal('absolute'), abstentionsInBase }),
	z.strictObject({ kind: z.literal('two-thirds'), abstentionsInBase }),
	z
		.strictObject({
			kind: z.literal('fraction'),
			of: z.enum(['cast', 'eligible']),
			abstentionsInBase,
			...share
		})
		.refine(fractionInRange, 'err.vote.share')
]);

const options = z
	.array(z.strictObject({ id: optionId, label: z.string().trim().max(200).optional() }))
	.min(2, 'err.vote.fewOptions')
	.max(MAX_OPTIONS, 'err.vote.manyOptions')
	.refine((os) => new Set(os.map((o) => o.id)).size === os.length, 'err.vote.duplicateOption');

const quorum = quorumSchema.optional();

/** How a vote is counted, as the vote service stores it and `tally` reads it. */
export const voteSpecSchema = z.discriminatedUnion('method', [
	z.strictObject({
		method: z.literal('yna'),
		quorum,
		threshold: thresholdSchema.optional(),
		optionIds: z.partialRecord(z.enum(YNA_CHOICES), optionId).optional()
	}),
	z.strictObject({ method: z.literal('single'), quorum, options }),
	z
		.strictObject({
			method: z.literal('multiple'),
			quorum,
			options,
			maxChoices: z.number().int().min(1).optional()
		})
		.refine((v) => (v.maxChoices ?? 1) <= v.options.length, 'err.vote.maxChoices'),
	z.strictObject({ method: z.enum(['irv', 'borda', 'schulze']), quorum, options }),
	z.strictObject({ method: z.literal('score'), quorum, options })
]);

/**
 * A list of distinct option ids, checked in one pass (a counted vote re-checks every ballot, so
 * this runs 10,000 times on close); each unknown or repeated id is named by its position.
 */
function optionList(ids: readonly string[], max: number) {
	const known = new Set(ids);
	return z
		.array(z.string('err.ballot.unknownOption'), 'err.ballot.invalid')
		.min(1, 'err.ballot.empty')
		.max(max, 'err.ballot.tooMany')
		.superRefine((list, ctx) => {
			for (let i = 0; i < list.length; i++) {
				const id = list[i]!;
				if (!known.has(id))
					ctx.addIssue({ code: 'custom', message: 'err.ballot.unknownOption', path: [i] });
				else if (list.indexOf(id) !== i)
					ctx.addIssue({ code: 'custom', message: 'err.ballot.duplicate', path: [i] });
			}
		});
}

/**
 * A score card: every option scored, a whole number SCORE_MIN..SCORE_MAX, nothing else. One
 * function rather than a zod shape per option: on 10,000 ballots it is several times faster, and
 * a malformed card comes from a broken client, so one message for the whole card is enough.
 */
function scoreCard(ids: readonly string[]) {
	const known = new Set(ids);
	return z.custom<Record<string, number>>((v) => {
		if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
		let scored = 0;
		for (const [id, s] of Object.entries(v)) {
			if (!known.has(id) || !Number.isInteger(s) || s < SCORE_MIN || s > SCORE_MAX) return false;
			scored++;
		}
		return scored === known.size;
	}, 'err.ballot.score');
}

function buildBallotSchema(vote: VoteSpec): z.ZodType<Ballot> {
	if (vote.method === 'yna') return z.strictObject({ choice: z.enum(YNA_CHOICES) });
	const ids = vote.options.map((o) => o.id);
	switch (vote.method) {
		case 'single':
			return z.strictObject({
				choice: z.enum(ids as [string, ...string[]], 'err.ballot.unknownOption')
			});
		case 'multiple':
			return z.strictObject({ choices: optionList(ids, vote.maxChoices ?? ids.length) });
		case 'score':
			// Every option is scored: a blank is not read as 0.
			return z.strictObject({ scores: scoreCard(ids) });
		default:
			return z.strictObject({ ranking: optionList(ids, ids.length) });
	}
}

const schemas = new WeakMap<VoteSpec, z.ZodType<Ballot>>();

/** The ballot schema of one vote (built once per vote object). */
export function ballotSchema(vote: VoteSpec): z.ZodType<Ballot> {
	let schema = schemas.get(vote);
	if (!schema) {
		schema = buildBallotSchema(vote);
		schemas.set(vote, schema);
	}
	return schema;
}

export interface BallotIssue {
	/** Where in the ballot, e.g. `ranking.2`. */
	path: string;
	/** A message catalogue key (`err.ballot.*`) or zod's own message. */
	message: string;
}

export type BallotParse = { ok: true; ballot: Ballot } | { ok: false; issues: BallotIssue[] };

/** Check one ballot against its vote: the ballot, or why it is refused. */
export function parseBallot(vote: VoteSpec, input: unknown): BallotParse {
	const r = ballotSchema(vote).safeParse(input);
	if (r.success) return { ok: true, ballot: r.data };
	return {
		ok: false,
		issues: r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }))
	};
}

// What the schema gives is what `tally` takes: a drift between the two fails the type check.
const _voteSpecMatches: z.ZodType<VoteSpec> = voteSpecSchema;
