/** The fixed choices of a meeting, without zod (for forms and lists); schemas/meetings.ts re-exports them. */
export const MEETING_TYPES = [
	'monthly_joint',
	'thematic',
	'annual_evaluation',
	'resident_deliberation'
] as const;
export const MEETING_STATUSES = ['draft', 'scheduled', 'live', 'closed', 'cancelled'] as const;
export const MEETING_VISIBILITY = ['members', 'public'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
