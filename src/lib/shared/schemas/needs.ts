/** Needs (群众点单): what residents ask for, as forms, the API and the board see it. */
import { z } from 'zod';

export {
	NEED_STATUSES,
	NEED_CHANNELS,
	NEED_VISIBILITY,
	NEED_SORTS,
	DEFAULT_NEED_CATEGORIES,
	type NeedStatus
} from '../need-options';
import { NEED_STATUSES, NEED_CHANNELS, NEED_VISIBILITY, NEED_SORTS } from '../need-options';

// A field left empty arrives absent: its schema says "required", not "wrong format".
export const phoneNumber = z
	.string('err.required')
	.trim()
	.regex(/^(\+?86[- ]?)?1[3-9]\d{9}$|^0\d{2,3}-?\d{7,8}$/, 'err.phone');

const optionalText = (max: number) => z.string().trim().max(max, 'err.tooLong').optional();

export const needInput = z.strictObject({
	title: z.string('err.required').trim().min(4, 'err.titleShort').max(60, 'err.tooLong'),
	description: z.string('err.required').trim().min(1, 'err.required').max(2000, 'err.tooLong'),
	category: z.string('err.choose').trim().min(1, 'err.choose').max(32, 'err.choose'),
	communityId: z.string().trim().min(1).max(64).optional(),
	gridId: z.string().trim().min(1).max(64).optional(),
	location: optionalText(120),
	visibility: z.enum(NEED_VISIBILITY, 'err.choose').default('public'),
	contactPhone: phoneNumber.optional()
});

/** Staff entering a need for a resident who is offline (代办). */
export const proxyNeedInput = needInput.extend({
	channel: z.enum(NEED_CHANNELS, 'err.choose'),
	contactName: z.string('err.required').trim().min(1, 'err.required').max(40, 'err.tooLong'),
	contactPhone: phoneNumber
});

export const needQuery = z.object({
	q: z.string().trim().max(60).optional(),
	category: z.string().max(32).optional(),
	community: z.string().max(64).optional(),
	status: z.enum(NEED_STATUSES).optional(),
	sort: z.enum(NEED_SORTS).default('newest'),
	limit: z.coerce.number().int().min(1).max(200).default(50),
	cursor: z.string().max(200).optional()
});

export const declineInput = z.strictObject({
	reason: z.string().trim().min(2, 'err.required').max(500, 'err.tooLong')
});
export const mergeInput = z.strictObject({
	intoId: z.string().trim().min(1, 'err.choose').max(64)
});
export const revealInput = z.strictObject({
	reason: z.string().trim().min(2, 'err.required').max(200, 'err.tooLong')
});
