/**
 * Every job kind the server runs. A domain defines its kinds in its own folder (defineJob in
 * platform/jobs.ts) and adds them here; the scheduler itself knows none of them.
 */
import type { JobKind } from './platform/jobs';
import { needOverdue } from './needs/overdue';
import { voteClose, voteRemind } from './votes/timers';
import { summonsLate, taskJobKinds } from './tasks';
import { noticeLate } from './supervision/notices';
import { needRatingClose } from './ratings/close';

export const jobKinds: readonly JobKind<unknown>[] = [
	needOverdue,
	voteClose,
	voteRemind,
	...taskJobKinds,
	summonsLate,
	noticeLate,
	needRatingClose
];
