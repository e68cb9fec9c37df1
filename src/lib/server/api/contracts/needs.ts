/** API contracts: needs (群众点单) and the notification centre. */
import { z } from 'zod';
import {
	declineInput,
	mergeInput,
	NEED_CHANNELS,
	NEED_STATUSES,
	NEED_VISIBILITY,
	needInput,
	needQuery,
	proxyNeedInput,
	revealInput
} from '../../../shared/schemas/needs';
import type { EndpointDef } from '../endpoint';

const listItem = z.object({
	id: z.string(),
	title: z.string(),
	category: z.string(),
	communityId: z.string().nullable(),
	communityName: z.string().nullable(),
	visibility: z.enum(NEED_VISIBILITY),
	status: z.enum(NEED_STATUSES),
	supportCount: z.number(),
	createdAt: z.string(),
	respondBy: z.string(),
	mine: z.boolean(),
	overdue: z.boolean(),
	supportedByMe: z.boolean().describe('Whether the caller supports (附议) this need')
});
const need = z.object({
	id: z.string(),
	title: z.string(),
	description: z.string(),
	category: z.string(),
	communityId: z.string().nullable(),
	location: z.string(),
	visibility: z.enum(NEED_VISIBILITY),
	status: z.enum(NEED_STATUSES),
	channel: z.enum(NEED_CHANNELS),
	supportCount: z.number(),
	supportedByMe: z.boolean(),
	contactPhoneMasked: z.string().describe('138****1234, for staff and the submitter only'),
	mergedInto: z.string().nullable(),
	declineReason: z.string().nullable(),
	createdAt: z.string(),
	respondBy: z.string(),
	timeline: z.array(
		z.object({
			at: z.string(),
			kind: z.string(),
			actorName: z.string().nullable(),
			detail: z.record(z.string(), z.unknown())
		})
	),
	photos: z.array(z.object({ id: z.string(), url: z.string() }))
});

export const categories = {
	method: 'GET',
	path: '/needs/categories',
	tag: 'needs',
	summary: "The committee's need categories",
	response: z.array(z.object({ code: z.string(), name: z.string() }))
} satisfies EndpointDef;

export const createNeed = {
	method: 'POST',
	path: '/needs',
	tag: 'needs',
	status: 201,
	idempotent: true,
	summary: 'Raise a need (as the signed-in person)',
	body: needInput,
	response: need
} satisfies EndpointDef;

export const enterNeed = {
	method: 'POST',
	path: '/needs/proxy',
	tag: 'needs',
	status: 201,
	idempotent: true,
	summary: "Enter a need on an offline resident's behalf (代办; secretary and liaisons)",
	body: proxyNeedInput,
	response: need
} satisfies EndpointDef;

export const listNeeds = {
	method: 'GET',
	path: '/needs',
	tag: 'needs',
	summary:
		'The needs the caller may see, searched (Chinese and English substrings), filtered and sorted',
	query: needQuery,
	response: z.object({ items: z.array(listItem), nextCursor: z.string().nullable() })
} satisfies EndpointDef;

export const getNeed = {
	method: 'GET',
	path: '/needs/{id}',
	tag: 'needs',
	summary: 'A need with its support count and timeline (404 when the caller may not see it)',
	response: need
} satisfies EndpointDef;

const supportState = z.object({ supportCount: z.number(), supportedByMe: z.boolean() });

export const supportNeed = {
	method: 'POST',
	path: '/needs/{id}/support',
	tag: 'needs',
	summary: 'Support (附议) a public need once; a second support changes nothing (409)',
	response: supportState
} satisfies EndpointDef;

export const withdrawSupport = {
	method: 'DELETE',
	path: '/needs/{id}/support',
	tag: 'needs',
	summary:
		"Withdraw the caller's support (取消附议); 409 when the caller does not support it or the need is closed",
	response: supportState
} satisfies EndpointDef;

export const acceptNeed = {
	method: 'POST',
	path: '/needs/{id}/accept',
	tag: 'needs',
	summary: 'Accept (受理) a need (secretary and liaisons)',
	response: need
} satisfies EndpointDef;

export const declineNeed = {
	method: 'POST',
	path: '/needs/{id}/decline',
	tag: 'needs',
	summary: 'Decline a need with a reason',
	body: declineInput,
	response: need
} satisfies EndpointDef;

export const mergeNeed = {
	method: 'POST',
	path: '/needs/{id}/merge',
	tag: 'needs',
	summary: 'Merge a duplicate into another need; supporters carry over once',
	body: mergeInput,
	response: need
} satisfies EndpointDef;

export const revealPhone = {
	method: 'POST',
	path: '/needs/{id}/reveal-phone',
	tag: 'needs',
	summary: 'Reveal the contact phone (audited, with a reason)',
	body: revealInput,
	response: z.object({ phone: z.string() })
} satisfies EndpointDef;

export const addPhotos = {
	method: 'POST',
	path: '/needs/{id}/photos',
	tag: 'needs',
	status: 201,
	summary:
		'Attach photos (multipart/form-data, field "photos"; JPEG, PNG or WebP, 5 MB each, 6 at most)',
	response: z.object({ photos: z.array(z.object({ id: z.string(), url: z.string() })) })
} satisfies EndpointDef;

export const notificationsList = {
	method: 'GET',
	path: '/notifications',
	tag: 'notifications',
	summary: "The caller's notifications, newest first",
	response: z.object({
		items: z.array(
			z.object({
				id: z.string(),
				kind: z.string(),
				text: z.string(),
				link: z.string(),
				createdAt: z.string(),
				readAt: z.string().nullable()
			})
		),
		unread: z.number(),
		nextCursor: z.null()
	})
} satisfies EndpointDef;

export const notificationsRead = {
	method: 'POST',
	path: '/notifications/read',
	tag: 'notifications',
	status: 204,
	summary: 'Mark notifications read (all when ids is absent)',
	body: z.strictObject({ ids: z.array(z.string().max(64)).max(200).optional() })
} satisfies EndpointDef;
