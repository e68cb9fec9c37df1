/**
 * What every cast re-reads about an open vote, kept in memory: the vote's row (nothing a cast
 * uses changes while it is open) and its permission scope (the meeting and its audience). Each
 * cast still reads the vote's status, so a vote that closed, or was reopened by a revote, is
 * loaded afresh; an entry is dropped when its meeting changes or closes.
 *
 * On globalThis under a name, as the domain events are: SvelteKit's bundle and the custom
 * server load their own copies of this module, and one listener serves both.
 */
import type Database from 'better-sqlite3';
import type { DbLike } from '../db';
import type { VoteRow } from '../db/schema';
import { connectionOf, statement } from '../db/statements';
import { notFound } from '../errors';
import { onDomainEvent } from '../platform/domain-events';
import { loadVote, voteScope } from './access';
import type { Scope } from '../../shared/permissions';

export interface OpenVote {
	v: VoteRow;
	scope: Scope;
}

const KEY = Symbol.for('yiting.openVotes');
type G = typeof globalThis & { [KEY]?: WeakMap<Database.Database, Map<string, OpenVote>> };
const all = () => ((globalThis as G)[KEY] ??= new WeakMap());

function cacheOf(db: DbLike): Map<string, OpenVote> {
	const client = connectionOf(db);
	let mine = all().get(client);
	if (!mine) all().set(client, (mine = new Map()));
	return mine;
}

/** The vote's status as stored now (404 when there is no such vote). */
export function voteStatus(db: DbLike, id: string): VoteRow['status'] {
	const row = statement(db, 'SELECT status FROM vote WHERE id = ?').get(id) as
		{ status: VoteRow['status'] } | undefined;
	if (!row) throw notFound();
	return row.status;
}

/** The vote and its permission scope: from memory while it stays open, else from the tables. */
export function voteWithScope(db: DbLike, id: string): OpenVote {
	const cache = cacheOf(db);
	const status = voteStatus(db, id);
	const kept = cache.get(id);
	if (kept && status === 'open') return kept;
	cache.delete(id);
	const v = loadVote(db, id);
	const found = { v, scope: voteScope(db, v) };
	if (v.status === 'open') cache.set(id, found);
	return found;
}

/** A vote closed: its entry goes (a cast would find the status changed anyway; this frees it). */
export function forgetVote(db: DbLike, id: string): void {
	cacheOf(db).delete(id);
}

function forgetMeeting(db: DbLike, meetingId: string): void {
	const cache = cacheOf(db);
	for (const [id, o] of cache) if (o.v.meetingId === meetingId) cache.delete(id);
}

onDomainEvent('meeting.changed', 'votes.openVotes', ({ db, meetingId }) =>
	forgetMeeting(db, meetingId)
);
onDomainEvent('meeting.closing', 'votes.openVotes', ({ tx, meetingId }) =>
	forgetMeeting(tx, meetingId)
);
