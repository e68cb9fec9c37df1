/**
 * The supervision list's filters and sort as GET parameters, so the form works before scripts
 * and a filtered, sorted list is a link. What does not read is dropped, not refused.
 */
import { TASK_STATUSES, type TaskStatus } from '$lib/shared/tasks/options';

export const SORTS = ['due', 'lateness', 'unit'] as const;
export type Sort = (typeof SORTS)[number];

export interface ListQuery {
	status: TaskStatus | '';
	unit: string;
	community: string;
	resolution: string;
	overdue: boolean;
	dueWithin: string;
	sort: Sort;
	dir: 'asc' | 'desc';
	cursor: string;
}

const ID = /^[\w-]{1,64}$/;

export function readQuery(url: URL): ListQuery {
	const get = (k: string) => (url.searchParams.get(k) ?? '').trim();
	const id = (k: string) => (ID.test(get(k)) ? get(k) : '');
	const status = get('status') as TaskStatus;
	const sort = get('sort') as Sort;
	const days = get('dueWithin');
	return {
		status: TASK_STATUSES.includes(status) ? status : '',
		unit: id('unit'),
		community: id('community'),
		resolution: id('resolution'),
		overdue: get('overdue') === 'on' || get('overdue') === 'true',
		dueWithin: /^\d{1,3}$/.test(days) ? days : '',
		sort: SORTS.includes(sort) ? sort : 'due',
		dir: get('dir') === 'desc' ? 'desc' : 'asc',
		cursor: /^[\w-]{1,40}$/.test(get('cursor')) ? get('cursor') : ''
	};
}

/** The list's URL with some parameters changed (a new sort starts from the first page). */
export function hrefWith(q: ListQuery, change: Partial<ListQuery>): string {
	const next = { ...q, cursor: '', ...change };
	const p = new URLSearchParams();
	for (const [k, v] of Object.entries(next)) {
		if (v === '' || v === false) continue;
		if (k === 'sort' && v === 'due' && next.dir === 'asc') continue;
		if (k === 'dir' && v === 'asc') continue;
		p.set(k, v === true ? 'on' : String(v));
	}
	const s = p.toString();
	return s ? `/supervision?${s}` : '/supervision';
}
