/**
 * The dashboard's figures, kept between calls while nothing behind them changed. A figure is
 * reused only under the same data version (bumped by triggers, migration 0012, inside every
 * write of a row the figures read) and only until the next open task of the committee falls due
 * (the one figure that moves with the clock is "overdue"). So a committed write is seen by the
 * very next call, and no figure is ever served older than the data: there is no time to live.
 */
import { sql } from 'drizzle-orm';
import type { DbLike } from '../db';
import { OPEN_TASK_STATUSES } from '../../shared/tasks/options';

const openList = sql.raw(OPEN_TASK_STATUSES.map((s) => `'${s}'`).join(', '));

/** A few periods per committee and language are asked for; more is a sign of a crawler. */
const MAX_ENTRIES = 64;

interface Entry<T> {
	version: number;
	/** The instant the figures were computed for. */
	at: number;
	/** They hold until this instant (inclusive): the next open task's due time after `at`. */
	until: number;
	value: T;
}

const caches = new WeakMap<object, Map<string, Entry<unknown>>>();

/** The data version: bumped by every write of a row the dashboard's figures read. */
export function dataVersion(db: DbLike): number {
	return db.get<{ v: number }>(sql`select v from insight_version where id = 1`)?.v ?? 0;
}

function nextDue(db: DbLike, committeeId: string, at: number): number {
	const row = db.get<{ due: number | null }>(sql`
		select min(due_at) as due from task
		where committee_id = ${committeeId} and status in (${openList}) and due_at >= ${at}`);
	return row?.due ?? Number.POSITIVE_INFINITY;
}

/** A handle that reads committed data only: inside a transaction a cached value could outlive a rollback. */
function committedHandle(db: DbLike): object | null {
	const client = (db as { $client?: { inTransaction?: boolean } }).$client;
	return client && client.inTransaction === false ? client : null;
}

/**
 * `compute()`'s value for `key` at `now`, reused while the data version is the same and no open
 * task fell due since it was computed.
 */
export function cachedFigures<T>(
	db: DbLike,
	committeeId: string,
	key: string,
	now: Date,
	compute: () => T
): T {
	const handle = committedHandle(db);
	if (!handle) return compute();
	let cache = caches.get(handle);
	if (!cache) caches.set(handle, (cache = new Map()));
	const k = `${committeeId}|${key}`;
	const version = dataVersion(db);
	const t = now.getTime();
	const hit = cache.get(k);
	if (hit && hit.version === version && hit.at <= t && t <= hit.until) return hit.value as T;
	const value = compute();
	if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
	cache.delete(k);
	cache.set(k, { version, at: t, until: nextDue(db, committeeId, t), value });
	return value;
}
