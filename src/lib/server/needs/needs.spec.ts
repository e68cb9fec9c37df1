import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { needSupports, needs, notifications } from '../db/schema';
import { AppError } from '../errors';
import { demoDb, type TestDb } from '../seed/test-db';
import { createNeed } from './needs';
import { getNeed } from './queries';
import { supportNeed, withdrawSupport } from './support';
import { acceptNeed, declineNeed, mergeNeed, revealPhone } from './triage';

let t: TestDb;
beforeAll(async () => {
	t = await demoDb();
});
afterAll(() => t.close());

/** What a service call is refused with: `status key`, or `ok`. */
function refusal(fn: () => unknown): string {
	try {
		fn();
		return 'ok';
	} catch (err) {
		if (err instanceof AppError) return `${err.status} ${err.key}`;
		throw err;
	}
}

let n = 0;
function raise(login = 'resident1', visibility: 'public' | 'private' = 'public') {
	return createNeed(t.db, t.actor(login), t.committeeId, {
		title: `楼道灯坏了 ${++n}`,
		description: '三号楼二单元的楼道灯一直不亮',
		category: 'environment',
		visibility
	});
}
const supporters = (id: string) =>
	t.db
		.select({ userId: needSupports.userId })
		.from(needSupports)
		.where(eq(needSupports.needId, id))
		.all()
		.map((s) => s.userId)
		.sort();
const statusNotes = (login: string, needId: string) =>
	t.db
		.select()
		.from(notifications)
		.where(eq(notifications.userId, t.userId(login)))
		.all()
		.filter((x) => x.link === `/needs/${needId}`);

describe('raising a need', () => {
	it('a resident raises one in their own community, waiting for staff with a response deadline', () => {
		const need = raise('resident1');
		expect(need).toMatchObject({
			status: 'submitted',
			submittedBy: t.userId('resident1'),
			supportCount: 0
		});
		expect(need.communityId).toBe(t.actor('resident1').roles[0]!.communityId);
		expect(need.respondBy.getTime() - need.createdAt.getTime()).toBe(24 * 3_600_000);
		expect(getNeed(t.db, t.actor('resident1'), need.id).timeline.map((e) => e.kind)).toEqual([
			'submitted'
		]);
	});

	it('members, the chair and the recorder may not raise one; an unknown category is refused', () => {
		for (const login of ['member1', 'chair', 'recorder']) {
			expect(
				refusal(() => raise(login)),
				login
			).toBe('403 err.forbidden');
		}
		const before = t.db.select().from(needs).all().length;
		const wrong = () =>
			createNeed(t.db, t.actor('resident1'), t.committeeId, {
				title: '没有这个分类',
				description: '分类不存在',
				category: 'nosuch',
				visibility: 'public'
			});
		expect(refusal(wrong)).toBe('422 err.validation');
		expect(t.db.select().from(needs).all().length).toBe(before);
	});
});

describe('supporting a need', () => {
	it('counts each resident once, never the submitter, and only residents', () => {
		const need = raise('resident1');
		expect(supportNeed(t.db, t.actor('resident2'), need.id)).toEqual({
			supportCount: 1,
			supportedByMe: true
		});
		expect(refusal(() => supportNeed(t.db, t.actor('resident2'), need.id))).toBe(
			'409 err.alreadySupported'
		);
		expect(refusal(() => supportNeed(t.db, t.actor('resident1'), need.id))).toBe(
			'403 err.forbidden'
		);
		expect(refusal(() => supportNeed(t.db, t.actor('liaison1'), need.id))).toBe(
			'403 err.forbidden'
		);
		expect(supportNeed(t.db, t.actor('resident3'), need.id).supportCount).toBe(2);
		expect(supporters(need.id)).toEqual([t.userId('resident2'), t.userId('resident3')].sort());
	});

	it('a private need is no such need to other residents, and cannot be supported', () => {
		const need = raise('resident1', 'private');
		expect(refusal(() => supportNeed(t.db, t.actor('resident2'), need.id))).toBe(
			'404 err.notFound'
		);
		expect(refusal(() => getNeed(t.db, t.actor('resident2'), need.id))).toBe('404 err.notFound');
		expect(getNeed(t.db, t.actor('liaison1'), need.id).canSupport).toBe(false);
	});

	it('a support can be withdrawn once; a closed need keeps its supporters', () => {
		const need = raise('resident1');
		supportNeed(t.db, t.actor('resident2'), need.id);
		supportNeed(t.db, t.actor('resident3'), need.id);
		expect(withdrawSupport(t.db, t.actor('resident2'), need.id)).toEqual({
			supportCount: 1,
			supportedByMe: false
		});
		expect(refusal(() => withdrawSupport(t.db, t.actor('resident2'), need.id))).toBe(
			'409 err.notSupported'
		);
		declineNeed(t.db, t.actor('liaison1'), need.id, '不在职责范围');
		expect(refusal(() => withdrawSupport(t.db, t.actor('resident3'), need.id))).toBe(
			'409 err.needClosed'
		);
		expect(refusal(() => supportNeed(t.db, t.actor('resident2'), need.id))).toBe(
			'409 err.needClosed'
		);
		expect(supporters(need.id)).toEqual([t.userId('resident3')]);
		expect(t.db.select().from(needs).where(eq(needs.id, need.id)).get()!.supportCount).toBe(1);
	});
});

describe('staff handling a need', () => {
	it('only staff who manage needs accept; the submitter and supporters are told; a second accept is refused', () => {
		const need = raise('resident1');
		supportNeed(t.db, t.actor('resident2'), need.id);
		for (const login of ['resident2', 'member1', 'chair', 'supervisor']) {
			expect(
				refusal(() => acceptNeed(t.db, t.actor(login), need.id)),
				login
			).toBe('403 err.forbidden');
		}
		const accepted = acceptNeed(t.db, t.actor('liaison1'), need.id);
		expect(accepted.status).toBe('accepted');
		expect(accepted.respondedAt).not.toBeNull();
		for (const login of ['resident1', 'resident2'])
			expect(statusNotes(login, need.id), login).toHaveLength(1);
		expect(statusNotes('resident3', need.id)).toEqual([]);
		expect(refusal(() => acceptNeed(t.db, t.actor('admin'), need.id))).toBe(
			'409 err.needWrongState'
		);
		const declined = declineNeed(t.db, t.actor('admin'), need.id, '已由物业处理');
		expect(declined).toMatchObject({ status: 'declined', declineReason: '已由物业处理' });
		expect(refusal(() => declineNeed(t.db, t.actor('admin'), need.id, '再次'))).toBe(
			'409 err.needWrongState'
		);
	});

	it('a change to a private need is pushed to staff and its submitter, not to the committee', () => {
		const need = raise('resident1', 'private');
		t.emitted.length = 0;
		acceptNeed(t.db, t.actor('liaison1'), need.id);
		expect(
			t.emitted
				.filter((e) => e.event === 'need:changed')
				.map((e) => e.room)
				.sort()
		).toEqual([`staff:${t.committeeId}`, `user:${t.userId('resident1')}`].sort());
		const open = raise('resident1');
		t.emitted.length = 0;
		acceptNeed(t.db, t.actor('liaison1'), open.id);
		expect(t.emitted.filter((e) => e.event === 'need:changed').map((e) => e.room)).toEqual([
			`committee:${t.committeeId}`
		]);
	});
});

describe('merging a duplicate', () => {
	it('carries its submitter and supporters over to the other need, each once', () => {
		const target = raise('resident1');
		supportNeed(t.db, t.actor('resident2'), target.id);
		const dup = raise('resident3');
		supportNeed(t.db, t.actor('resident2'), dup.id);
		supportNeed(t.db, t.actor('resident4'), dup.id);
		const merged = mergeNeed(t.db, t.actor('liaison1'), dup.id, target.id);
		const want = ['resident2', 'resident3', 'resident4'].map((l) => t.userId(l)).sort();
		expect(supporters(target.id)).toEqual(want);
		expect(merged.supportCount).toBe(3);
		expect(t.db.select().from(needs).where(eq(needs.id, dup.id)).get()).toMatchObject({
			status: 'merged',
			mergedInto: target.id
		});
		expect(refusal(() => supportNeed(t.db, t.actor('resident5'), dup.id))).toBe(
			'409 err.needClosed'
		);
	});

	it('refuses a need into itself, into a closed need, and followers into a private need, changing nothing', () => {
		const a = raise('resident1');
		expect(refusal(() => mergeNeed(t.db, t.actor('liaison1'), a.id, a.id))).toBe(
			'422 err.validation'
		);
		const closed = raise('resident2');
		declineNeed(t.db, t.actor('liaison1'), closed.id, '重复');
		expect(refusal(() => mergeNeed(t.db, t.actor('liaison1'), a.id, closed.id))).toBe(
			'409 err.needWrongState'
		);
		const hidden = raise('resident2', 'private');
		supportNeed(t.db, t.actor('resident3'), a.id);
		expect(refusal(() => mergeNeed(t.db, t.actor('liaison1'), a.id, hidden.id))).toBe(
			'422 err.validation'
		);
		// The refused merge rolled back: the duplicate is still open, nobody moved.
		expect(t.db.select().from(needs).where(eq(needs.id, a.id)).get()!.status).toBe('submitted');
		expect(supporters(hidden.id)).toEqual([]);
		expect(refusal(() => mergeNeed(t.db, t.actor('resident1'), a.id, closed.id))).toBe(
			'403 err.forbidden'
		);
	});
});

describe('a contact phone', () => {
	it('is shown masked, revealed in full only to staff who manage needs, and every reveal is audited', () => {
		process.env.YITING_DATA_KEY ??= Buffer.alloc(32, 7).toString('base64');
		const need = createNeed(t.db, t.actor('resident1'), t.committeeId, {
			title: '电梯经常停运',
			description: '五号楼电梯一周停了三次',
			category: 'environment',
			visibility: 'public',
			contactPhone: '13812345678'
		});
		expect(need.contactPhoneMasked).not.toContain('12345678');
		expect(getNeed(t.db, t.actor('resident2'), need.id).contactPhoneMasked).toBe('');
		const reveals = () =>
			t.db.$client
				.prepare("select count(*) from audit_log where action = 'need.revealPhone' and target = ?")
				.pluck()
				.get(`need:${need.id}`);
		for (const login of ['resident1', 'resident2', 'chair', 'supervisor', 'member1']) {
			expect(
				refusal(() => revealPhone(t.db, t.actor(login), need.id, '回访')),
				login
			).toBe('403 err.forbidden');
		}
		expect(reveals()).toBe(0);
		expect(revealPhone(t.db, t.actor('liaison1'), need.id, '电话回访')).toBe('13812345678');
		expect(reveals()).toBe(1);
		const without = raise('resident1');
		expect(refusal(() => revealPhone(t.db, t.actor('liaison1'), without.id, '回访'))).toBe(
			'403 err.forbidden'
		);
	});
});
