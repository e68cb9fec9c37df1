/** API contracts: meetings, their agendas and calendar feeds. */
import { z } from 'zod';
import {
	agendaNeedsInput,
	MEETING_STATUSES,
	MEETING_TYPES,
	MEETING_VISIBILITY,
	meetingInput,
	meetingPatch,
	meetingQuery
} from '../../../shared/schemas/meetings';
import type { EndpointDef } from '../endpoint';

export const meetingOut = z.object({
	id: z.string(),
	type: z.enum(MEETING_TYPES),
	title: z.string(),
	startsAt: z.string(),
	endsAt: z.string(),
	place: z.string(),
	videoUrl: z.string(),
	visibility: z.enum(MEETING_VISIBILITY),
	quorum: z.number(),
	residentsMaySpeak: z.boolean(),
	status: z.enum(MEETING_STATUSES),
	unitIds: z.array(z.string()),
	communityIds: z.array(z.string()),
	updatedAt: z.string()
});
const agendaItem = z.object({
	id: z.string(),
	title: z.string(),
	description: z.string(),
	presenter: z.string(),
	minutes: z.number(),
	needIds: z.array(z.string())
});

export const listMeetings = {
	method: 'GET',
	path: '/meetings',
	tag: 'meetings',
	summary: 'The meetings the caller may see, soonest first',
	query: meetingQuery,
	response: z.object({ items: z.array(meetingOut), nextCursor: z.string().nullable() })
} satisfies EndpointDef;

export const createMeeting = {
	method: 'POST',
	path: '/meetings',
	tag: 'meetings',
	status: 201,
	idempotent: true,
	summary: 'Call a meeting (secretary, chair); invited people are told when it is scheduled',
	body: meetingInput,
	response: meetingOut
} satisfies EndpointDef;

export const getMeeting = {
	method: 'GET',
	path: '/meetings/{id}',
	tag: 'meetings',
	summary: 'A meeting (404 when the caller may not see it)',
	response: meetingOut
} satisfies EndpointDef;

export const updateMeeting = {
	method: 'PATCH',
	path: '/meetings/{id}',
	tag: 'meetings',
	summary: 'Change, schedule or cancel a meeting (secretary, chair); invited people are told',
	body: meetingPatch,
	response: meetingOut
} satisfies EndpointDef;

export const getAgenda = {
	method: 'GET',
	path: '/meetings/{id}/agenda',
	tag: 'meetings',
	summary: "The agenda's current items (the live shared document meeting/<id>/agenda, as stored)",
	response: z.object({ items: z.array(agendaItem) })
} satisfies EndpointDef;

export const putNeedsOnAgenda = {
	method: 'POST',
	path: '/meetings/{id}/agenda/needs',
	tag: 'meetings',
	summary: 'Put needs on the agenda, as a new item or onto an existing item (itemId)',
	body: agendaNeedsInput,
	response: z.object({ itemId: z.string() })
} satisfies EndpointDef;

export const calendarToken = {
	method: 'POST',
	path: '/calendar/token',
	tag: 'meetings',
	status: 201,
	summary: "Create (or replace) the caller's secret calendar feed URL",
	response: z.object({ url: z.string() })
} satisfies EndpointDef;
