/**
 * Needs (群众点单): residents raise them (or staff enter them on a resident's behalf, 代办),
 * others support them (附议), staff accept, decline or merge them. Every change is a timeline
 * entry, notifies the submitter and supporters, and is pushed live.
 */
import { and, asc, desc, eq, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, DbLike } from '../db';
import { newId } from '../db/ids';
import {
	communities,
	needCategories,
	needEvents,
	needPhotos,
	needSupports,
	needs,
	users,
	type Need
} from '../db/schema';
import { AppError, forbidden, notFound } from '../errors';
import { maskPhone, open, seal } from '../crypto/pii';
import { can, type Actor } from '../../shared/permissions';
import {
	DEFAULT_NEED_CATEGORIES,
	type NeedStatus,
	type needInput,
	type needQuery,
	type proxyNeedInput
} from '../../shared/schemas/needs';
import { audit, committeeChain } from '../platform/audit';
import { pinyinKeys } from './pinyin';
import { needSearch } from './search';
import { notify } from '../notifications/notifications';
import { broadcastNeedChange } from './broadcast';
import { scheduleNeedOverdue } from './overdue';

/** Hours staff have to accept or decline a new need (NEED_RESPONSE_HOURS, default 24). */
export const responseHours = () => Number(process.env.NEED_RESPONSE_HOURS || 24);

const phoneAad = (needId: string) => `need:${needId}:contact_phone`;

export function seedCategories(db: DbLike, committeeId: string): void {
	DEFAULT_NEED_CATEGORIES.forEach((c, i) =>
		db
			.insert(needCategories)
			.values({ id: newId(), committeeId, code: c.code, nameZh: c.zh, nameEn: c.en, sort: i })
			.run()
	);
}

export function listCategories(db: Db, actor: Actor, committeeId: string) {
	if (!can(actor, 'committee.view', { committeeId })) throw forbidden();
	return db
		.select()
		.from(needCategories)
		.where(eq(needCategories.committeeId, committeeId))
		.orderBy(asc(needCategories.sort))
		.all();
}

/** May `actor` see this need? Public needs: anyone in the committee; private: staff and the submitter. */
export function canSeeNeed(
	actor: Actor,
	need: Pick<Need, 'committeeId' | 'visibility' | 'submittedBy'>
): boolean {
	const scope = { committeeId: need.committeeId };
	if (!can(actor, 'committee.view', scope)) return false;
	return (
		need.visibility === 'public' ||
		need.submittedBy === actor.userId ||
		can(actor, 'need.viewPrivate', scope)
	);
}

function event(
	db: DbLike,
	needId: string,
	actorId: string | null,
	kind: string,
	detail: Record<string, unknown> = {}
) {
	db.insert(needEvents)
		.values({ needId, at: new Date(), actorId, kind, detail: JSON.stringify(detail) })
		.run();
}

type NewNeed = z.infer<typeof needInput> &
	Partial<Pick<z.infer<typeof proxyNeedInput>, 'channel' | 'contactName'>>;

export function createNeed(
	db: Db,
	actor: Actor,
	committeeId: string,
	input: NewNeed,
	opts: { proxy?: boolean } = {}
) {
	const scope = { committeeId };
	if (!can(actor, opts.proxy ? 'need.manage' : 'need.submit', scope)) throw forbidden();
	const own = actor.roles.find((r) => r.committeeId === committeeId && r.communityId);
	const communityId = input.communityId ?? own?.communityId ?? null;
	const now = new Date();
	const id = newId();
	const respondBy = new Date(now.getTime() + responseHours() * 3_600_000);
	db.transaction(
		(tx) => {
			if (
				!tx
					.select()
					.from(needCategories)
					.where(
						and(
							eq(needCategories.committeeId, committeeId),
							eq(needCategories.code, input.category)
						)
					)
					.get()
			) {
				throw new AppError(422, 'err.validation', { category: ['err.choose'] });
			}
			if (communityId) {
				const c = tx.select().from(communities).where(eq(communities.id, communityId)).get();
				if (!c || c.committeeId !== committeeId)
					throw new AppError(422, 'err.validation', { communityId: ['err.choose'] });
			}
			tx.insert(needs)
				.values({
					id,
					committeeId,
					communityId,
					gridId: input.gridId ?? null,
					title: input.title,
					titlePinyin: pinyinKeys(input.title),
					description: input.description,
					category: input.category,
					location: input.location ?? '',
					visibility: input.visibility,
					submittedBy: opts.proxy ? null : actor.userId,
					enteredBy: opts.proxy ? actor.userId : null,
					channel: opts.proxy ? (input.channel ?? 'phone') : 'online',
					contactName: input.contactName ?? '',
					contactPhoneEnc: input.contactPhone ? seal(input.contactPhone, phoneAad(id)) : null,
					contactPhoneMasked: input.contactPhone ? maskPhone(input.contactPhone) : '',
					createdAt: now,
					updatedAt: now,
					respondBy
				})
				.run();
			scheduleNeedOverdue(tx, { id, respondBy });
			event(
				tx,
				id,
				actor.userId,
				opts.proxy ? 'entered' : 'submitted',
				opts.proxy ? { channel: input.channel } : {}
			);
			audit(
				tx,
				actor.userId,
				opts.proxy ? 'need.enter' : 'need.submit',
				`need:${id}`,
				{},
				committeeChain(committeeId)
			);
		},
		{ behavior: 'immediate' }
	);
	const need = db.select().from(needs).where(eq(needs.id, id)).get()!;
	broadcastNeedChange(need);
	return need;
}

export interface NeedView extends Omit<Need, 'contactPhoneEnc'> {
	categoryName: { zh: string; en: string };
	communityName: string | null;
	submitterName: string | null;
	supportedByMe: boolean;
	/** The title of the need this one was merged into, when the viewer may see that need. */
	mergedIntoTitle: string | null;
	overdue: boolean;
	photos: { id: string; mime: string }[];
	timeline: {
		id: number;
		at: Date;
		kind: string;
		actorName: string | null;
		detail: Record<string, unknown>;
	}[];
	canSupport: boolean;
	canManage: boolean;
	canRevealPhone: boolean;
}

export function getNeed(db: Db, actor: Actor, id: string): NeedView {
	const need = db.select().from(needs).where(eq(needs.id, id)).get();
	if (!need || !canSeeNeed(actor, need)) throw notFound();
	const scope = { committeeId: need.committeeId };
	const cat = db
		.select()
		.from(needCategories)
		.where(
			and(eq(needCategories.committeeId, need.committeeId), eq(needCategories.code, need.category))
		)
		.get();
	const community = need.communityId
		? db.select().from(communities).where(eq(communities.id, need.communityId)).get()
		: undefined;
	const submitter = need.submittedBy
		? db
				.select({ displayName: users.displayName })
				.from(users)
				.where(eq(users.id, need.submittedBy))
				.get()
		: undefined;
	const supported = !!db
		.select()
		.from(needSupports)
		.where(and(eq(needSupports.needId, id), eq(needSupports.userId, actor.userId)))
		.get();
	const timeline = db
		.select({
			id: needEvents.id,
			at: needEvents.at,
			kind: needEvents.kind,
			detail: needEvents.detail,
			actorName: users.displayName
		})
		.from(needEvents)
		.leftJoin(users, eq(users.id, needEvents.actorId))
		.where(eq(needEvents.needId, id))
		.orderBy(asc(needEvents.id))
		.all()
		.map((e) => ({ ...e, detail: JSON.parse(e.detail) as Record<string, unknown> }));
	const target = need.mergedInto
		? db.select().from(needs).where(eq(needs.id, need.mergedInto)).get()
		: undefined;
	const photos = db
		.select({ id: needPhotos.id, mime: needPhotos.mime })
		.from(needPhotos)
		.where(eq(needPhotos.needId, id))
		.orderBy(asc(needPhotos.createdAt))
		.all();
	const { contactPhoneEnc: _, ...rest } = need;
	const manage = can(actor, 'need.manage', scope);
	return {
		...rest,
		// The contact is for staff and the submitter only.
		contactName: manage || need.submittedBy === actor.userId ? need.contactName : '',
		contactPhoneMasked: manage || need.submittedBy === actor.userId ? need.contactPhoneMasked : '',
		categoryName: { zh: cat?.nameZh ?? need.category, en: cat?.nameEn ?? need.category },
		communityName: community?.name ?? null,
		submitterName: submitter?.displayName ?? null,
		supportedByMe: supported,
		mergedIntoTitle: target && canSeeNeed(actor, target) ? target.title : null,
		overdue: need.status === 'submitted' && need.respondBy.getTime() < Date.now(),
		photos,
		timeline,
		canSupport:
			can(actor, 'need.support', scope) &&
			need.visibility === 'public' &&
			need.submittedBy !== actor.userId &&
			!['declined', 'merged'].includes(need.status),
		canManage: manage,
		canRevealPhone: can(actor, 'need.revealPhone', scope) && !!need.contactPhoneEnc
	};
}

/** The needs `actor` may see, filtered, searched and sorted. The cursor is an opaque offset. */
export function listNeeds(db: Db, actor: Actor, committeeId: string, q: z.infer<typeof needQuery>) {
	if (!can(actor, 'committee.view', { committeeId })) throw forbidden();
	const where: (SQL | undefined)[] = [eq(needs.committeeId, committeeId)];
	if (!can(actor, 'need.viewPrivate', { committeeId }))
		where.push(or(eq(needs.visibility, 'public'), eq(needs.submittedBy, actor.userId)));
	if (q.category) where.push(eq(needs.category, q.category));
	if (q.community) where.push(eq(needs.communityId, q.community));
	if (q.status) where.push(eq(needs.status, q.status));
	else where.push(ne(needs.status, 'merged'));
	const text = q.q?.trim();
	if (text) {
		const search = needSearch(db, committeeId, text);
		where.push(search.where);
		// Few hits: the unary + keeps SQLite from using an index for the committee term, so it
		// looks the hits up by rowid and sorts them.
		if (search.byHits) where[0] = sql`+${needs.committeeId} = ${committeeId}`;
	}
	const order =
		q.sort === 'support'
			? [desc(needs.supportCount), desc(needs.createdAt)]
			: q.sort === 'waiting'
				? [asc(needs.createdAt)]
				: [desc(needs.createdAt)];
	const offset = q.cursor
		? Math.max(0, Number.parseInt(Buffer.from(q.cursor, 'base64url').toString(), 10) || 0)
		: 0;
	const rows = db
		.select({
			id: needs.id,
			title: needs.title,
			category: needs.category,
			communityId: needs.communityId,
			communityName: communities.name,
			visibility: needs.visibility,
			status: needs.status,
			supportCount: needs.supportCount,
			createdAt: needs.createdAt,
			respondBy: needs.respondBy,
			submittedBy: needs.submittedBy,
			supportedByMe: sql<number>`exists (select 1 from ${needSupports} where ${needSupports.needId} = ${needs.id} and ${needSupports.userId} = ${actor.userId})`
		})
		.from(needs)
		.leftJoin(communities, eq(communities.id, needs.communityId))
		.where(and(...where))
		.orderBy(...order)
		.limit(q.limit + 1)
		.offset(offset)
		.all();
	const now = Date.now();
	const items = rows.slice(0, q.limit).map(({ submittedBy, supportedByMe, ...r }) => ({
		...r,
		mine: submittedBy === actor.userId,
		supportedByMe: !!supportedByMe,
		overdue: r.status === 'submitted' && r.respondBy.getTime() < now
	}));
	return {
		items,
		nextCursor:
			rows.length > q.limit ? Buffer.from(String(offset + q.limit)).toString('base64url') : null
	};
}

/** Similar open needs while someone types a title, so they can support instead of duplicating. */
/** The titles of those of `ids` the actor may see (for agenda items that carry needs). */
export function needTitles(db: Db, actor: Actor, ids: string[]): Record<string, string> {
	const unique = [...new Set(ids)];
	if (!unique.length) return {};
	const rows = db.select().from(needs).where(inArray(needs.id, unique)).all();
	return Object.fromEntries(rows.filter((n) => canSeeNeed(actor, n)).map((n) => [n.id, n.title]));
}

export function similarNeeds(db: Db, actor: Actor, committeeId: string, title: string) {
	const words = title.trim();
	if ([...words].length < 2) return [];
	return listNeeds(db, actor, committeeId, { q: words.slice(0, 30), sort: 'support', limit: 5 })
		.items;
}

/** Support (附议) once. A second support by the same person changes nothing (409). */
export function supportNeed(db: Db, actor: Actor, id: string) {
	const need = db.select().from(needs).where(eq(needs.id, id)).get();
	if (!need || !canSeeNeed(actor, need)) throw notFound();
	if (
		!can(actor, 'need.support', { committeeId: need.committeeId }) ||
		need.visibility !== 'public' ||
		need.submittedBy === actor.userId
	)
		throw forbidden();
	if (need.status === 'declined' || need.status === 'merged')
		throw new AppError(409, 'err.needClosed');
	const count = db.transaction(
		(tx) => {
			const r = tx
				.insert(needSupports)
				.values({ needId: id, userId: actor.userId, createdAt: new Date() })
				.onConflictDoNothing()
				.run();
			if (r.changes === 0) throw new AppError(409, 'err.alreadySupported');
			tx.update(needs)
				.set({ supportCount: sql`${needs.supportCount} + 1` })
				.where(eq(needs.id, id))
				.run();
			return tx.select({ n: needs.supportCount }).from(needs).where(eq(needs.id, id)).get()!.n;
		},
		{ behavior: 'immediate' }
	);
	broadcastNeedChange({ ...need, supportCount: count });
	return { supportCount: count, supportedByMe: true };
}

/**
 * Withdraw one's support (取消附议), as Decidim and CONSUL allow. Only a support that exists
 * can be withdrawn (409 otherwise), so the count never goes below the supporters in the table;
 * a closed need keeps its supporters, who are its record. The withdrawn supporter stops
 * hearing about the need's progress, as they are no longer among its followers.
 */
export function withdrawSupport(db: Db, actor: Actor, id: string) {
	const need = db.select().from(needs).where(eq(needs.id, id)).get();
	if (!need || !canSeeNeed(actor, need)) throw notFound();
	const count = db.transaction(
		(tx) => {
			// Read under the write lock: a merge carrying this support over cannot slip in between.
			const now = tx.select({ status: needs.status }).from(needs).where(eq(needs.id, id)).get();
			if (!now || now.status === 'declined' || now.status === 'merged')
				throw new AppError(409, 'err.needClosed');
			const r = tx
				.delete(needSupports)
				.where(and(eq(needSupports.needId, id), eq(needSupports.userId, actor.userId)))
				.run();
			if (r.changes === 0) throw new AppError(409, 'err.notSupported');
			tx.update(needs)
				.set({ supportCount: sql`max(0, ${needs.supportCount} - 1)` })
				.where(eq(needs.id, id))
				.run();
			return tx.select({ n: needs.supportCount }).from(needs).where(eq(needs.id, id)).get()!.n;
		},
		{ behavior: 'immediate' }
	);
	broadcastNeedChange({ ...need, supportCount: count });
	return { supportCount: count, supportedByMe: false };
}

/** The submitter and supporters of a need: who hears about its progress. */
export function needFollowers(db: DbLike, need: Need): string[] {
	return interested(db, need);
}

function interested(db: DbLike, need: Need): string[] {
	const supporters = db
		.select({ userId: needSupports.userId })
		.from(needSupports)
		.where(eq(needSupports.needId, need.id))
		.all()
		.map((s) => s.userId);
	return [...(need.submittedBy ? [need.submittedBy] : []), ...supporters];
}

function managed(db: Db, actor: Actor, id: string): Need {
	const need = db.select().from(needs).where(eq(needs.id, id)).get();
	if (!need || !canSeeNeed(actor, need)) throw notFound();
	if (!can(actor, 'need.manage', { committeeId: need.committeeId })) throw forbidden();
	return need;
}

/** Change status with a timeline entry, an audit entry and notifications, in one transaction. */
function transition(
	db: Db,
	actor: Actor,
	need: Need,
	to: NeedStatus,
	from: NeedStatus[],
	detail: Record<string, unknown>,
	set: Partial<Need> = {}
) {
	const push = db.transaction(
		(tx) => {
			const r = tx
				.update(needs)
				.set({ ...set, status: to, updatedAt: new Date() })
				.where(and(eq(needs.id, need.id), inArray(needs.status, from)))
				.run();
			if (r.changes === 0) throw new AppError(409, 'err.needWrongState');
			event(tx, need.id, actor.userId, to, detail);
			audit(
				tx,
				actor.userId,
				`need.${to}`,
				`need:${need.id}`,
				detail,
				committeeChain(need.committeeId)
			);
			return notify(tx, interested(tx, need), {
				kind: 'need.status',
				params: { title: need.title, status: to },
				link: `/needs/${need.id}`
			});
		},
		{ behavior: 'immediate' }
	);
	push();
	const updated = db.select().from(needs).where(eq(needs.id, need.id)).get()!;
	broadcastNeedChange(updated);
	return updated;
}

export function acceptNeed(db: Db, actor: Actor, id: string) {
	const need = managed(db, actor, id);
	return transition(db, actor, need, 'accepted', ['submitted'], {}, { respondedAt: new Date() });
}

export function declineNeed(db: Db, actor: Actor, id: string, reason: string) {
	const need = managed(db, actor, id);
	return transition(
		db,
		actor,
		need,
		'declined',
		['submitted', 'accepted'],
		{ reason },
		{ declineReason: reason, respondedAt: new Date() }
	);
}

/** Merge a duplicate into another need: its supporters (and submitter) carry over, each once. */
export function mergeNeed(db: Db, actor: Actor, id: string, intoId: string) {
	const dup = managed(db, actor, id);
	const target = managed(db, actor, intoId);
	if (dup.id === target.id || dup.committeeId !== target.committeeId)
		throw new AppError(422, 'err.validation', { intoId: ['err.choose'] });
	if (['merged', 'declined'].includes(target.status)) throw new AppError(409, 'err.needWrongState');
	const push = db.transaction(
		(tx) => {
			const r = tx
				.update(needs)
				.set({
					status: 'merged',
					mergedInto: target.id,
					updatedAt: new Date(),
					respondedAt: new Date()
				})
				.where(and(eq(needs.id, dup.id), inArray(needs.status, ['submitted', 'accepted'])))
				.run();
			if (r.changes === 0) throw new AppError(409, 'err.needWrongState');
			const carried = [...interested(tx, dup)].filter((u) => u !== target.submittedBy);
			// Nobody may become a supporter of a private need they cannot see (later status
			// notifications would carry its title to them).
			if (target.visibility === 'private' && carried.length)
				throw new AppError(422, 'err.validation', { intoId: ['err.choose'] });
			for (const userId of carried)
				tx.insert(needSupports)
					.values({ needId: target.id, userId, createdAt: new Date() })
					.onConflictDoNothing()
					.run();
			const n = tx
				.select({ n: sql<number>`count(*)` })
				.from(needSupports)
				.where(eq(needSupports.needId, target.id))
				.get()!.n;
			tx.update(needs)
				.set({ supportCount: n, updatedAt: new Date() })
				.where(eq(needs.id, target.id))
				.run();
			// Each timeline is read by the people of its own need: a private title stays out of the other's.
			event(
				tx,
				dup.id,
				actor.userId,
				'merged',
				target.visibility === 'public' ? { into: target.id, intoTitle: target.title } : {}
			);
			event(
				tx,
				target.id,
				actor.userId,
				'merged_from',
				dup.visibility === 'public' ? { from: dup.id, fromTitle: dup.title } : {}
			);
			audit(
				tx,
				actor.userId,
				'need.merge',
				`need:${dup.id}`,
				{ into: target.id },
				committeeChain(dup.committeeId)
			);
			return notify(tx, interested(tx, dup), {
				kind: 'need.merged',
				params: { title: dup.title, into: target.title },
				link: `/needs/${target.id}`
			});
		},
		{ behavior: 'immediate' }
	);
	push();
	const updatedDup = db.select().from(needs).where(eq(needs.id, dup.id)).get()!;
	const updatedTarget = db.select().from(needs).where(eq(needs.id, target.id)).get()!;
	broadcastNeedChange(updatedDup);
	broadcastNeedChange(updatedTarget);
	return updatedTarget;
}

/** Reveal a contact phone: staff only, with a reason, and always audited. */
export function revealPhone(db: Db, actor: Actor, id: string, reason: string): string {
	const need = db.select().from(needs).where(eq(needs.id, id)).get();
	if (!need || !canSeeNeed(actor, need)) throw notFound();
	if (!can(actor, 'need.revealPhone', { committeeId: need.committeeId }) || !need.contactPhoneEnc)
		throw forbidden();
	const phone = open(need.contactPhoneEnc, phoneAad(id));
	audit(
		db,
		actor.userId,
		'need.revealPhone',
		`need:${id}`,
		{ reason },
		committeeChain(need.committeeId)
	);
	return phone;
}

/** Staff queue: how many needs wait for acceptance, and how many of them are overdue. */
export function waitingCount(
	db: Db,
	actor: Actor,
	committeeId: string
): { waiting: number; overdue: number } {
	if (!can(actor, 'need.viewQueue', { committeeId })) return { waiting: 0, overdue: 0 };
	const r = db
		.select({
			waiting: sql<number>`count(*)`,
			overdue: sql<number>`sum(case when ${needs.respondBy} < ${Date.now()} then 1 else 0 end)`
		})
		.from(needs)
		.where(and(eq(needs.committeeId, committeeId), eq(needs.status, 'submitted')))
		.get();
	return { waiting: r?.waiting ?? 0, overdue: r?.overdue ?? 0 };
}

/** Attach photos (already validated and stored) to a need the actor submitted or manages. */
export function addPhotos(
	db: Db,
	actor: Actor,
	id: string,
	photos: { file: string; mime: string; bytes: number }[]
) {
	const need = db.select().from(needs).where(eq(needs.id, id)).get();
	if (!need || !canSeeNeed(actor, need)) throw notFound();
	if (
		need.submittedBy !== actor.userId &&
		!can(actor, 'need.manage', { committeeId: need.committeeId })
	)
		throw forbidden();
	db.transaction(
		(tx) => {
			const have = tx
				.select({ n: sql<number>`count(*)` })
				.from(needPhotos)
				.where(eq(needPhotos.needId, id))
				.get()!.n;
			if (have + photos.length > 6)
				throw new AppError(422, 'err.validation', { photos: ['err.photoCount'] });
			for (const p of photos)
				tx.insert(needPhotos)
					.values({ id: newId(), needId: id, ...p, createdAt: new Date() })
					.run();
			event(tx, id, actor.userId, 'photo', { count: photos.length });
		},
		{ behavior: 'immediate' }
	);
}

/** A photo of a need, if the actor may see the need. */
export function getPhoto(db: Db, actor: Actor, photoId: string) {
	const row = db
		.select({ photo: needPhotos, need: needs })
		.from(needPhotos)
		.innerJoin(needs, eq(needs.id, needPhotos.needId))
		.where(eq(needPhotos.id, photoId))
		.get();
	if (!row || !canSeeNeed(actor, row.need)) throw notFound();
	return row.photo;
}
