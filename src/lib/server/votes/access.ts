/**
 * Which vote, motion or resolution, and may this person touch it: every entry point (pages,
 * API, socket handlers, jobs) comes through here, so the permission module is asked the same
 * question whichever way a request arrives.
 */
import { eq } from 'drizzle-orm';
import type { DbLike } from '../db';
import { votes, type VoteRow } from '../db/schema';
import { forbidden, notFound } from '../errors';
import { loadMeeting, meetingScope } from '../meetings/meetings';
import { can, type Action, type Actor, type Scope } from '../../shared/permissions';

/** The permission scope of something in a meeting (or of a poll, when meetingId is null). */
export function decisionScope(
	db: DbLike,
	committeeId: string,
	meetingId: string | null,
	electorate: VoteRow['electorate'] = 'members'
): Scope {
	if (meetingId) return meetingScope(loadMeeting(db, meetingId));
	return { committeeId, vote: { electorate } };
}

export const voteScope = (db: DbLike, v: VoteRow): Scope =>
	decisionScope(db, v.committeeId, v.meetingId, v.electorate);

export function loadVote(db: DbLike, id: string): VoteRow {
	const v = db.select().from(votes).where(eq(votes.id, id)).get();
	if (!v) throw notFound();
	return v;
}

/**
 * A vote the actor may see (404 otherwise, so its existence does not leak), and, when `action`
 * is given, may also do that to (403).
 */
export function voteFor(db: DbLike, actor: Actor, id: string, action?: Action): VoteRow {
	const v = loadVote(db, id);
	const scope = voteScope(db, v);
	if (!can(actor, 'vote.view', scope)) throw notFound();
	if (action && !can(actor, action, scope)) throw forbidden();
	return v;
}
