/** Meetings and their co-edited agendas. */
import { has, invited, type Rule } from './rule';

export const MEETING_ACTIONS = [
	'meeting.create',
	'meeting.manage',
	'meeting.view',
	'agenda.edit'
] as const;
export type MeetingAction = (typeof MEETING_ACTIONS)[number];

export const meetingRules: Record<MeetingAction, Rule> = {
	// Meetings are called and run by the secretary and the chair.
	'meeting.create': (g) => has(g, 'admin', 'chair'),
	'meeting.manage': (g) => has(g, 'admin', 'chair'),
	'meeting.view': (g, s, userId) => {
		const m = s.meeting;
		if (!m) return false;
		if (has(g, 'admin', 'chair', 'recorder', 'supervisor')) return true;
		if (m.status === 'draft') return false;
		if (invited(g, m, userId)) return true;
		return (
			m.visibility === 'public' &&
			g.some(
				(r) =>
					r.role === 'resident' &&
					(m.communityIds.length === 0 ||
						(!!r.communityId && m.communityIds.includes(r.communityId)))
			)
		);
	},
	// The agenda is co-edited by the secretary, the chair and invited members, until the meeting closes.
	'agenda.edit': (g, s, userId) => {
		const m = s.meeting;
		if (!m || m.status === 'closed' || m.status === 'cancelled') return false;
		if (has(g, 'admin', 'chair')) return true;
		return g.some((r) => r.role === 'member' || r.role === 'recorder') && invited(g, m, userId);
	}
};
