/**
 * Motions and votes as forms, the API and the hall's socket events send them: one schema for
 * every way in, so a vote created over the API is checked exactly as one created in the hall.
 */
import { z } from 'zod';
import { METHODS } from '../votes/methods';
import { quorumSchema, thresholdSchema, MAX_OPTIONS } from '../votes/schemas';
import { ELECTORATES } from '../votes/view';

const id = z.string().trim().min(1).max(64);
const title = z.string().trim().min(2, 'err.required').max(120, 'err.tooLong');

export const motionInputSchema = z.strictObject({
	title,
	text: z.string().trim().min(1, 'err.required').max(10_000, 'err.tooLong'),
	meetingId: id.nullish(),
	agendaItemId: id.nullish(),
	committeeId: id.optional()
});

export const motionAmendSchema = z
	.strictObject({
		title: title.optional(),
		text: z.string().trim().min(1, 'err.required').max(10_000, 'err.tooLong').optional()
	})
	.refine((m) => m.title !== undefined || m.text !== undefined, 'err.required');

/** A quorum: a head count, or an exact share of those eligible. */
const quorum = z.union([z.number().int('err.invalid').min(0, 'err.invalid'), quorumSchema]);

/** A threshold by name (`simple`, `absolute`, `two-thirds`) or written out. */
const threshold = z.union([z.enum(['simple', 'absolute', 'two-thirds']), thresholdSchema]);

export const voteInputSchema = z
	.strictObject({
		title,
		meetingId: id.nullish(),
		agendaItemId: id.nullish(),
		motionId: id.nullish(),
		committeeId: id.optional(),
		method: z.enum(METHODS, 'err.choose'),
		options: z
			.array(
				z.strictObject({ label: z.string().trim().min(1, 'err.required').max(200, 'err.tooLong') })
			)
			.max(MAX_OPTIONS, 'err.vote.manyOptions')
			.optional(),
		maxChoices: z.number().int('err.invalid').min(1, 'err.invalid').optional(),
		secret: z.boolean(),
		trackingCodes: z.boolean().default(true),
		liveResults: z.boolean().default(false),
		electorate: z.enum(ELECTORATES, 'err.choose'),
		communityIds: z.array(id).max(200).optional(),
		quorum: quorum.optional(),
		threshold: threshold.optional(),
		closesAt: z.coerce.date({ error: 'err.invalid' }).optional()
	})
	.superRefine((v, ctx) => {
		const n = v.options?.length ?? 0;
		if (v.method === 'yna') {
			if (n) ctx.addIssue({ code: 'custom', path: ['options'], message: 'err.vote.ynaOptions' });
		} else if (n < 2) {
			ctx.addIssue({ code: 'custom', path: ['options'], message: 'err.vote.fewOptions' });
		}
		if (v.threshold && v.method !== 'yna')
			ctx.addIssue({ code: 'custom', path: ['threshold'], message: 'err.vote.thresholdYnaOnly' });
		if (v.maxChoices !== undefined && (v.method !== 'multiple' || v.maxChoices > n))
			ctx.addIssue({ code: 'custom', path: ['maxChoices'], message: 'err.vote.maxChoices' });
		if (v.secret && v.liveResults)
			ctx.addIssue({ code: 'custom', path: ['liveResults'], message: 'err.vote.secretLive' });
		if (!v.meetingId && v.electorate === 'present')
			ctx.addIssue({
				code: 'custom',
				path: ['electorate'],
				message: 'err.vote.presentNeedsMeeting'
			});
		if (!v.meetingId && !v.closesAt)
			ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'err.vote.pollNeedsEnd' });
		const labels = (v.options ?? []).map((o) => o.label);
		if (new Set(labels).size !== labels.length)
			ctx.addIssue({ code: 'custom', path: ['options'], message: 'err.vote.duplicateOption' });
	});
export type VoteInput = z.infer<typeof voteInputSchema>;

/** A ballot as sent: the counting core's shapes, checked against the vote when it arrives. */
export const ballotInputSchema = z
	.object({
		choice: z.unknown().optional(),
		choices: z.unknown().optional(),
		ranking: z.unknown().optional(),
		scores: z.unknown().optional(),
		/** Which seat: one's own (default), or one held by proxy (`u:<userId>`) or a unit's. */
		seat: z.string().max(80).optional()
	})
	.strict();

/** A show of hands in the room: who voted there and the count for each option. */
export const roomCountSchema = z.strictObject({
	seats: z.array(z.string().max(80)).min(1, 'err.required').max(2000),
	counts: z.record(z.string().max(64), z.number().int('err.invalid').min(0, 'err.invalid'))
});
