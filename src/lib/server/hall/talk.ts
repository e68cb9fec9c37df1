/**
 * What people in the hall say besides speaking: questions others upvote (the chair picks and
 * answers them), reactions to the current item (support / oppose / unclear), and comments per
 * agenda item, moderated by the chair or the secretary.
 *
 * Everything here is plain text, stored as typed and shown through Svelte's escaping: nothing a
 * participant types can run as script in another's page. Ids come from the client, so a retried
 * ask or comment is stored once.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { comments, questionVotes, questions, reactions, users } from '../db/schema';
import { AppError, forbidden, notFound } from '../errors';
import type { OpenHall } from './registry';
import { getHub } from '../platform/hub';
import type { CommentView, QuestionView, ReactionCounts, ReactionKind } from '../../shared/hall';
import { can, type Actor } from '../../shared/permissions';
import { hallScope, isAgendaItem, mustBeAllowed, openHall } from './open';
import { hallRoom } from '../../shared/rooms';

type QuestionRow = typeof questions.$inferSelect;
type CommentRow = typeof comments.$inferSelect;

const toQuestion = (q: QuestionRow, authorName: string): QuestionView => ({
	id: q.id,
	itemId: q.itemId,
	authorId: q.authorId,
	authorName,
	// A hidden question keeps its place but not its words.
	body: q.status === 'hidden' ? '' : q.body,
	status: q.status,
	answer: q.answer,
	upvotes: q.upvotes,
	createdAt: q.createdAt.getTime()
});

const toComment = (c: CommentRow, authorName: string): CommentView => ({
	id: c.id,
	itemId: c.itemId,
	authorId: c.authorId,
	authorName,
	body: c.hidden ? '' : c.body,
	hidden: c.hidden,
	pinned: c.pinned,
	createdAt: c.createdAt.getTime()
});

function participating(db: Db, actor: Actor, meetingId: string): OpenHall {
	const hall = openHall(db, meetingId);
	// "Not live" only to those who could take part once it is: an observer is simply refused.
	mustBeAllowed(actor, hall, 'hall.participate');
	return hall;
}

/** Questions may be about the whole meeting (null); reactions and comments are always about an agenda item. */
function requireItem(db: Db, hall: OpenHall, itemId: string | null) {
	if (itemId !== null && !isAgendaItem(db, hall, itemId))
		throw new AppError(422, 'err.validation', { itemId: ['err.hallNoSuchItem'] });
}

function moderating(db: Db, actor: Actor, meetingId: string): OpenHall {
	const hall = openHall(db, meetingId);
	if (!can(actor, 'hall.moderate', hallScope(hall)) || !can(actor, 'hall.join', hallScope(hall)))
		throw forbidden();
	return hall;
}

const nameOf = (db: Db, userId: string) =>
	db.select({ name: users.displayName }).from(users).where(eq(users.id, userId)).get()?.name ?? '';

function questionView(db: Db, id: string): QuestionView | null {
	const row = db
		.select({ q: questions, name: users.displayName })
		.from(questions)
		.innerJoin(users, eq(users.id, questions.authorId))
		.where(eq(questions.id, id))
		.get();
	return row ? toQuestion(row.q, row.name) : null;
}

// --- questions ----------------------------------------------------------------------------------

export function askQuestion(
	db: Db,
	actor: Actor,
	meetingId: string,
	input: { id: string; itemId: string | null; body: string }
): QuestionView {
	requireItem(db, participating(db, actor, meetingId), input.itemId);
	const existing = db.select().from(questions).where(eq(questions.id, input.id)).get();
	if (existing) {
		// The same ask retried: answer as the first time. Someone else's id: refuse.
		if (existing.authorId !== actor.userId || existing.meetingId !== meetingId)
			throw new AppError(409, 'err.conflict');
		return questionView(db, input.id)!;
	}
	db.insert(questions)
		.values({
			id: input.id,
			meetingId,
			itemId: input.itemId,
			authorId: actor.userId,
			body: input.body,
			createdAt: new Date()
		})
		.run();
	const view = questionView(db, input.id)!;
	getHub().emit(hallRoom(meetingId), 'hall:question', { ...view, meetingId });
	return view;
}

/** Upvote someone else's question (once), or take one's upvote back (`up` false). */
export function upvoteQuestion(
	db: Db,
	actor: Actor,
	meetingId: string,
	questionId: string,
	up = true
): QuestionView {
	participating(db, actor, meetingId);
	const q = db
		.select()
		.from(questions)
		.where(and(eq(questions.id, questionId), eq(questions.meetingId, meetingId)))
		.get();
	if (!q || q.status === 'hidden') throw notFound();
	if (q.authorId === actor.userId) throw new AppError(409, 'err.ownQuestion');
	const changed = db.transaction(
		(tx) => {
			const vote = and(
				eq(questionVotes.questionId, questionId),
				eq(questionVotes.userId, actor.userId)
			);
			const r = up
				? tx
						.insert(questionVotes)
						.values({ questionId, userId: actor.userId })
						.onConflictDoNothing()
						.run()
				: tx.delete(questionVotes).where(vote).run();
			if (r.changes === 0) return false;
			tx.update(questions)
				.set({ upvotes: sql`${questions.upvotes} ${sql.raw(up ? '+' : '-')} 1` })
				.where(eq(questions.id, questionId))
				.run();
			return true;
		},
		{ behavior: 'immediate' }
	);
	const view = questionView(db, questionId)!;
	if (changed) getHub().emit(hallRoom(meetingId), 'hall:question', { ...view, meetingId });
	return view;
}

/** The chair or a moderator picks a question to put to the hall, answers it, or hides it. */
export function moderateQuestion(
	db: Db,
	actor: Actor,
	meetingId: string,
	input: { questionId: string; action: 'pick' | 'answer' | 'hide'; answer?: string }
): QuestionView {
	moderating(db, actor, meetingId);
	const q = db
		.select()
		.from(questions)
		.where(and(eq(questions.id, input.questionId), eq(questions.meetingId, meetingId)))
		.get();
	if (!q) throw notFound();
	if (input.action === 'answer' && !input.answer)
		throw new AppError(422, 'err.validation', { answer: ['err.required'] });
	const set =
		input.action === 'pick'
			? { status: 'picked' as const }
			: input.action === 'answer'
				? { status: 'answered' as const, answer: input.answer! }
				: { status: 'hidden' as const };
	db.update(questions).set(set).where(eq(questions.id, q.id)).run();
	const view = questionView(db, q.id)!;
	getHub().emit(hallRoom(meetingId), 'hall:question', { ...view, meetingId });
	return view;
}

// --- reactions ----------------------------------------------------------------------------------

export function reactionCounts(db: Db, meetingId: string, itemId: string): ReactionCounts {
	const counts: ReactionCounts = { support: 0, oppose: 0, unclear: 0 };
	const rows = db
		.select({ kind: reactions.kind, n: sql<number>`count(*)` })
		.from(reactions)
		.where(and(eq(reactions.meetingId, meetingId), eq(reactions.itemId, itemId)))
		.groupBy(reactions.kind)
		.all();
	for (const r of rows) counts[r.kind] = r.n;
	return counts;
}

/** React to an agenda item (one reaction per person per item; null takes it back). */
export function react(
	db: Db,
	actor: Actor,
	meetingId: string,
	itemId: string,
	kind: ReactionKind | null
) {
	requireItem(db, participating(db, actor, meetingId), itemId);
	const where = and(
		eq(reactions.meetingId, meetingId),
		eq(reactions.itemId, itemId),
		eq(reactions.userId, actor.userId)
	);
	const before =
		db.select({ kind: reactions.kind }).from(reactions).where(where).get()?.kind ?? null;
	if (before !== kind) {
		if (kind)
			db.insert(reactions)
				.values({ meetingId, itemId, userId: actor.userId, kind })
				.onConflictDoUpdate({
					target: [reactions.meetingId, reactions.itemId, reactions.userId],
					set: { kind }
				})
				.run();
		else db.delete(reactions).where(where).run();
	}
	const counts = reactionCounts(db, meetingId, itemId);
	if (before !== kind)
		getHub().emit(hallRoom(meetingId), 'hall:reactions', { meetingId, itemId, counts });
	return { itemId, counts };
}

// --- comments -----------------------------------------------------------------------------------

export function postComment(
	db: Db,
	actor: Actor,
	meetingId: string,
	input: { id: string; itemId: string; body: string }
): CommentView {
	requireItem(db, participating(db, actor, meetingId), input.itemId);
	const existing = db.select().from(comments).where(eq(comments.id, input.id)).get();
	if (existing) {
		if (existing.authorId !== actor.userId || existing.meetingId !== meetingId)
			throw new AppError(409, 'err.conflict');
		return toComment(existing, nameOf(db, actor.userId));
	}
	const row = {
		id: input.id,
		meetingId,
		itemId: input.itemId,
		authorId: actor.userId,
		body: input.body,
		hidden: false,
		pinned: false,
		createdAt: new Date()
	};
	db.insert(comments).values(row).run();
	const view = toComment(row, nameOf(db, actor.userId));
	getHub().emit(hallRoom(meetingId), 'hall:comment', { ...view, meetingId });
	return view;
}

export function moderateComment(
	db: Db,
	actor: Actor,
	meetingId: string,
	commentId: string,
	action: 'hide' | 'unhide' | 'pin' | 'unpin'
): CommentView {
	moderating(db, actor, meetingId);
	const c = db
		.select()
		.from(comments)
		.where(and(eq(comments.id, commentId), eq(comments.meetingId, meetingId)))
		.get();
	if (!c) throw notFound();
	const set =
		action === 'hide'
			? { hidden: true }
			: action === 'unhide'
				? { hidden: false }
				: { pinned: action === 'pin' };
	db.update(comments).set(set).where(eq(comments.id, commentId)).run();
	const view = toComment({ ...c, ...set }, nameOf(db, c.authorId));
	getHub().emit(hallRoom(meetingId), 'hall:comment', { ...view, meetingId });
	return view;
}

// --- for the snapshot and the record --------------------------------------------------------------

export function listQuestions(db: Db, meetingId: string): QuestionView[] {
	return db
		.select({ q: questions, name: users.displayName })
		.from(questions)
		.innerJoin(users, eq(users.id, questions.authorId))
		.where(eq(questions.meetingId, meetingId))
		.orderBy(asc(questions.createdAt))
		.all()
		.map((r) => toQuestion(r.q, r.name));
}

/** Questions, comments, reaction counts and the person's own upvotes and reactions, for entering the hall. */
export function talkSnapshot(db: Db, actor: Actor, hall: OpenHall) {
	const meetingId = hall.state.meetingId;
	const commentRows = db
		.select({ c: comments, name: users.displayName })
		.from(comments)
		.innerJoin(users, eq(users.id, comments.authorId))
		.where(eq(comments.meetingId, meetingId))
		.orderBy(asc(comments.createdAt))
		.all();
	const reactionRows = db
		.select({ itemId: reactions.itemId, kind: reactions.kind, n: sql<number>`count(*)` })
		.from(reactions)
		.where(eq(reactions.meetingId, meetingId))
		.groupBy(reactions.itemId, reactions.kind)
		.all();
	const counts: Record<string, ReactionCounts> = {};
	for (const r of reactionRows)
		(counts[r.itemId] ??= { support: 0, oppose: 0, unclear: 0 })[r.kind] = r.n;
	const upvoted = db
		.select({ id: questionVotes.questionId })
		.from(questionVotes)
		.innerJoin(questions, eq(questions.id, questionVotes.questionId))
		.where(and(eq(questions.meetingId, meetingId), eq(questionVotes.userId, actor.userId)))
		.all();
	const mine = db
		.select({ itemId: reactions.itemId, kind: reactions.kind })
		.from(reactions)
		.where(and(eq(reactions.meetingId, meetingId), eq(reactions.userId, actor.userId)))
		.all();
	return {
		questions: listQuestions(db, meetingId),
		comments: commentRows.map((r) => toComment(r.c, r.name)),
		reactions: counts,
		mine: {
			upvoted: upvoted.map((u) => u.id),
			reactions: Object.fromEntries(mine.map((m) => [m.itemId, m.kind]))
		}
	};
}
