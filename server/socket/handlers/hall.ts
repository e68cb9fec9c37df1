/**
 * Handlers for `hall:*`: the live hall. Each asks the hall services, which check permission
 * and store before anything is broadcast; the answer goes back in the acknowledgement.
 */
import type { Db } from '../../../src/lib/server/db';
import { checkIn, joinHall, leaveHall } from '../../../src/lib/server/hall/attendance';
import { editQueue, floor, raiseHand } from '../../../src/lib/server/hall/floor';
import { moveAgenda } from '../../../src/lib/server/hall/session';
import {
	askQuestion,
	moderateComment,
	moderateQuestion,
	postComment,
	react,
	upvoteQuestion
} from '../../../src/lib/server/hall/talk';
import type { ClientEventsOf } from '../../../src/lib/shared/events';
import { hallRoom } from '../../../src/lib/shared/rooms';
import type { Handlers, YitingSocket } from '../types';

/** A person's action: a retry (same id) from any of their connections takes effect once. */
const action = { dedupe: 'person', cost: 1 } as const;
/**
 * Entering and leaving act on the connection that sends them, are safe to repeat, and the
 * answer to entering is big: not remembered.
 */
const entry = { dedupe: 'none', cost: 1 } as const;

export function hallHandlers(db: Db) {
	const actor = (s: YitingSocket) => s.data.actor;
	return {
		'hall:join': {
			...entry,
			run: (socket, p) => {
				// In the hall's list at once, so that closing while the entry is stored still leaves.
				const mine = !socket.data.halls.has(p.meetingId);
				socket.data.halls.add(p.meetingId);
				const entered = () => {
					// Unless it left meanwhile (or closed): then it hears nothing more from the hall.
					if (socket.connected && socket.data.halls.has(p.meetingId))
						void socket.join(hallRoom(p.meetingId));
				};
				return joinHall(db, actor(socket), p.meetingId, socket.id, entered).catch(
					(err: unknown) => {
						if (mine) socket.data.halls.delete(p.meetingId);
						throw err;
					}
				);
			}
		},
		'hall:leave': {
			...entry,
			run: async (socket, p) => {
				if (socket.data.halls.delete(p.meetingId)) {
					void socket.leave(hallRoom(p.meetingId));
					// Answered once the end of their stretch is on disk.
					await leaveHall(db, p.meetingId, socket.data.userId, socket.id);
				}
				return null;
			}
		},
		'hall:checkIn': {
			...action,
			run: (socket, p) => ({ attendance: checkIn(db, actor(socket), p.meetingId) })
		},
		'hall:hand': {
			...action,
			run: (socket, p) => ({
				version: raiseHand(db, actor(socket), p.meetingId, p.raise, p.pointOfOrder ?? false).version
			})
		},
		'hall:agenda': {
			...action,
			run: (socket, p) => ({ version: moveAgenda(db, actor(socket), p.meetingId, p.to).version })
		},
		'hall:floor': {
			...action,
			run: (socket, p) => {
				const options = { userId: p.userId, seconds: p.seconds };
				return { version: floor(db, actor(socket), p.meetingId, p.action, options).version };
			}
		},
		'hall:queue': {
			...action,
			run: (socket, p) => {
				const options = { userId: p.userId, toIndex: p.toIndex };
				return { version: editQueue(db, actor(socket), p.meetingId, p.action, options).version };
			}
		},
		'hall:ask': {
			...action,
			run: (socket, p) =>
				askQuestion(db, actor(socket), p.meetingId, { id: p.id, itemId: p.itemId, body: p.body })
		},
		'hall:upvote': {
			...action,
			run: (socket, p) => upvoteQuestion(db, actor(socket), p.meetingId, p.questionId, p.up ?? true)
		},
		'hall:question': {
			...action,
			run: (socket, p) => moderateQuestion(db, actor(socket), p.meetingId, p)
		},
		'hall:react': {
			...action,
			run: (socket, p) => react(db, actor(socket), p.meetingId, p.itemId, p.kind)
		},
		'hall:comment': {
			...action,
			run: (socket, p) =>
				postComment(db, actor(socket), p.meetingId, { id: p.id, itemId: p.itemId, body: p.body })
		},
		'hall:moderate': {
			...action,
			run: (socket, p) => moderateComment(db, actor(socket), p.meetingId, p.commentId, p.action)
		}
	} satisfies Handlers<ClientEventsOf<'hall'>>;
}

/** A connection closed: it leaves every hall it was in. */
export function leaveAllHalls(db: Db, socket: YitingSocket) {
	for (const meetingId of socket.data.halls)
		// Nobody waits for this answer. Should the disk refuse it, the stretch stays open until the
		// meeting closes or the hall is next opened, both of which end it.
		leaveHall(db, meetingId, socket.data.userId, socket.id).catch(() => undefined);
	socket.data.halls.clear();
}
