/** The live hall: entering, checking in, taking part, asking to speak, floor control and moderation. */
import { acting, committeeSide, has, invited, type Rule } from './rule';
import { meetingRules } from './meetings';

export const HALL_ACTIONS = [
	'hall.join',
	'hall.checkIn',
	'hall.participate',
	'hall.speak',
	'hall.pointOfOrder',
	'hall.chair',
	'hall.moderate'
] as const;
export type HallAction = (typeof HALL_ACTIONS)[number];

export const hallRules: Record<HallAction, Rule> = {
	// The hall: everyone who may see the meeting may enter it, once it is announced.
	'hall.join': (g, s, userId) =>
		!!s.meeting &&
		!['draft', 'cancelled'].includes(s.meeting.status) &&
		meetingRules['meeting.view'](g, s, userId),
	// Attendance (签到) is for the committee's side: those who run the meeting and those invited to
	// it. Supervisors observe: in the hall they follow everything and act on nothing.
	'hall.checkIn': (g, s, userId) => {
		const a = acting(g);
		return (
			!!s.meeting &&
			s.meeting.status === 'live' &&
			(has(a, 'admin', 'chair', 'recorder') || invited(a, s.meeting, userId))
		);
	},
	// Ask, react, comment, upvote: anyone in the hall while the meeting is live (supervisors only watch).
	'hall.participate': (g, s, userId) =>
		!!s.meeting &&
		s.meeting.status === 'live' &&
		meetingRules['meeting.view'](acting(g), s, userId),
	// Ask to speak (举手发言): the committee's side; residents only where the meeting allows it.
	'hall.speak': (g, s, userId) =>
		hallRules['hall.participate'](g, s, userId) &&
		(committeeSide(acting(g), s.meeting!, userId) || !!s.meeting!.residentsMaySpeak),
	// A point of order (程序动议) is about how the meeting is run: never offered to residents.
	'hall.pointOfOrder': (g, s, userId) =>
		hallRules['hall.participate'](g, s, userId) && committeeSide(acting(g), s.meeting!, userId),
	// Floor control and the agenda position: the chair (and the secretary standing in).
	'hall.chair': (g) => has(g, 'admin', 'chair'),
	// Picking, answering, hiding and pinning residents' questions and comments.
	'hall.moderate': (g) => has(g, 'admin', 'chair')
};
