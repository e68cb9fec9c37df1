/** The scheduler keys of a vote's countdown and reminders (cancelled when it closes). */
export const REMINDER_KEYS = ['24h', '1h'] as const;

export const voteJobKeys = (voteId: string) => [
	`vote.close:${voteId}`,
	...REMINDER_KEYS.map((k) => `vote.remind:${voteId}:${k}`)
];
