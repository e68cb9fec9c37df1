/** What the server gives pages about ratings (times as Date; the API writes ISO strings). */
import type { RatingChannel } from '../tasks/options';

export interface RatingItem {
	id: string;
	needId: string;
	taskId: string | null;
	score: number;
	comment: string;
	channel: RatingChannel;
	/** Entered by staff from a phone call or a visit (shown as 由工作人员代录). */
	onBehalf: boolean;
	createdAt: Date;
	/** The viewer's own rating. */
	mine: boolean;
	/** Who rated: for staff, and for the rater themselves; null for other residents. */
	raterName: string | null;
	/** Who entered it on the resident's behalf: for staff only. */
	enteredByName: string | null;
}

export interface RatingsSummary {
	needId: string;
	/** One decimal; null when nobody rated. */
	average: number | null;
	count: number;
	items: RatingItem[];
	mine: RatingItem | null;
	/** A task answering the need has been approved as done (since any reopening). */
	taskDone: boolean;
	/** The viewer raised or supported the need. */
	follower: boolean;
	canRate: boolean;
	canEnter: boolean;
	/** Residents who raised or supported the need and have not rated yet (for staff entry). */
	enterFor: { userId: string; name: string }[];
	canReopen: boolean;
}

export interface TaskRatingsView {
	average: number | null;
	count: number;
	items: RatingItem[];
}
