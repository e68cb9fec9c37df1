/** Ratings as the HTTP API writes them: times as ISO 8601 strings. */
import type { RatingRow } from '../db/schema';
import type { RatingItem } from '../../shared/ratings/view';

export function ratingForApi(r: RatingRow | RatingItem) {
	return {
		id: r.id,
		needId: r.needId,
		taskId: r.taskId,
		score: r.score,
		comment: r.comment,
		channel: r.channel,
		onBehalf: 'onBehalf' in r ? r.onBehalf : r.channel !== 'online' || !!r.enteredBy,
		createdAt: r.createdAt.toISOString(),
		...('mine' in r ? { mine: r.mine, raterName: r.raterName, enteredByName: r.enteredByName } : {})
	};
}
