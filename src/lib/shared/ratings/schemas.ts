/**
 * What a rating (评单) is made of, for the form, the API and the services: one schema each, whose
 * messages are catalogue keys.
 */
import { z } from 'zod';

/** The words of the five stars, worst first (ratings.star.1 … ratings.star.5). */
export const SCORES = [1, 2, 3, 4, 5] as const;

/** Highest score a need may have and still be reopened by the secretary (rated 1–2). */
export const REOPEN_MAX_SCORE = 2;

const score = z.coerce
	.number('err.ratings.score')
	.int('err.ratings.score')
	.min(1, 'err.ratings.score')
	.max(5, 'err.ratings.score');
const comment = z.string().trim().max(500, 'err.tooLong').optional();

/** A resident's own rating. */
export const ratingInput = z.strictObject({ score, comment });

/** A rating given by phone or in person, entered by staff for the resident `userId`. */
export const onBehalfInput = z.strictObject({
	score,
	comment,
	userId: z.string('err.ratings.whoRated').trim().min(1, 'err.ratings.whoRated').max(64),
	channel: z.enum(['phone', 'visit'], 'err.ratings.channel')
});

/** The API's one body: with `userId` (and `channel`) it is an entry on a resident's behalf. */
export const ratingBody = z
	.strictObject({
		score,
		comment,
		userId: z.string().trim().min(1, 'err.ratings.whoRated').max(64).optional(),
		channel: z.enum(['phone', 'visit'], 'err.ratings.channel').optional()
	})
	.superRefine((v, ctx) => {
		if (v.userId && !v.channel)
			ctx.addIssue({ code: 'custom', path: ['channel'], message: 'err.ratings.channel' });
		if (v.channel && !v.userId)
			ctx.addIssue({ code: 'custom', path: ['userId'], message: 'err.ratings.whoRated' });
	});

export const reopenInput = z.strictObject({
	reason: z.string().trim().max(500, 'err.tooLong').optional()
});
