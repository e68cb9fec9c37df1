/**
 * Handlers for `hall:*`: the live hall. Each asks the hall services, which check permission
 * and store before anything is broadcast; the answer goes back in the acknowledgement.
 */
import type { Db } from '../../src/lib/server/db';
import { askQuestion, moderateComment, moderateQuestion, postComment, react, upvoteQuestion } from '../../src/lib/server/hall/talk';
import type { ClientEventPayload } from '../../src/lib/shared/events';
import type { YitingSocket } from './types';
import { hallRoom } from '../../src/lib/shared/rooms';
import { checkIn, joinHall, leaveHall } from '../../src/lib/server/hall/attendance';
import { editQueue, floor, raiseHand } from '../../src/lib/server/hall/floor';
import { moveAgenda } from '../../src/lib/server/hall/session';

export function hallHandlers(db: Db) {
	const actor = (s: YitingSocket) => s.data.actor;
	return {
		'hall:join': (socket: YitingSocket, p: ClientEventPayload<'hall:join'>) => {
			const snap = joinHall(db, actor(socket), p.meetingId, socket.id);
			void socket.join(hallRoom(p.meetingId));
			socket.data.halls.add(p.meetingId);
			return snap;
		},
		'hall:leave': (socket: YitingSocket, p: ClientEventPayload<'hall:leave'>) => {
			if (socket.data.halls.delete(p.meetingId)) {
				void socket.leave(hallRoom(p.meetingId));
				leaveHall(db, p.meetingId, socket.data.userId, socket.id);
			}
			return null;
		},
		'hall:checkIn': (socket: YitingSocket, p: ClientEventPayload<'hall:checkIn'>) => ({ attendance: checkIn(db, actor(socket), p.meetingId) }),
		'hall:hand': (socket: YitingSocket, p: ClientEventPayload<'hall:hand'>) => ({ version: raiseHand(db, actor(socket), p.meetingId, p.raise, p.pointOfOrder ?? false).version }),
		'hall:agenda': (socket: YitingSocket, p: ClientEventPayload<'hall:agenda'>) => ({ version: moveAgenda(db, actor(socket), p.meetingId, p.to).version }),
		'hall:floor': (socket: YitingSocket, p: ClientEventPayload<'hall:floor'>) => ({ version: floor(db, actor(socket), p.meetingId, p.action, { userId: p.userId, seconds: p.seconds }).version }),
		'hall:queue': (socket: YitingSocket, p: ClientEventPayload<'hall:queue'>) => ({ version: editQueue(db, actor(socket), p.meetingId, p.action, { userId: p.userId, toIndex: p.toIndex }).version }),
		'hall:ask': (socket: YitingSocket, p: ClientEventPayload<'hall:ask'>) => askQuestion(db, actor(socket), p.meetingId, { id: p.id, itemId: p.itemId, body: p.body }),
		'hall:upvote': (socket: YitingSocket, p: ClientEventPayload<'hall:upvote'>) => upvoteQuestion(db, actor(socket), p.meetingId, p.questionId, p.up ?? true),
		'hall:question': (socket: YitingSocket, p: ClientEventPayload<'hall:question'>) => moderateQuestion(db, actor(socket), p.meetingId, p),
		'hall:react': (socket: YitingSocket, p: ClientEventPayload<'hall:react'>) => react(db, actor(socket), p.meetingId, p.itemId, p.kind),
		'hall:comment': (socket: YitingSocket, p: ClientEventPayload<'hall:comment'>) => postComment(db, actor(socket), p.meetingId, { id: p.id, itemId: p.itemId, body: p.body }),
		'hall:moderate': (socket: YitingSocket, p: ClientEventPayload<'hall:moderate'>) => moderateComment(db, actor(socket), p.meetingId, p.commentId, p.action)
	};
}

/** A connection closed: it leaves every hall it was in. */
export function leaveAllHalls(db: Db, socket: YitingSocket) {
	for (const meetingId of socket.data.halls) leaveHall(db, meetingId, socket.data.userId, socket.id);
	socket.data.halls.clear();
}
