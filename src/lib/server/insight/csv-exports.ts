/**
 * The dashboard's CSV exports (export.csv): the period's tasks and needs, one row each, in the
 * reader's language, times written in the committee's time zone as spreadsheets read them.
 * Private needs keep their titles from those who may not read them.
 */
import { sql } from 'drizzle-orm';
import type { DbLike } from '../db';
import { forbidden } from '../errors';
import { translate, type Locale, type MessageKey } from '../../i18n';
import { can, type Actor } from '../../shared/permissions';
import { OPEN_TASK_STATUSES } from '../../shared/tasks/options';
import { toCsv, type CsvValue } from './csv';
import { offsetSeconds, type Period } from './period';

const when = (col: string, off: number) =>
	sql.raw(`strftime('%Y-%m-%d %H:%M', ${col} / 1000 + ${Math.trunc(off)}, 'unixepoch')`);

function allowed(actor: Actor, committeeId: string) {
	if (!can(actor, 'export.csv', { committeeId })) throw forbidden();
}

interface TaskLine {
	id: string;
	title: string;
	status: string;
	leadUnit: string;
	coUnits: string | null;
	resolution: string | null;
	createdAt: string;
	acceptBy: string;
	acceptedAt: string | null;
	dueAt: string;
	doneAt: string | null;
	progress: number;
	overdue: number;
}

/** The tasks dispatched in the period, oldest first. */
export function tasksCsv(
	db: DbLike,
	actor: Actor,
	committeeId: string,
	p: Period,
	locale: Locale,
	now = new Date()
): string {
	allowed(actor, committeeId);
	const off = offsetSeconds(p);
	const open = sql.raw(OPEN_TASK_STATUSES.map((s) => `'${s}'`).join(', '));
	const rows = db.all<TaskLine>(sql`
		select t.id, t.title, t.status, u.name as leadUnit, r.number as resolution,
			(select group_concat(cu.name, '、') from task_unit tu join unit cu on cu.id = tu.unit_id
				where tu.task_id = t.id and tu.role = 'co') as coUnits,
			${when('t.created_at', off)} as createdAt, ${when('t.accept_by', off)} as acceptBy,
			${when('t.accepted_at', off)} as acceptedAt, ${when('t.due_at', off)} as dueAt,
			${when('t.done_at', off)} as doneAt, t.progress,
			(t.status in (${open}) and t.due_at < ${now.getTime()}) as overdue
		from task t
		join unit u on u.id = t.lead_unit_id
		left join resolution r on r.id = t.resolution_id
		where t.committee_id = ${committeeId} and t.created_at >= ${p.start.getTime()} and t.created_at < ${p.end.getTime()}
		order by t.created_at`);
	const tr = (k: string) => translate(locale, `dashboard.csv.${k}` as MessageKey);
	const cols = ['id', 'title', 'status', 'leadUnit', 'coUnits', 'resolution', 'createdAt'];
	const head = [...cols, 'acceptBy', 'acceptedAt', 'dueAt', 'doneAt', 'progress', 'overdue'].map(
		(c) => tr(`task.${c}`)
	);
	return toCsv(
		head,
		rows.map((r): CsvValue[] => [
			r.id,
			r.title,
			tr(`status.${r.status}`),
			r.leadUnit,
			r.coUnits,
			r.resolution,
			r.createdAt,
			r.acceptBy,
			r.acceptedAt,
			r.dueAt,
			r.doneAt,
			r.progress,
			tr(r.overdue ? 'yes' : 'no')
		])
	);
}

interface NeedLine {
	id: string;
	title: string;
	visibility: string;
	category: string;
	community: string | null;
	status: string;
	channel: string;
	supports: number;
	createdAt: string;
	respondBy: string;
	acceptedAt: string | null;
	inTime: number;
}

/** The needs received in the period, oldest first. */
export function needsCsv(
	db: DbLike,
	actor: Actor,
	committeeId: string,
	p: Period,
	locale: Locale
): string {
	allowed(actor, committeeId);
	const off = offsetSeconds(p);
	const name = sql.raw(locale === 'en' ? 'c.name_en' : 'c.name_zh');
	const rows = db.all<NeedLine>(sql`
		select id, title, visibility, category, community, status, channel, supports,
			${when('created_at', off)} as createdAt, ${when('respond_by', off)} as respondBy,
			${when('accepted', off)} as acceptedAt, coalesce(accepted <= respond_by, 0) as inTime
		from (
			select n.id, n.title, n.visibility, coalesce(${name}, n.category) as category,
				cm.name as community, n.status, n.channel, n.support_count as supports, n.created_at,
				n.respond_by,
				(select min(e.at) from need_event e where e.need_id = n.id and e.kind = 'accepted') as accepted
			from need n
			left join need_category c on c.committee_id = n.committee_id and c.code = n.category
			left join community cm on cm.id = n.community_id
			where n.committee_id = ${committeeId} and n.created_at >= ${p.start.getTime()} and n.created_at < ${p.end.getTime()}
			order by n.created_at
		)`);
	const seePrivate = can(actor, 'need.viewPrivate', { committeeId });
	const tr = (k: string) => translate(locale, k as MessageKey);
	const head = [
		'id',
		'title',
		'category',
		'community',
		'status',
		'channel',
		'supports',
		'createdAt',
		'respondBy',
		'acceptedAt',
		'acceptedInTime'
	].map((c) => tr(`dashboard.csv.need.${c}`));
	return toCsv(
		head,
		rows.map((r): CsvValue[] => [
			r.id,
			r.visibility === 'private' && !seePrivate ? tr('dashboard.csv.private') : r.title,
			r.category,
			r.community,
			tr(`need.status.${r.status}`),
			tr(`need.channel.${r.channel}`),
			r.supports,
			r.createdAt,
			r.respondBy,
			r.acceptedAt,
			tr(r.inTime ? 'dashboard.csv.yes' : 'dashboard.csv.no')
		])
	);
}
