/** Reading needs: one need as its reader may see it, the board's list and search, similar titles. */
import type { z } from 'zod';
import { and, asc, desc, eq, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db';
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
import { forbidden, notFound } from '../errors';
import { can, type Actor } from '../../shared/permissions';
import { type needQuery } from '../../shared/schemas/needs';
import { needSearch } from './search';
import { canSeeNeed } from './needs';

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

/** The titles of those of `ids` the actor may see (for agenda items that carry needs). */
export function needTitles(db: Db, actor: Actor, ids: string[]): Record<string, string> {
	const unique = [...new Set(ids)];
	if (!unique.length) return {};
	const rows = db.select().from(needs).where(inArray(needs.id, unique)).all();
	return Object.fromEntries(rows.filter((n) => canSeeNeed(actor, n)).map((n) => [n.id, n.title]));
}

/** Similar open needs while someone types a title, so they can support instead of duplicating. */
export function similarNeeds(db: Db, actor: Actor, committeeId: string, title: string) {
	const words = title.trim();
	if ([...words].length < 2) return [];
	return listNeeds(db, actor, committeeId, { q: words.slice(0, 30), sort: 'support', limit: 5 })
		.items;
}
