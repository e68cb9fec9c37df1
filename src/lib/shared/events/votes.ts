/**
 * Decisions' events (表决). Votes in a meeting travel in its hall's room; polls in the
 * committee's rooms. A ballot is cast with the same checks over the socket as over the API.
 */
import { z } from 'zod';
import { voteInputSchema, roomCountSchema } from '../schemas/votes';
import type { MySeat, RollEntry, TieDecision, VoteCounts, VoteView } from '../votes/view';
import { eventId as id } from './fields';

const voteId = id;

export const voteEventSchemas = {
	/** The chair or secretary prepares a vote (a draft until opened). */
	'vote:create': z.strictObject({ id, input: voteInputSchema }),
	'vote:open': z.strictObject({ id, voteId }),
	'vote:close': z.strictObject({ id, voteId }),
	/** Cast a ballot: the counting core's shape (checked against the vote on arrival). */
	'vote:cast': z.strictObject({
		id,
		voteId,
		seat: z.string().max(80).optional(),
		choice: z.unknown().optional(),
		choices: z.unknown().optional(),
		ranking: z.unknown().optional(),
		scores: z.unknown().optional()
	}),
	/** A vote with the asker's own seats (whether their ballot was counted, their tracking code). */
	'vote:get': z.strictObject({ id, voteId }),
	'vote:roll': z.strictObject({ id, voteId }),
	/** The recorder's show-of-hands count for those in the room. */
	'vote:roomCount': z.strictObject({ id, voteId, ...roomCountSchema.shape }),
	/** After a tie: the chair's casting vote, or a re-vote. */
	'vote:casting': z.strictObject({ id, voteId, optionId: id }),
	'vote:revote': z.strictObject({ id, voteId })
} as const;

export interface VoteEventResults {
	'vote:create': VoteView;
	'vote:open': VoteView;
	'vote:close': VoteView;
	'vote:cast': { voteId: string; seat: string; trackingCode: string | null };
	'vote:get': { vote: VoteView; seats: MySeat[] };
	'vote:roll': RollEntry[];
	'vote:roomCount': { inRoom: number };
	'vote:casting': TieDecision;
	'vote:revote': VoteView;
}

/** The live count of an open vote (coalesced: at most a few per second, however fast ballots arrive). */
export interface VoteCountEvent {
	voteId: string;
	meetingId: string | null;
	counts: VoteCounts;
	running: Record<string, number> | null;
}

export interface VoteServerEvents {
	/** A vote opened, closed or was decided after a tie. Closed votes come without the ballot list and the named list (ask `vote:get`). */
	'vote:changed': (payload: VoteView) => void;
	'vote:count': (payload: VoteCountEvent) => void;
}
