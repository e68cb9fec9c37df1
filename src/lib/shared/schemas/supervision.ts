/**
 * Supervision notices (督办单) and their replies as forms and the API send them: one schema for
 * every way in.
 */
import { z } from 'zod';

const id = z.string().trim().min(1, 'err.required').max(64);

export const noticeInputSchema = z.strictObject({
	taskId: id,
	unitId: id,
	text: z.string().trim().min(2, 'err.required').max(2000, 'err.tooLong'),
	/** ISO 8601 with offset in the API; the form sends wall time, read in the committee's zone. */
	replyBy: z.coerce.date({ error: 'err.invalid' })
});
export type NoticeInput = z.infer<typeof noticeInputSchema>;

export const noticeReplySchema = z.strictObject({
	text: z.string().trim().min(2, 'err.required').max(2000, 'err.tooLong')
});
export type NoticeReply = z.infer<typeof noticeReplySchema>;
