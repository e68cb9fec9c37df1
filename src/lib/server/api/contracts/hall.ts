/** API contracts: the live hall, its record (attendance, speeches, questions) and the minutes. */
import { z } from 'zod';
import type { EndpointDef } from '../endpoint';

const speaker = z.object({
	userId: z.string(),
	name: z.string(),
	startedAt: z.number(),
	limitSec: z.number(),
	pointOfOrder: z.boolean(),
	itemId: z.string().nullable()
});
const hallState = z.object({
	meetingId: z.string(),
	version: z.number(),
	status: z.string(),
	itemId: z.string().nullable(),
	itemStartedAt: z.number().nullable(),
	itemUsedMs: z.record(z.string(), z.number()),
	speaker: speaker.nullable(),
	queue: z.array(
		z.object({
			userId: z.string(),
			name: z.string(),
			raisedAt: z.number(),
			pointOfOrder: z.boolean()
		})
	),
	speechLimitSec: z.number(),
	startedAt: z.number().nullable(),
	closedAt: z.number().nullable()
});
const participant = z.object({
	userId: z.string(),
	name: z.string(),
	role: z.string(),
	unitName: z.string(),
	checkedIn: z.boolean()
});
const attendanceSummary = z.object({
	inHall: z.number(),
	present: z.number(),
	quorum: z.number(),
	quorumMet: z.boolean()
});
export const questionOut = z.object({
	id: z.string(),
	itemId: z.string().nullable(),
	authorId: z.string(),
	authorName: z.string(),
	body: z.string(),
	status: z.enum(['open', 'picked', 'answered', 'hidden']),
	answer: z.string(),
	upvotes: z.number(),
	createdAt: z.number()
});
const counts = z.object({ support: z.number(), oppose: z.number(), unclear: z.number() });

export const getHall = {
	method: 'GET',
	path: '/meetings/{id}/hall',
	tag: 'hall',
	summary:
		"The hall's current state: agenda position, speaker, queue, timers (epoch ms), who is in the hall, attendance against quorum, questions, comments and reaction counts",
	response: z.object({
		state: hallState,
		participants: z.array(participant),
		attendance: attendanceSummary,
		questions: z.array(questionOut),
		comments: z.array(
			z.object({
				id: z.string(),
				itemId: z.string(),
				authorId: z.string(),
				authorName: z.string(),
				body: z.string(),
				hidden: z.boolean(),
				pinned: z.boolean(),
				createdAt: z.number()
			})
		),
		reactions: z.record(z.string(), counts),
		mine: z.object({ upvoted: z.array(z.string()), reactions: z.record(z.string(), z.string()) }),
		serverNow: z.number()
	})
} satisfies EndpointDef;

export const startMeeting = {
	method: 'POST',
	path: '/meetings/{id}/start',
	tag: 'hall',
	summary: 'The chair starts a scheduled meeting: it goes live and invitees are told',
	response: hallState
} satisfies EndpointDef;

export const closeMeeting = {
	method: 'POST',
	path: '/meetings/{id}/close',
	tag: 'hall',
	summary: 'The chair closes a live meeting: the hall becomes the record',
	response: hallState
} satisfies EndpointDef;

export const getAttendance = {
	method: 'GET',
	path: '/meetings/{id}/attendance',
	tag: 'hall',
	summary:
		'The attendance record: who, when they checked in, how long present (ms), and whether they count towards quorum (the chair and member units’ representatives); with the count against quorum',
	response: z.object({
		summary: z.object({
			checkedIn: z.number(),
			present: z.number(),
			quorum: z.number(),
			quorumMet: z.boolean()
		}),
		items: z.array(
			z.object({
				userId: z.string(),
				name: z.string(),
				role: z.string(),
				unitName: z.string(),
				countsForQuorum: z.boolean(),
				checkedInAt: z.string().nullable(),
				firstSeenAt: z.string(),
				presentMs: z.number(),
				inHall: z.boolean()
			})
		)
	})
} satisfies EndpointDef;

export const getSpeeches = {
	method: 'GET',
	path: '/meetings/{id}/speeches',
	tag: 'hall',
	summary: 'The speech log: who spoke on which agenda item, for how long (ms)',
	query: z.object({ itemId: z.string().max(64).optional() }),
	response: z.object({
		items: z.array(
			z.object({
				id: z.string(),
				itemId: z.string().nullable(),
				userId: z.string(),
				name: z.string(),
				pointOfOrder: z.boolean(),
				startedAt: z.string(),
				durationMs: z.number()
			})
		)
	})
} satisfies EndpointDef;

export const getQuestions = {
	method: 'GET',
	path: '/meetings/{id}/questions',
	tag: 'hall',
	summary: "Residents' questions with upvotes, status and answers (hidden ones without their text)",
	response: z.object({ items: z.array(questionOut) })
} satisfies EndpointDef;

const minutesOut = z.object({
	meetingId: z.string(),
	title: z.string(),
	status: z.enum(['draft', 'finalised', 'approved']),
	finalisedAt: z.string().nullable(),
	approvedAt: z.string().nullable(),
	html: z.string(),
	markdown: z.string(),
	canEdit: z.boolean(),
	canFinalise: z.boolean(),
	canApprove: z.boolean(),
	canSeeVersions: z.boolean()
});

export const getMinutes = {
	method: 'GET',
	path: '/meetings/{id}/minutes',
	tag: 'hall',
	summary:
		'The minutes as sanitised HTML and as Markdown: approved text once approved (residents see only approved minutes), otherwise the current draft',
	response: minutesOut
} satisfies EndpointDef;

export const getMinutesMarkdown = {
	method: 'GET',
	path: '/meetings/{id}/minutes.md',
	tag: 'hall',
	summary: 'The minutes as a Markdown file (text/markdown)'
} satisfies EndpointDef;
