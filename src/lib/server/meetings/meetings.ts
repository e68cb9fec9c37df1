/**
 * Meetings: called by the secretary or chair, with an agenda co-edited live in the shared
 * document `meeting/<id>/agenda`. Invited people are told when a meeting is scheduled, changed
 * or cancelled. Needs go onto agenda items from the needs board.
 */
import { and, asc, eq, gte, inArray, lte, ne, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, DbLike } from '../db';
import { newId } from '../db/ids';
import {
	agendaNeeds,
	communities,
	meetingCommunities,
	meetingPeople,
	meetingUnits,
	meetings,
	needEvents,
	needs,
	roleAssignments,
	units,
	type Meeting
} from '../db/schema';
import { AppError, forbidden, notFound } from '../errors';
import { readStoredDoc } from '../docs/store';
import { getHub } from '../platform/hub';
import { addItem, linkNeeds, readAgenda } from '../../shared/agenda';
import { can, type Actor, type MeetingScope } from '../../shared/permissions';
import type {
	agendaNeedsInput,
	meetingInput,
	meetingPatch,
	meetingQuery
} from '../../shared/schemas/meetings';
import { audit, committeeChain } from '../platform/audit';
import { canSeeNeed } from '../needs/needs';
import { needFollowers } from '../needs/support';
import { notify } from '../notifications/notifications';
import { announce } from '../platform/domain-events';
import { broadcastNeedChange } from '../needs/broadcast';
import { agendaDoc } from '../../shared/doc-names';

export interface MeetingView extends Meeting {
	unitIds: string[];
	userIds: string[];
	communityIds: string[];
}

function audience(db: DbLike, m: Meeting): MeetingView {
	return {
		...m,
		unitIds: db
			.select({ id: meetingUnits.unitId })
			.from(meetingUnits)
			.where(eq(meetingUnits.meetingId, m.id))
			.all()
			.map((r) => r.id),
		userIds: db
			.select({ id: meetingPeople.userId })
			.from(meetingPeople)
			.where(eq(meetingPeople.meetingId, m.id))
			.all()
			.map((r) => r.id),
		communityIds: db
			.select({ id: meetingCommunities.communityId })
			.from(meetingCommunities)
			.where(eq(meetingCommunities.meetingId, m.id))
			.all()
			.map((r) => r.id)
	};
}

export function meetingScope(m: MeetingView) {
	const meeting: MeetingScope = {
		visibility: m.visibility,
		status: m.status,
		unitIds: m.unitIds,
		userIds: m.userIds,
		communityIds: m.communityIds,
		residentsMaySpeak: m.residentsMaySpeak
	};
	return { committeeId: m.committeeId, meeting };
}

/** A meeting with its audience, whoever asks (callers check permissions themselves). */
export function loadMeeting(db: DbLike, id: string): MeetingView {
	const m = db.select().from(meetings).where(eq(meetings.id, id)).get();
	if (!m) throw notFound();
	return audience(db, m);
}

/** A meeting the actor may see, with its audience; 404 otherwise. */
export function getMeeting(db: Db, actor: Actor, id: string): MeetingView {
	const view = loadMeeting(db, id);
	if (!can(actor, 'meeting.view', meetingScope(view))) throw notFound();
	return view;
}

/** Everyone the meeting concerns: invited people, the people of invited units, and staff who run it. */
export function invitees(db: DbLike, m: MeetingView): string[] {
	const viaUnits = m.unitIds.length
		? db
				.select({ id: roleAssignments.userId })
				.from(roleAssignments)
				.where(
					and(
						inArray(roleAssignments.unitId, m.unitIds),
						inArray(roleAssignments.role, ['member', 'liaison'])
					)
				)
				.all()
		: [];
	const staff = db
		.select({ id: roleAssignments.userId })
		.from(roleAssignments)
		.where(
			and(
				eq(roleAssignments.committeeId, m.committeeId),
				inArray(roleAssignments.role, ['chair', 'recorder'])
			)
		)
		.all();
	return [...new Set([...m.userIds, ...viaUnits.map((r) => r.id), ...staff.map((r) => r.id)])];
}

/** Residents who may attend a public meeting: those of its communities (all communities when none are listed). */
export function residentAudience(db: DbLike, m: MeetingView): string[] {
	if (m.visibility !== 'public') return [];
	const where = [
		eq(roleAssignments.committeeId, m.committeeId),
		eq(roleAssignments.role, 'resident')
	];
	if (m.communityIds.length) where.push(inArray(roleAssignments.communityId, m.communityIds));
	return db
		.select({ id: roleAssignments.userId })
		.from(roleAssignments)
		.where(and(...where))
		.all()
		.map((r) => r.id);
}

/** Everyone to tell when a meeting goes live or its minutes are published: invitees and, for public meetings, its residents. */
export function audienceToTell(db: DbLike, m: MeetingView): string[] {
	return [...new Set([...invitees(db, m), ...residentAudience(db, m)])];
}

function checkAudience(
	db: DbLike,
	committeeId: string,
	input: { unitIds?: string[]; communityIds?: string[] }
) {
	if (input.unitIds?.length) {
		const found = db
			.select({ id: units.id })
			.from(units)
			.where(and(eq(units.committeeId, committeeId), inArray(units.id, input.unitIds)))
			.all();
		if (found.length !== new Set(input.unitIds).size)
			throw new AppError(422, 'err.validation', { unitIds: ['err.choose'] });
	}
	if (input.communityIds?.length) {
		const found = db
			.select({ id: communities.id })
			.from(communities)
			.where(
				and(eq(communities.committeeId, committeeId), inArray(communities.id, input.communityIds))
			)
			.all();
		if (found.length !== new Set(input.communityIds).size)
			throw new AppError(422, 'err.validation', { communityIds: ['err.choose'] });
	}
}

function writeAudience(
	db: DbLike,
	meetingId: string,
	input: { unitIds?: string[]; userIds?: string[]; communityIds?: string[] }
) {
	if (input.unitIds) {
		db.delete(meetingUnits).where(eq(meetingUnits.meetingId, meetingId)).run();
		for (const unitId of new Set(input.unitIds))
			db.insert(meetingUnits).values({ meetingId, unitId }).run();
	}
	if (input.userIds) {
		db.delete(meetingPeople).where(eq(meetingPeople.meetingId, meetingId)).run();
		for (const userId of new Set(input.userIds))
			db.insert(meetingPeople).values({ meetingId, userId }).onConflictDoNothing().run();
	}
	if (input.communityIds) {
		db.delete(meetingCommunities).where(eq(meetingCommunities.meetingId, meetingId)).run();
		for (const communityId of new Set(input.communityIds))
			db.insert(meetingCommunities).values({ meetingId, communityId }).run();
	}
}

/** What creating a meeting takes: the form's fields, with the residents' speaking setting optional (off). */
export type NewMeeting = Omit<z.infer<typeof meetingInput>, 'residentsMaySpeak'> & {
	residentsMaySpeak?: boolean;
};

export function createMeeting(
	db: Db,
	actor: Actor,
	committeeId: string,
	input: NewMeeting
): MeetingView {
	if (!can(actor, 'meeting.create', { committeeId })) throw forbidden();
	const now = new Date();
	const id = newId();
	const { unitIds, userIds, communityIds, ...fields } = input;
	const push = db.transaction(
		(tx) => {
			checkAudience(tx, committeeId, input);
			tx.insert(meetings)
				.values({
					id,
					committeeId,
					...fields,
					createdBy: actor.userId,
					createdAt: now,
					updatedAt: now
				})
				.run();
			writeAudience(tx, id, { unitIds, userIds, communityIds });
			audit(
				tx,
				actor.userId,
				'meeting.create',
				`meeting:${id}`,
				{ status: input.status },
				committeeChain(committeeId)
			);
			const view = audience(tx, tx.select().from(meetings).where(eq(meetings.id, id)).get()!);
			return input.status === 'scheduled'
				? notify(tx, invitees(tx, view), {
						kind: 'meeting.scheduled',
						params: { title: view.title },
						link: `/meetings/${id}`
					})
				: () => {};
		},
		{ behavior: 'immediate' }
	);
	push();
	return getMeeting(db, actor, id);
}

export function updateMeeting(
	db: Db,
	actor: Actor,
	id: string,
	patch: z.infer<typeof meetingPatch>
): MeetingView {
	const before = getMeeting(db, actor, id);
	if (!can(actor, 'meeting.manage', meetingScope(before))) throw forbidden();
	if (before.status === 'closed' || before.status === 'live')
		throw new AppError(409, 'err.meetingLocked');
	const { unitIds, userIds, communityIds, ...fields } = patch;
	const startsAt = fields.startsAt ?? before.startsAt;
	const endsAt = fields.endsAt ?? before.endsAt;
	if (endsAt <= startsAt)
		throw new AppError(422, 'err.validation', { endsAt: ['err.endBeforeStart'] });
	const push = db.transaction(
		(tx) => {
			checkAudience(tx, before.committeeId, patch);
			tx.update(meetings)
				.set({ ...fields, sequence: before.sequence + 1, updatedAt: new Date() })
				.where(eq(meetings.id, id))
				.run();
			writeAudience(tx, id, { unitIds, userIds, communityIds });
			audit(
				tx,
				actor.userId,
				'meeting.update',
				`meeting:${id}`,
				{ fields: Object.keys(patch) },
				committeeChain(before.committeeId)
			);
			const after = audience(tx, tx.select().from(meetings).where(eq(meetings.id, id)).get()!);
			const kind =
				after.status === 'cancelled'
					? 'meeting.cancelled'
					: before.status === 'draft' && after.status === 'scheduled'
						? 'meeting.scheduled'
						: after.status === 'scheduled'
							? 'meeting.changed'
							: null;
			if (!kind) return () => {};
			// Tell the old and the new audience alike (someone uninvited should hear of it too).
			return notify(tx, new Set([...invitees(tx, before), ...invitees(tx, after)]), {
				kind,
				params: { title: after.title },
				link: `/meetings/${id}`
			});
		},
		{ behavior: 'immediate' }
	);
	push();
	announce('meeting.changed', { db, meetingId: id });
	return getMeeting(db, actor, id);
}

/** Meetings the actor may see, soonest first, optionally within a time window. */
export function listMeetings(
	db: Db,
	actor: Actor,
	committeeId: string,
	q: z.infer<typeof meetingQuery>
) {
	if (!can(actor, 'committee.view', { committeeId })) throw forbidden();
	const where: (SQL | undefined)[] = [eq(meetings.committeeId, committeeId)];
	if (q.from) where.push(gte(meetings.endsAt, q.from));
	if (q.to) where.push(lte(meetings.startsAt, q.to));
	if (q.status) where.push(eq(meetings.status, q.status));
	const all = db
		.select()
		.from(meetings)
		.where(and(...where))
		.orderBy(asc(meetings.startsAt))
		.all();
	const visible = all
		.map((m) => audience(db, m))
		.filter((m) => can(actor, 'meeting.view', meetingScope(m)));
	const offset = q.cursor
		? Math.max(0, Number.parseInt(Buffer.from(q.cursor, 'base64url').toString(), 10) || 0)
		: 0;
	const items = visible.slice(offset, offset + q.limit);
	return {
		items,
		nextCursor:
			offset + q.limit < visible.length
				? Buffer.from(String(offset + q.limit)).toString('base64url')
				: null
	};
}

/** The agenda's current items (the shared document as stored: every relayed edit is stored first). */
export function getAgenda(db: Db, actor: Actor, meetingId: string) {
	getMeeting(db, actor, meetingId);
	const doc = readStoredDoc(db, agendaDoc(meetingId));
	const items = readAgenda(doc);
	doc.destroy();
	return items;
}

/** Put needs on a meeting's agenda, as a new item or onto an existing one; their status and timelines follow. */
export function putNeedsOnAgenda(
	db: Db,
	actor: Actor,
	meetingId: string,
	input: z.infer<typeof agendaNeedsInput>
) {
	const m = getMeeting(db, actor, meetingId);
	// Staff who handle needs, or the chair who runs the meeting, and only while the agenda is open.
	if (
		!(
			can(actor, 'need.manage', { committeeId: m.committeeId }) ||
			can(actor, 'meeting.manage', meetingScope(m))
		) ||
		!can(actor, 'agenda.edit', meetingScope(m))
	)
		throw forbidden();
	const found = db
		.select()
		.from(needs)
		.where(
			and(
				inArray(needs.id, input.needIds),
				eq(needs.committeeId, m.committeeId),
				ne(needs.status, 'merged')
			)
		)
		.all()
		// In the order given: the first need names a new item, and the description follows.
		.sort((a, b) => input.needIds.indexOf(a.id) - input.needIds.indexOf(b.id));
	if (
		found.length !== new Set(input.needIds).size ||
		found.some((n) => !canSeeNeed(actor, n) || n.status === 'declined')
	) {
		throw new AppError(422, 'err.validation', { needIds: ['err.choose'] });
	}
	let itemId = input.itemId;
	getHub().changeDoc(agendaDoc(meetingId), (doc) => {
		if (itemId) {
			if (!linkNeeds(doc, itemId, input.needIds))
				throw new AppError(422, 'err.validation', { itemId: ['err.choose'] });
		} else {
			itemId = addItem(doc, {
				title: input.title || found[0]!.title,
				description: found.map((n) => n.title).join('；'),
				needIds: input.needIds,
				minutes: 15
			});
		}
	});
	const push = db.transaction(
		(tx) => {
			const pushes: (() => void)[] = [];
			for (const n of found) {
				tx.insert(agendaNeeds)
					.values({ meetingId, itemId: itemId!, needId: n.id })
					.onConflictDoUpdate({
						target: [agendaNeeds.meetingId, agendaNeeds.needId],
						set: { itemId: itemId! }
					})
					.run();
				if (n.status === 'submitted' || n.status === 'accepted') {
					tx.update(needs)
						.set({
							status: 'on_agenda',
							updatedAt: new Date(),
							respondedAt: n.respondedAt ?? new Date()
						})
						.where(eq(needs.id, n.id))
						.run();
					pushes.push(
						notify(tx, needFollowers(tx, n), {
							kind: 'need.status',
							params: { title: n.title, status: 'on_agenda' },
							link: `/needs/${n.id}`
						})
					);
				}
				tx.insert(needEvents)
					.values({
						needId: n.id,
						at: new Date(),
						actorId: actor.userId,
						kind: 'on_agenda',
						detail: JSON.stringify({ meetingId, meetingTitle: m.title })
					})
					.run();
			}
			audit(
				tx,
				actor.userId,
				'agenda.needs',
				`meeting:${meetingId}`,
				{ needIds: input.needIds, itemId },
				committeeChain(m.committeeId)
			);
			return () => pushes.forEach((p) => p());
		},
		{ behavior: 'immediate' }
	);
	push();
	// The same broadcast as every other change of a need (a private need's submitter hears of it too).
	for (const n of found)
		broadcastNeedChange({
			...n,
			status: n.status === 'submitted' || n.status === 'accepted' ? 'on_agenda' : n.status
		});
	return { itemId: itemId! };
}

/** Meetings a need is on (for the need page). */
export function meetingsOfNeed(db: Db, actor: Actor, needId: string) {
	const rows = db
		.select({ meeting: meetings, itemId: agendaNeeds.itemId })
		.from(agendaNeeds)
		.innerJoin(meetings, eq(meetings.id, agendaNeeds.meetingId))
		.where(eq(agendaNeeds.needId, needId))
		.all();
	return rows
		.filter((r) => can(actor, 'meeting.view', meetingScope(audience(db, r.meeting))))
		.map((r) => ({ id: r.meeting.id, title: r.meeting.title, startsAt: r.meeting.startsAt }));
}
