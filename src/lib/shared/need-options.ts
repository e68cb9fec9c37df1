/**
 * The fixed choices of a need (statuses, channels, visibility, sorts, default categories),
 * without zod: pages that only list the choices stay light. schemas/needs.ts re-exports them.
 */
export const NEED_STATUSES = [
	'submitted',
	'accepted',
	'declined',
	'merged',
	'on_agenda',
	'decided',
	'in_progress',
	'done',
	'rated'
] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];

export const NEED_CHANNELS = ['online', 'phone', 'visit', 'grid_visit'] as const;
export const NEED_VISIBILITY = ['public', 'private'] as const;
export const NEED_SORTS = ['support', 'newest', 'waiting'] as const;

/** The default categories of a new committee; each committee may change its list. */
export const DEFAULT_NEED_CATEGORIES = [
	{ code: 'elderly', zh: '养老', en: 'Elderly care' },
	{ code: 'parking', zh: '停车', en: 'Parking' },
	{ code: 'environment', zh: '环境', en: 'Environment' },
	{ code: 'safety', zh: '安全', en: 'Safety' },
	{ code: 'culture', zh: '文化', en: 'Culture' },
	{ code: 'education', zh: '教育', en: 'Education' },
	{ code: 'health', zh: '健康', en: 'Health' },
	{ code: 'other', zh: '其他', en: 'Other' }
] as const;
