/**
 * Needs (群众点单): residents raise them (or staff enter them on a resident's behalf, 代办); who may
 * see one; the categories. Supporting is in support.ts, handling by staff in triage.ts, reading
 * in queries.ts, photos in photos.ts. Every change is a timeline entry, notifies the submitter
 * and supporters, and is pushed live (broadcast.ts).
 */
import type { z } from 'zod';
import { and, asc, eq } from 'drizzle-orm';
import type { Db, DbLike } from '../db';
import { newId } from '../db/ids';
import { communities, needCategories, needEvents, needs, type Need } from '../db/schema';
import { AppError, forbidden } from '../errors';
import { maskPhone, seal } from '../crypto/pii';
import { can, type Actor } from '../../shared/permissions';
import {
	DEFAULT_NEED_CATEGORIES,
	type needInput,
	type proxyNeedInput
} from '../../shared/schemas/needs';
import { audit, committeeChain } from '../platform/audit';
import { pinyinKeys } from './pinyin';
import { broadcastNeedChange } from './broadcast';
import { scheduleNeedOverdue } from './overdue';

/** Hours staff have to accept or decline a new need (NEED_RESPONSE_HOURS, default 24). */
export const responseHours = () => Number(process.env.NEED_RESPONSE_HOURS || 24);

export const phoneAad = (needId: string) => `need:${needId}:contact_phone`;

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

export function needEvent(
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
			needEvent(
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
