/**
 * Notices as pages and the API read them: with the task's title, the unit's and people's names,
 * a status (awaiting reply, replied, late) read at the moment of the request, and whether the
 * reader may reply.
 */
import { and, desc, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import type { DbLike } from '../db';
import { supervisionNotices, tasks, units, users, type SupervisionNoticeRow } from '../db/schema';
import { can, type Actor } from '../../shared/permissions';
import { committeeOf, maySeeNotice, noticeFor } from './access';

export const NOTICE_STATUSES = ['awaiting', 'replied', 'late'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

export interface NoticeView {
	id: string;
	taskId: string | null;
	taskTitle: string;
	unitId: string;
	unitName: string;
	text: string;
	replyBy: Date;
	issuedAt: Date;
	issuedByName: string;
	reply: string | null;
	repliedAt: Date | null;
	repliedByName: string;
	lateAt: Date | null;
	status: NoticeStatus;
	/** Replied, but after the deadline. */
	repliedLate: boolean;
	canReply: boolean;
}

export function noticeStatus(n: SupervisionNoticeRow, now: Date): NoticeStatus {
	if (n.repliedAt) return 'replied';
	return n.lateAt || n.replyBy <= now ? 'late' : 'awaiting';
}

function nameMap<T extends { id: string; name: string }>(rows: T[]) {
	return new Map(rows.map((r) => [r.id, r.name]));
}

function toViews(db: DbLike, actor: Actor, rows: SupervisionNoticeRow[], now: Date): NoticeView[] {
	if (!rows.length) return [];
	const taskIds = [...new Set(rows.map((r) => r.taskId).filter((t): t is string => !!t))];
	const unitIds = [...new Set(rows.map((r) => r.unitId))];
	const userIds = [
		...new Set(rows.flatMap((r) => [r.issuedBy, r.repliedBy]).filter((u): u is string => !!u))
	];
	const titles = nameMap(
		taskIds.length
			? db
					.select({ id: tasks.id, name: tasks.title })
					.from(tasks)
					.where(inArray(tasks.id, taskIds))
					.all()
			: []
	);
	const unitNames = nameMap(
		db
			.select({ id: units.id, name: units.name })
			.from(units)
			.where(inArray(units.id, unitIds))
			.all()
	);
	const people = nameMap(
		userIds.length
			? db
					.select({ id: users.id, name: users.displayName })
					.from(users)
					.where(inArray(users.id, userIds))
					.all()
			: []
	);
	return rows.map((n) => ({
		id: n.id,
		taskId: n.taskId,
		taskTitle: (n.taskId && titles.get(n.taskId)) || '',
		unitId: n.unitId,
		unitName: unitNames.get(n.unitId) ?? '',
		text: n.text,
		replyBy: n.replyBy,
		issuedAt: n.issuedAt,
		issuedByName: (n.issuedBy && people.get(n.issuedBy)) || '',
		reply: n.reply,
		repliedAt: n.repliedAt,
		repliedByName: (n.repliedBy && people.get(n.repliedBy)) || '',
		lateAt: n.lateAt,
		status: noticeStatus(n, now),
		repliedLate: !!n.repliedAt && n.repliedAt > n.replyBy,
		canReply:
			!n.repliedAt && can(actor, 'notice.reply', { committeeId: n.committeeId, unitId: n.unitId })
	}));
}

export interface NoticeFilter {
	unitId?: string;
	taskId?: string;
	/** Only those still waiting for a reply. */
	open?: boolean;
	limit?: number;
}

/** The notices the actor may read, newest first. */
export function listNotices(
	db: DbLike,
	actor: Actor,
	f: NoticeFilter = {},
	now = new Date()
): NoticeView[] {
	const committeeId = committeeOf(actor);
	const where: SQL[] = [eq(supervisionNotices.committeeId, committeeId)];
	if (f.unitId) where.push(eq(supervisionNotices.unitId, f.unitId));
	if (f.taskId) where.push(eq(supervisionNotices.taskId, f.taskId));
	if (f.open) where.push(isNull(supervisionNotices.repliedAt));
	const rows = db
		.select()
		.from(supervisionNotices)
		.where(and(...where))
		.orderBy(desc(supervisionNotices.issuedAt))
		.limit(Math.min(f.limit ?? 200, 500))
		.all()
		.filter((n) => maySeeNotice(actor, n));
	return toViews(db, actor, rows, now);
}

export function getNotice(db: DbLike, actor: Actor, id: string, now = new Date()): NoticeView {
	return toViews(db, actor, [noticeFor(db, actor, id)], now)[0]!;
}
