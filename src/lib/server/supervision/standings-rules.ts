/**
 * The rules of duty points (履职积分), in one table: the standings page renders this table and
 * `unitStandings` computes from it, so what a unit reads is what it was given. Each rule counts
 * facts of one kind in the period; `points` is what one fact is worth (the satisfaction rule is
 * weighted by each rated task's mean score minus 3).
 */
export const STANDINGS_RULES = [
	{ key: 'attendance', points: 2 },
	{ key: 'acceptedInTime', points: 3 },
	{ key: 'acceptedLate', points: -2 },
	{ key: 'doneOnTime', points: 5 },
	{ key: 'doneLate', points: -3 },
	{ key: 'satisfaction', points: 2 },
	{ key: 'notice', points: -3 },
	{ key: 'noticeLate', points: -2 }
] as const;

export type StandingsRuleKey = (typeof STANDINGS_RULES)[number]['key'];

/** The score a rated task is measured against: above it adds points, below it takes them. */
export const SATISFACTION_BASELINE = 3;

/** How many units the red list (红榜) and the black list (黑榜) name. */
export const HONOUR_LIST_SIZE = 3;
