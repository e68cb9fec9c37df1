/** API contracts: motions, votes, ballots, proxies and resolutions. */
import { z } from 'zod';
import {
	ballotInputSchema,
	motionAmendSchema,
	motionInputSchema,
	roomCountSchema,
	voteInputSchema
} from '../../../shared/schemas/votes';
import { METHODS, OUTCOMES } from '../../../shared/votes/methods';
import { BALLOT_ORIGINS, ELECTORATES, VOTE_STATUSES } from '../../../shared/votes/view';
import type { EndpointDef } from '../endpoint';

const counts = z.object({
	eligible: z.number(),
	present: z.number(),
	cast: z.number(),
	inRoom: z.number()
});
const result = z.object({
	outcome: z.enum(OUTCOMES),
	winner: z
		.string()
		.nullable()
		.describe('The adopted option id; null on a tie, when nothing is adopted, or inquorate'),
	tiedOptions: z.array(z.string()),
	totals: z.object({
		eligible: z.number(),
		cast: z.number(),
		valid: z.number(),
		invalid: z.number(),
		abstentions: z.number()
	}),
	quorum: z.object({
		kind: z.string(),
		required: z.number(),
		participation: z.number(),
		met: z.boolean()
	}),
	detail: z
		.looseObject({ method: z.enum(METHODS) })
		.describe(
			'Per method: yna counts and threshold; counts; IRV rounds; Borda points; Schulze pairwise table and paths; score means and medians'
		),
	hash: z.string().describe('SHA-256 of the result as published'),
	closedAt: z.string(),
	ballots: z
		.array(
			z.object({
				trackingCode: z.string().nullable(),
				ballot: z.unknown(),
				origin: z.enum(BALLOT_ORIGINS)
			})
		)
		.describe('Every counted ballot, in random order'),
	roomCounts: z.record(z.string(), z.number()).nullable(),
	named: z
		.array(z.looseObject({ seat: z.string(), name: z.string() }))
		.describe('Named votes: who voted what')
});
const seat = z.object({
	seat: z.string(),
	label: z.string(),
	proxy: z.boolean(),
	status: z.enum(['waiting', 'cast', 'room']),
	castAt: z.string().nullable(),
	trackingCode: z.string().nullable()
});
export const voteOut = z.object({
	id: z.string(),
	committeeId: z.string(),
	meetingId: z.string().nullable(),
	agendaItemId: z.string().nullable(),
	motionId: z.string().nullable(),
	title: z.string(),
	method: z.enum(METHODS),
	options: z.array(z.object({ id: z.string(), label: z.string() })),
	maxChoices: z.number().nullable(),
	secret: z.boolean(),
	trackingCodes: z.boolean(),
	liveResults: z.boolean(),
	electorate: z.enum(ELECTORATES),
	status: z.enum(VOTE_STATUSES),
	openedAt: z.string().nullable(),
	closesAt: z.string().nullable(),
	closedAt: z.string().nullable(),
	createdAt: z.string(),
	counts,
	running: z.record(z.string(), z.number()).nullable(),
	result: result.nullable(),
	seats: z
		.array(seat)
		.optional()
		.describe("The caller's own seats: whether counted, and their tracking code")
});
const motionOut = z.object({
	id: z.string(),
	meetingId: z.string().nullable(),
	agendaItemId: z.string().nullable(),
	title: z.string(),
	text: z.string(),
	status: z.string(),
	reason: z.string(),
	revisions: z.array(z.object({ text: z.string(), authorName: z.string(), at: z.string() })),
	voteIds: z.array(z.string())
});
export const resolutionOut = z.object({
	id: z.string(),
	number: z.string().describe('Per committee per year: 2026-012'),
	title: z.string(),
	text: z.string(),
	voteId: z.string(),
	motionId: z.string().nullable(),
	meetingId: z.string().nullable(),
	agendaItemId: z.string().nullable(),
	needIds: z.array(z.string()),
	byCastingVote: z.boolean(),
	adoptedAt: z.string()
});
const proxyOut = z.array(
	z.object({
		fromUserId: z.string(),
		fromName: z.string(),
		toUserId: z.string(),
		toName: z.string()
	})
);

export const createVote = {
	method: 'POST',
	path: '/votes',
	tag: 'votes',
	status: 201,
	idempotent: true,
	summary:
		'Prepare a vote (chair, secretary): in a meeting, or without meetingId an asynchronous poll (closesAt required). yna votes have the options yes/no/abstain',
	body: voteInputSchema,
	response: voteOut
} satisfies EndpointDef;

export const listVotes = {
	method: 'GET',
	path: '/votes',
	tag: 'votes',
	summary: "A meeting's votes (?meeting=), or the polls between meetings the caller may see",
	query: z.object({ meeting: z.string().max(64).optional() }),
	response: z.object({ items: z.array(voteOut), nextCursor: z.null() })
} satisfies EndpointDef;

export const getVote = {
	method: 'GET',
	path: '/votes/{id}',
	tag: 'votes',
	summary:
		"A vote, its state and counts, and the caller's seats; after close `result` with winner, outcome, rounds or pairwise table, and the ballot list",
	response: voteOut
} satisfies EndpointDef;

export const deleteVote = {
	method: 'DELETE',
	path: '/votes/{id}',
	tag: 'votes',
	status: 204,
	summary: 'Delete a vote that has not opened'
} satisfies EndpointDef;

export const openVote = {
	method: 'POST',
	path: '/votes/{id}/open',
	tag: 'votes',
	summary: 'Open a vote: the roll is fixed now, the countdown and reminders start',
	response: voteOut
} satisfies EndpointDef;

export const closeVote = {
	method: 'POST',
	path: '/votes/{id}/close',
	tag: 'votes',
	summary: 'Close a vote and return its frozen result: the same result on every call',
	response: result
} satisfies EndpointDef;

export const castBallot = {
	method: 'POST',
	path: '/votes/{id}/ballots',
	tag: 'votes',
	status: 201,
	summary:
		'Cast a ballot: { choice } (yna: yes/no/abstain; single: an option id), { choices } (multiple), { ranking } best first (irv, borda, schulze), { scores } 0–5 (score); seat for a proxy. 409 when already voted or closed, 403 when not eligible, 422 when malformed',
	body: ballotInputSchema,
	response: z.object({ voteId: z.string(), seat: z.string(), trackingCode: z.string().nullable() })
} satisfies EndpointDef;

export const getRoll = {
	method: 'GET',
	path: '/votes/{id}/roll',
	tag: 'votes',
	summary: 'The roll: who may vote, present, proxies, and who has voted (never what)',
	response: z.array(
		z.object({
			seat: z.string(),
			name: z.string(),
			unitName: z.string(),
			present: z.boolean(),
			proxyName: z.string().nullable(),
			status: z.enum(['waiting', 'cast', 'room'])
		})
	)
} satisfies EndpointDef;

export const roomCount = {
	method: 'POST',
	path: '/votes/{id}/room-count',
	tag: 'votes',
	summary:
		'A show of hands in the room (secretary): the seats that voted there and the count per option',
	body: roomCountSchema,
	response: z.object({ inRoom: z.number() })
} satisfies EndpointDef;

export const castingVote = {
	method: 'POST',
	path: '/votes/{id}/casting-vote',
	tag: 'votes',
	summary: "After a tie: the chair's casting vote for one of the tied options, recorded as such",
	body: z.strictObject({ optionId: z.string().max(64) }),
	response: z.looseObject({ kind: z.literal('casting'), optionId: z.string() })
} satisfies EndpointDef;

export const revoteVote = {
	method: 'POST',
	path: '/votes/{id}/revote',
	tag: 'votes',
	status: 201,
	summary: 'After a tie: take the vote again (a new draft linked to this one)',
	response: voteOut
} satisfies EndpointDef;

export const createMotion = {
	method: 'POST',
	path: '/motions',
	tag: 'votes',
	status: 201,
	idempotent: true,
	summary: 'Table a motion on an agenda item (chair, secretary)',
	body: motionInputSchema,
	response: motionOut
} satisfies EndpointDef;

export const getMotion = {
	method: 'GET',
	path: '/motions/{id}',
	tag: 'votes',
	summary: 'A motion with its text history and votes',
	response: motionOut
} satisfies EndpointDef;

export const amendMotion = {
	method: 'PATCH',
	path: '/motions/{id}',
	tag: 'votes',
	summary: 'Amend a motion (until a vote on it opens); the earlier text is kept',
	body: motionAmendSchema,
	response: motionOut
} satisfies EndpointDef;

export const listMotions = {
	method: 'GET',
	path: '/meetings/{id}/motions',
	tag: 'votes',
	summary: "A meeting's motions",
	response: z.object({ items: z.array(motionOut), nextCursor: z.null() })
} satisfies EndpointDef;

export const listProxies = {
	method: 'GET',
	path: '/meetings/{id}/proxies',
	tag: 'votes',
	summary: 'Who holds whose vote at this meeting',
	response: proxyOut
} satisfies EndpointDef;

export const giveProxy = {
	method: 'PUT',
	path: '/meetings/{id}/proxy',
	tag: 'votes',
	summary:
		"Hand one's vote to another voting member for this meeting (applies to votes opened after)",
	body: z.strictObject({ toUserId: z.string().max(64) }),
	response: proxyOut
} satisfies EndpointDef;

export const withdrawProxy = {
	method: 'DELETE',
	path: '/meetings/{id}/proxy',
	tag: 'votes',
	summary: "Take one's vote back",
	response: proxyOut
} satisfies EndpointDef;

export const listResolutions = {
	method: 'GET',
	path: '/resolutions',
	tag: 'votes',
	summary: 'Resolutions the caller may read, newest first (?meeting=, ?year=, ?q=, ?need=)',
	query: z.object({
		meeting: z.string().max(64).optional(),
		year: z.coerce.number().int().min(2000).max(3000).optional(),
		q: z.string().trim().max(100).optional(),
		need: z.string().max(64).optional()
	}),
	response: z.object({ items: z.array(resolutionOut), nextCursor: z.null() })
} satisfies EndpointDef;

export const getResolution = {
	method: 'GET',
	path: '/resolutions/{id}',
	tag: 'votes',
	summary: 'One resolution',
	response: resolutionOut
} satisfies EndpointDef;

export const myVotes = {
	method: 'GET',
	path: '/me/votes',
	tag: 'votes',
	summary: "The caller's vote history: the votes they cast in, with their seats and tracking codes",
	response: z.object({
		items: z.array(z.object({ vote: voteOut, seats: z.array(seat) })),
		nextCursor: z.null()
	})
} satisfies EndpointDef;
