/** Meetings and their agendas, as forms, the API and the calendar see them. */
import { z } from 'zod';

export {
	MEETING_TYPES,
	MEETING_STATUSES,
	MEETING_VISIBILITY,
	type MeetingStatus
} from '../meeting-options';
import { MEETING_TYPES, MEETING_STATUSES, MEETING_VISIBILITY } from '../meeting-options';

const id = z.string().trim().min(1).max(64);
const isoDate = z.coerce.date({ error: 'err.invalid' });

const meetingFields = {
	type: z.enum(MEETING_TYPES, 'err.choose'),
	title: z.string().trim().min(2, 'err.required').max(80, 'err.tooLong'),
	startsAt: isoDate,
	endsAt: isoDate,
	place: z.string().trim().max(120, 'err.tooLong').default(''),
	videoUrl: z
		.string()
		.trim()
		.max(300, 'err.tooLong')
		.refine((u) => u === '' || /^https:\/\/[^\s]+$/.test(u), 'err.url')
		.default(''),
	visibility: z.enum(MEETING_VISIBILITY, 'err.choose').default('members'),
	quorum: z.coerce
		.number()
		.int('err.invalid')
		.min(0, 'err.invalid')
		.max(500, 'err.invalid')
		.default(0),
	/** Public meetings: residents may also ask to speak (they always ask, react and comment). */
	residentsMaySpeak: z.boolean().default(false),
	unitIds: z.array(id).max(200).default([]),
	userIds: z.array(id).max(500).default([]),
	communityIds: z.array(id).max(100).default([])
};

const endsAfterStart = (m: { startsAt?: Date; endsAt?: Date }) =>
	!m.startsAt || !m.endsAt || m.endsAt > m.startsAt;

export const meetingInput = z
	.strictObject({
		...meetingFields,
		status: z.enum(['draft', 'scheduled'], 'err.choose').default('draft')
	})
	.refine(endsAfterStart, { message: 'err.endBeforeStart', path: ['endsAt'] });

export const meetingPatch = z
	.strictObject({
		// Defaults dropped: a patch of `{ status }` must not reset the fields it does not mention.
		...(Object.fromEntries(
			Object.entries(meetingFields).map(([k, v]) => [
				k,
				(v instanceof z.ZodDefault ? v.unwrap() : v).optional()
			])
		) as unknown as {
			[K in keyof typeof meetingFields]: z.ZodOptional<(typeof meetingFields)[K]>;
		}),
		status: z.enum(['draft', 'scheduled', 'cancelled'], 'err.choose').optional()
	})
	.refine(endsAfterStart, { message: 'err.endBeforeStart', path: ['endsAt'] });

export const meetingQuery = z.object({
	from: z.coerce.date().optional(),
	to: z.coerce.date().optional(),
	status: z.enum(MEETING_STATUSES).optional(),
	limit: z.coerce.number().int().min(1).max(200).default(50),
	cursor: z.string().max(200).optional()
});

/** Put needs on a meeting's agenda: as a new item, or onto an existing one. */
export const agendaNeedsInput = z.strictObject({
	needIds: z.array(id).min(1, 'err.choose').max(20),
	itemId: id.optional(),
	title: z.string().trim().max(80, 'err.tooLong').optional()
});

/** One agenda item as JSON (the shared document `meeting/<id>/agenda` holds the live version). */
export interface AgendaItem {
	id: string;
	title: string;
	description: string;
	presenter: string;
	minutes: number;
	needIds: string[];
}
