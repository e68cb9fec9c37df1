/**
 * Motions (动议/议案): prepared before a meeting or raised live by the chair or the secretary,
 * on an agenda item. The text may be amended until a vote on it opens; every text it had is
 * kept, oldest first.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db, DbLike } from '../db';
import { newId } from '../db/ids';
import { motionRevisions, motions, users, votes, type Motion } from '../db/schema';
import { AppError, forbidden, notFound } from '../errors';
import { audit, committeeChain } from '../platform/audit';
import { agendaItems } from '../hall/open';
import { loadMeeting } from '../meetings/meetings';
import { decisionScope } from './access';
import { can, type Actor } from '../../shared/permissions';
import type { MotionView } from '../../shared/votes/view';

export interface MotionInput {
	title: string;
	text: string;
	meetingId?: string | null;
	agendaItemId?: string | null;
	committeeId?: string;
}

function toView(db: DbLike, m: Motion): MotionView {
	const revisions = db
		.select({ text: motionRevisions.text, at: motionRevisions.createdAt, name: users.displayName })
		.from(motionRevisions)
		.leftJoin(users, eq(users.id, motionRevisions.authorId))
		.where(eq(motionRevisions.motionId, m.id))
		.orderBy(asc(motionRevisions.createdAt), asc(motionRevisions.id))
		.all();
	const voteIds = db
		.select({ id: votes.id })
		.from(votes)
		.where(eq(votes.motionId, m.id))
		.orderBy(asc(votes.createdAt))
		.all()
		.map((v) => v.id);
	return {
		id: m.id,
		committeeId: m.committeeId,
		meetingId: m.meetingId,
		agendaItemId: m.itemId,
		title: m.title,
		text: m.text,
		status: m.status,
		reason: m.reason,
		revisions: revisions.map((r) => ({
			text: r.text,
			authorName: r.name ?? '',
			at: r.at.getTime()
		})),
		voteIds,
		createdAt: m.createdAt.getTime()
	};
}

/** Where a motion or vote sits: its committee, and (in a meeting) an item on that meeting's agenda. */
export function placeIn(
	db: Db,
	actor: Actor,
	input: { meetingId?: string | null; agendaItemId?: string | null; committeeId?: string }
) {
	const meetingId = input.meetingId ?? null;
	let committeeId = input.committeeId;
	if (meetingId) {
		const meeting = loadMeeting(db, meetingId);
		committeeId = meeting.committeeId;
		if (meeting.status === 'closed' || meeting.status === 'cancelled')
			throw new AppError(409, 'err.vote.meetingOver');
		if (input.agendaItemId && !agendaItems(db, meetingId).some((i) => i.id === input.agendaItemId))
			throw new AppError(422, 'err.validation', { agendaItemId: ['err.hallNoSuchItem'] });
	} else {
		if (input.agendaItemId)
			throw new AppError(422, 'err.validation', { agendaItemId: ['err.vote.itemWithoutMeeting'] });
		committeeId ??= actor.roles.find((r) =>
			can(actor, 'vote.manage', { committeeId: r.committeeId })
		)?.committeeId;
	}
	if (!committeeId) throw forbidden();
	return { committeeId, meetingId, itemId: meetingId ? (input.agendaItemId ?? null) : null };
}

export function createMotion(db: Db, actor: Actor, input: MotionInput): MotionView {
	const place = placeIn(db, actor, input);
	if (!can(actor, 'vote.manage', decisionScope(db, place.committeeId, place.meetingId)))
		throw forbidden();
	const now = new Date();
	const id = newId();
	db.transaction((tx) => {
		tx.insert(motions)
			.values({
				id,
				...place,
				title: input.title,
				text: input.text,
				createdBy: actor.userId,
				createdAt: now,
				updatedAt: now
			})
			.run();
		tx.insert(motionRevisions)
			.values({
				id: newId(),
				motionId: id,
				text: input.text,
				authorId: actor.userId,
				createdAt: now
			})
			.run();
		audit(
			tx,
			actor.userId,
			'motion.create',
			id,
			{ title: input.title },
			committeeChain(place.committeeId)
		);
	});
	return toView(db, db.select().from(motions).where(eq(motions.id, id)).get()!);
}

function motionFor(db: DbLike, actor: Actor, id: string): Motion {
	const m = db.select().from(motions).where(eq(motions.id, id)).get();
	if (!m) throw notFound();
	const scope = decisionScope(db, m.committeeId, m.meetingId);
	if (!can(actor, 'vote.view', scope)) throw notFound();
	return m;
}

export function getMotion(db: Db, actor: Actor, id: string): MotionView {
	return toView(db, motionFor(db, actor, id));
}

/** Amend a motion's text (or title): refused once a vote on it has opened. */
export function amendMotion(
	db: Db,
	actor: Actor,
	id: string,
	input: { title?: string; text?: string }
): MotionView {
	const m = motionFor(db, actor, id);
	if (!can(actor, 'vote.manage', decisionScope(db, m.committeeId, m.meetingId))) throw forbidden();
	if (m.status !== 'draft') throw new AppError(409, 'err.motion.locked');
	const now = new Date();
	db.transaction((tx) => {
		const changed = tx
			.update(motions)
			.set({ title: input.title ?? m.title, text: input.text ?? m.text, updatedAt: now })
			.where(and(eq(motions.id, id), eq(motions.status, 'draft')))
			.run();
		if (changed.changes !== 1) throw new AppError(409, 'err.motion.locked');
		if (input.text !== undefined && input.text !== m.text)
			tx.insert(motionRevisions)
				.values({
					id: newId(),
					motionId: id,
					text: input.text,
					authorId: actor.userId,
					createdAt: now
				})
				.run();
		audit(tx, actor.userId, 'motion.amend', id, {}, committeeChain(m.committeeId));
	});
	return getMotion(db, actor, id);
}

export function listMotions(db: Db, actor: Actor, meetingId: string): MotionView[] {
	const meeting = loadMeeting(db, meetingId);
	if (!can(actor, 'vote.view', decisionScope(db, meeting.committeeId, meetingId))) throw notFound();
	return db
		.select()
		.from(motions)
		.where(eq(motions.meetingId, meetingId))
		.orderBy(asc(motions.createdAt))
		.all()
		.map((m) => toView(db, m));
}

/** Motions by id, for views that list several (resolutions, the hall). */
export function motionTitles(db: DbLike, ids: string[]): Map<string, string> {
	if (!ids.length) return new Map();
	return new Map(
		db
			.select({ id: motions.id, title: motions.title })
			.from(motions)
			.where(inArray(motions.id, ids))
			.all()
			.map((m) => [m.id, m.title])
	);
}
