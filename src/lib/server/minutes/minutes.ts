/**
 * Minutes (会议纪要): the shared document `meeting/<id>/minutes`, co-edited live by the recorders
 * and the chair, structured by agenda item. Named versions are frozen snapshots; the recorder
 * finalises, the chair approves, and approved minutes are frozen (the document server refuses
 * further writes because `minutes.edit` no longer allows them), published and exportable.
 *
 * Every edit is stored by the Yjs server before it is relayed, so the stored document is the
 * current text; exports and versions read it from the database.
 */
import { and, desc, eq } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Db } from '../db';
import { newId } from '../db/ids';
import { minutes, minutesVersions, users } from '../db/schema';
import { AppError, forbidden, notFound } from '../errors';
import { readStoredDoc } from '../docs/store';
import { getHub } from '../platform/hub';
import { diffLines } from './diff';
import {
	ensureSection,
	initMinutes,
	minutesFragment,
	renderHtml,
	renderLines,
	renderMarkdown,
	replaceContent
} from './render';
import { can, type Action, type Actor } from '../../shared/permissions';
import type { AgendaItem } from '../../shared/schemas/meetings';
import { audit, committeeChain } from '../platform/audit';
import { announce } from '../platform/domain-events';
import { audienceToTell, loadMeeting, meetingScope } from '../meetings/meetings';
import { minutesDoc } from '../../shared/doc-names';
import { notify } from '../notifications/notifications';
import { hallRoom } from '../../shared/rooms';

/**
 * What minutes permissions are checked against: the meeting's audience and status and the
 * minutes' own status. Throws not found when there is no such meeting.
 */
export function minutesScope(db: Db, meetingId: string) {
	const view = loadMeeting(db, meetingId);
	const scope = meetingScope(view);
	const row = minutesRow(db, meetingId);
	return {
		title: view.title,
		row,
		scope: { ...scope, meeting: { ...scope.meeting, minutes: row.status } }
	};
}

function allowed(db: Db, actor: Actor, meetingId: string, action: Action) {
	const found = minutesScope(db, meetingId);
	const { scope } = found;
	if (!can(actor, 'minutes.view', scope)) throw notFound();
	if (!can(actor, action, scope))
		throw scope.meeting.minutes === 'approved' &&
			action !== 'minutes.view' &&
			action !== 'minutes.versions'
			? new AppError(409, 'err.minutesFrozen')
			: forbidden();
	return found;
}

/** Give new minutes one heading per agenda item (only when the document is still empty). */
export function initMinutesDoc(meetingId: string, items: Pick<AgendaItem, 'title'>[]): void {
	if (items.length)
		getHub().changeDoc(minutesDoc(meetingId), (doc) => void initMinutes(doc, items));
}

/** When the chair moves to an item the minutes have no section for (added during the meeting), add one at the end. */
export function ensureMinutesSection(db: Db, meetingId: string, title: string): void {
	if (minutesRow(db, meetingId).status !== 'draft') return;
	// Minutes nobody has started stay empty; the others get the missing heading (no change when it is there).
	getHub().changeDoc(
		minutesDoc(meetingId),
		(doc) => void (minutesFragment(doc).length > 0 && ensureSection(doc, title))
	);
}

type MinutesRow = ReturnType<typeof minutesRow>;

function minutesRow(db: Db, meetingId: string) {
	return (
		db.select().from(minutes).where(eq(minutes.meetingId, meetingId)).get() ?? {
			meetingId,
			status: 'draft' as const,
			finalisedBy: null,
			finalisedAt: null,
			approvedBy: null,
			approvedAt: null,
			approvedHtml: null,
			approvedMarkdown: null,
			approvedState: null
		}
	);
}

/** The document to render: as approved once approved, the live text before. */
function currentDoc(db: Db, meetingId: string, row: MinutesRow): Y.Doc {
	if (row.approvedState) {
		const doc = new Y.Doc();
		Y.applyUpdate(doc, row.approvedState);
		return doc;
	}
	return readStoredDoc(db, minutesDoc(meetingId));
}

/** The minutes as the API and the record page show them. */
export function getMinutes(db: Db, actor: Actor, meetingId: string) {
	const { title, scope, row } = allowed(db, actor, meetingId, 'minutes.view');
	const doc = currentDoc(db, meetingId, row);
	const fragment = minutesFragment(doc);
	const out = {
		meetingId,
		title,
		status: row.status,
		finalisedAt: row.finalisedAt?.toISOString() ?? null,
		approvedAt: row.approvedAt?.toISOString() ?? null,
		html: row.approvedHtml ?? renderHtml(fragment),
		markdown: row.approvedMarkdown ?? renderMarkdown(fragment),
		canEdit: can(actor, 'minutes.edit', scope),
		canFinalise: can(actor, 'minutes.finalise', scope),
		canApprove: can(actor, 'minutes.approve', scope),
		canSeeVersions: can(actor, 'minutes.versions', scope)
	};
	doc.destroy();
	return out;
}

/** The approved minutes only (for the public and for exports of the record). */
export function approvedMinutes(db: Db, actor: Actor, meetingId: string) {
	const m = getMinutes(db, actor, meetingId);
	if (m.status !== 'approved') throw new AppError(409, 'err.minutesNotApproved');
	return m;
}

function setStatus(
	db: Db,
	actor: Actor,
	meetingId: string,
	status: 'draft' | 'finalised' | 'approved',
	action: string,
	extra: Partial<typeof minutes.$inferInsert> = {}
) {
	const { scope } = minutesScope(db, meetingId);
	db.transaction(
		(tx) => {
			tx.insert(minutes)
				.values({ meetingId, status, ...extra })
				.onConflictDoUpdate({ target: minutes.meetingId, set: { status, ...extra } })
				.run();
			audit(
				tx,
				actor.userId,
				action,
				`meeting:${meetingId}`,
				{},
				committeeChain(scope.committeeId)
			);
		},
		{ behavior: 'immediate' }
	);
	announce('meeting.changed', { db, meetingId });
	// Writers reconnect and are let in read-only now (or writable again, when sent back).
	getHub().docAccessChanged(minutesDoc(meetingId));
	getHub().emit(hallRoom(meetingId), 'hall:minutes', { meetingId, status });
}

/** The recorder finalises the minutes: no more edits; the chair approves or sends them back. */
export function finaliseMinutes(db: Db, actor: Actor, meetingId: string) {
	allowed(db, actor, meetingId, 'minutes.finalise');
	saveVersion(db, actor, meetingId, '定稿 Final draft', true);
	setStatus(db, actor, meetingId, 'finalised', 'minutes.finalise', {
		finalisedBy: actor.userId,
		finalisedAt: new Date()
	});
	return getMinutes(db, actor, meetingId);
}

/** The chair approves finalised minutes: frozen as they are, published to the meeting's audience. */
export function approveMinutes(db: Db, actor: Actor, meetingId: string) {
	allowed(db, actor, meetingId, 'minutes.approve');
	const doc = readStoredDoc(db, minutesDoc(meetingId));
	const fragment = minutesFragment(doc);
	const frozen = {
		approvedBy: actor.userId,
		approvedAt: new Date(),
		approvedHtml: renderHtml(fragment),
		approvedMarkdown: renderMarkdown(fragment),
		approvedState: Buffer.from(Y.encodeStateAsUpdate(doc))
	};
	doc.destroy();
	setStatus(db, actor, meetingId, 'approved', 'minutes.approve', frozen);
	// Published: those the meeting concerned hear of it, and the residents a public meeting was open to.
	const meeting = loadMeeting(db, meetingId);
	notify(db, audienceToTell(db, meeting), {
		kind: 'minutes.approved',
		params: { title: meeting.title },
		link: `/meetings/${meetingId}/minutes`
	})();
	return getMinutes(db, actor, meetingId);
}

/** The chair sends finalised minutes back to the recorder for changes. */
export function reopenMinutes(db: Db, actor: Actor, meetingId: string) {
	allowed(db, actor, meetingId, 'minutes.approve');
	setStatus(db, actor, meetingId, 'draft', 'minutes.reopen', {
		finalisedBy: null,
		finalisedAt: null
	});
	return getMinutes(db, actor, meetingId);
}

// --- versions ---------------------------------------------------------------------------------------

export function saveVersion(
	db: Db,
	actor: Actor,
	meetingId: string,
	name: string,
	internal = false
) {
	if (!internal) allowed(db, actor, meetingId, 'minutes.edit');
	const doc = readStoredDoc(db, minutesDoc(meetingId));
	const id = newId();
	db.insert(minutesVersions)
		.values({
			id,
			meetingId,
			name,
			state: Buffer.from(Y.encodeStateAsUpdate(doc)),
			createdBy: actor.userId,
			createdAt: new Date()
		})
		.run();
	doc.destroy();
	return { id, name };
}

/** Saved drafts: for the committee's side; the public reads the approved text only. */
export function listVersions(db: Db, actor: Actor, meetingId: string) {
	allowed(db, actor, meetingId, 'minutes.versions');
	return db
		.select({
			id: minutesVersions.id,
			name: minutesVersions.name,
			createdAt: minutesVersions.createdAt,
			by: users.displayName
		})
		.from(minutesVersions)
		.leftJoin(users, eq(users.id, minutesVersions.createdBy))
		.where(eq(minutesVersions.meetingId, meetingId))
		.orderBy(desc(minutesVersions.createdAt))
		.all()
		.map((v) => ({ ...v, createdAt: v.createdAt.toISOString(), by: v.by ?? '' }));
}

function versionDoc(db: Db, meetingId: string, versionId: string): Y.Doc {
	const v = db
		.select()
		.from(minutesVersions)
		.where(and(eq(minutesVersions.id, versionId), eq(minutesVersions.meetingId, meetingId)))
		.get();
	if (!v) throw notFound();
	const doc = new Y.Doc();
	Y.applyUpdate(doc, v.state);
	return doc;
}

/** A saved version beside the current text, line by line. */
export function compareVersion(db: Db, actor: Actor, meetingId: string, versionId: string) {
	const { row } = allowed(db, actor, meetingId, 'minutes.versions');
	const before = versionDoc(db, meetingId, versionId);
	const now = currentDoc(db, meetingId, row);
	const diff = diffLines(renderLines(minutesFragment(before)), renderLines(minutesFragment(now)));
	const html = renderHtml(minutesFragment(before));
	before.destroy();
	now.destroy();
	return { diff, html };
}

/** Put a saved version's text back (the current text is saved as a version first, so nothing is lost). */
export function restoreVersion(db: Db, actor: Actor, meetingId: string, versionId: string) {
	const { scope } = allowed(db, actor, meetingId, 'minutes.edit');
	const source = versionDoc(db, meetingId, versionId);
	saveVersion(db, actor, meetingId, '恢复前 Before restore', true);
	getHub().changeDoc(minutesDoc(meetingId), (doc) => replaceContent(doc, source));
	source.destroy();
	audit(
		db,
		actor.userId,
		'minutes.restore',
		`meeting:${meetingId}`,
		{ versionId },
		committeeChain(scope.committeeId)
	);
	getHub().emit(hallRoom(meetingId), 'hall:minutes', { meetingId, status: 'draft' });
}

/** The document to export: approved text once approved, otherwise the current draft (for those who may see it). */
export function minutesForExport(db: Db, actor: Actor, meetingId: string) {
	const { title, row } = allowed(db, actor, meetingId, 'minutes.view');
	return {
		title,
		status: row.status,
		approvedAt: row.approvedAt,
		doc: currentDoc(db, meetingId, row)
	};
}
