/** Minutes: reading along, versions, writing, finalising and approving. */
import { committeeSide, has, invited, type Rule } from './rule';
import { meetingRules } from './meetings';

export const MINUTES_ACTIONS = [
	'minutes.view',
	'minutes.versions',
	'minutes.edit',
	'minutes.finalise',
	'minutes.approve'
] as const;
export type MinutesAction = (typeof MINUTES_ACTIONS)[number];

export const minutesRules: Record<MinutesAction, Rule> = {
	// Minutes: read along live by those running or invited; residents read them once approved.
	'minutes.view': (g, s, userId) => {
		const m = s.meeting;
		if (!m || m.status === 'draft' || m.status === 'cancelled') return false;
		if (has(g, 'admin', 'chair', 'recorder', 'supervisor') || invited(g, m, userId)) return true;
		return m.minutes === 'approved' && meetingRules['meeting.view'](g, s, userId);
	},
	// Draft versions and comparing them: the committee's side only; the public reads the approved text.
	'minutes.versions': (g, s, userId) => {
		const m = s.meeting;
		return (
			!!m &&
			minutesRules['minutes.view'](g, s, userId) &&
			(has(g, 'supervisor') || committeeSide(g, m, userId))
		);
	},
	// Written by the recorder(s) and the chair while the meeting runs or after, until finalised.
	'minutes.edit': (g, s) =>
		!!s.meeting &&
		['live', 'closed'].includes(s.meeting.status) &&
		(s.meeting.minutes ?? 'draft') === 'draft' &&
		has(g, 'recorder', 'chair'),
	'minutes.finalise': (g, s) =>
		!!s.meeting &&
		['live', 'closed'].includes(s.meeting.status) &&
		(s.meeting.minutes ?? 'draft') === 'draft' &&
		has(g, 'recorder'),
	// The chair approves finalised minutes (or sends them back); approved minutes are frozen.
	'minutes.approve': (g, s) => !!s.meeting && s.meeting.minutes === 'finalised' && has(g, 'chair')
};
