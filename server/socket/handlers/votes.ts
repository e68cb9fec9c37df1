/**
 * Handlers for `vote:*`: decisions in the hall. Each asks the votes service, which checks
 * permission and the roll and stores before anything is broadcast; the answer goes back in the
 * acknowledgement (for a ballot: only once it is durable).
 */
import type { Db } from '../../../src/lib/server/db';
import * as votes from '../../../src/lib/server/votes';
import type { ClientEventsOf } from '../../../src/lib/shared/events';
import type { Handlers, YitingSocket } from '../types';

/** A person's action: a retry (same id) from any of their connections takes effect once. */
const action = { dedupe: 'person', cost: 1 } as const;
/** Reads: safe to repeat, not remembered. */
const read = { dedupe: 'none', cost: 1 } as const;

export function voteHandlers(db: Db) {
	const actor = (s: YitingSocket) => s.data.actor;
	return {
		'vote:create': {
			...action,
			run: (socket, p) =>
				votes.getVote(db, actor(socket), votes.createVote(db, actor(socket), p.input))
		},
		'vote:open': {
			...action,
			run: (socket, p) => {
				votes.openVote(db, actor(socket), p.voteId);
				return votes.getVote(db, actor(socket), p.voteId);
			}
		},
		'vote:close': {
			...action,
			run: (socket, p) => {
				votes.closeVote(db, actor(socket), p.voteId);
				return votes.getVote(db, actor(socket), p.voteId);
			}
		},
		'vote:cast': {
			...action,
			// Casts arriving together share one durable commit (a thousand voters in a second).
			run: (socket, p) => {
				const { id: _id, voteId, ...ballot } = p;
				return votes.castBallotBatched(db, actor(socket), voteId, ballot);
			}
		},
		'vote:get': {
			...read,
			run: (socket, p) => {
				const a = actor(socket);
				const vote = votes.getVote(db, a, p.voteId);
				return { vote, seats: votes.mySeats(db, a, votes.voteFor(db, a, p.voteId)) };
			}
		},
		'vote:roll': { ...read, run: (socket, p) => votes.rollView(db, actor(socket), p.voteId) },
		'vote:roomCount': {
			...action,
			run: (socket, p) =>
				votes.recordRoomCount(db, actor(socket), p.voteId, { seats: p.seats, counts: p.counts })
		},
		'vote:casting': {
			...action,
			run: (socket, p) => votes.castingVote(db, actor(socket), p.voteId, p.optionId)
		},
		'vote:revote': {
			...action,
			run: (socket, p) =>
				votes.getVote(db, actor(socket), votes.revote(db, actor(socket), p.voteId))
		}
	} satisfies Handlers<ClientEventsOf<'vote'>>;
}
