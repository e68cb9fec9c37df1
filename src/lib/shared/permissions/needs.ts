/** Residents' needs (民情需求): raising, supporting (附议), handling and who sees private ones. */
import { has, type Rule } from './rule';

export const NEED_ACTIONS = [
	'need.submit',
	'need.support',
	'need.manage',
	'need.viewQueue',
	'need.viewPrivate',
	'need.revealPhone'
] as const;
export type NeedAction = (typeof NEED_ACTIONS)[number];

export const needRules: Record<NeedAction, Rule> = {
	// Needs are raised by residents, and by the staff who enter them on a resident's behalf (代办).
	// Supervisors observe; chairs, members and recorders deliberate on needs rather than raise them.
	'need.submit': (g) => has(g, 'resident', 'admin', 'liaison'),
	// Residents support needs (附议).
	'need.support': (g) => has(g, 'resident'),
	// Accept, decline, merge, enter on a resident's behalf (代办): the secretary and liaisons
	// (grid workers act as their unit's liaisons).
	'need.manage': (g) => has(g, 'admin', 'liaison'),
	// How many needs wait for acceptance and how many are overdue: those who accept them, and
	// the chair and supervisors who answer for the 24-hour promise.
	'need.viewQueue': (g) => has(g, 'admin', 'liaison', 'chair', 'supervisor'),
	// Private needs are seen by staff who handle or supervise them, and by their submitter.
	'need.viewPrivate': (g) => has(g, 'admin', 'liaison', 'supervisor'),
	'need.revealPhone': (g) => has(g, 'admin', 'liaison')
};
