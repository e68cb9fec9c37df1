import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import {
	needs,
	notifications,
	projects as projectTable,
	spendings,
	taskUnits,
	tasks
} from '../db/schema';
import { AppError } from '../errors';
import type { Actor } from '../../shared/permissions';
import { demoDb, type TestDb } from '../seed/test-db';
import { createNeed } from '../needs/needs';
import * as projects from '.';
import { parseInput } from '../errors';
import { projectInput, projectPatch, spendingInput } from '../../shared/schemas/projects';
import { fenToYuan, yuanToFen, shiftQuarter, quarterDays } from '../../shared/projects/money';

let t: TestDb;
beforeAll(async () => {
	t = await demoDb();
});
afterAll(() => t.close());

function refusal(fn: () => unknown): string {
	try {
		fn();
		return 'ok';
	} catch (err) {
		if (err instanceof AppError)
			return `${err.status} ${err.key} ${Object.keys(err.fields).join(',')}`.trim();
		throw err;
	}
}

const resource = (over: Record<string, unknown> = {}) => ({
	kind: 'canteen' as const,
	name: '职工食堂',
	capacity: '每天 60 份',
	contact: '王师傅 13800000000',
	categories: ['elderly'],
	note: '',
	...over
});

// As every entry point does: the schema reads yuan into fen before the service sees it.
const create = (actor: Actor, raw: unknown) =>
	projects.createProject(t.db, actor, t.committeeId, parseInput(projectInput, raw));
const edit = (actor: Actor, id: string, raw: unknown) =>
	projects.editProject(t.db, actor, id, parseInput(projectPatch, raw));
const spend = (actor: Actor, id: string, raw: unknown) =>
	projects.recordSpending(t.db, actor, id, parseInput(spendingInput, raw));

let quarterSeq = 0;
/** A published project of its own quarter, so lists in one test are not crowded by others. */
function published(over: Record<string, unknown> = {}) {
	const quarter = `2030-Q${(quarterSeq++ % 4) + 1}`;
	const id = create(t.actor('admin'), {
		title: '老年助餐',
		description: '为高龄独居老人送餐',
		quarter,
		budget: '12000.5',
		communityIds: [t.communityId('和平里社区'), t.communityId('青年路社区')],
		...over
	} as never);
	projects.publishProject(t.db, t.actor('admin'), id);
	return id;
}

describe('money', () => {
	it('reads yuan as exact fen and writes it back', () => {
		expect(yuanToFen('12000.5')).toBe(1_200_050);
		expect(yuanToFen('0.1')).toBe(10);
		expect(yuanToFen('1,234.07')).toBe(123_407);
		expect(yuanToFen(12000.5)).toBe(1_200_050);
		expect(yuanToFen('1.234')).toBeNull();
		expect(yuanToFen('-5')).toBeNull();
		expect(yuanToFen('abc')).toBeNull();
		expect(fenToYuan(1_200_050)).toBe(12000.5);
	});

	it('steps through quarters across years', () => {
		expect(shiftQuarter('2026-Q1', -1)).toBe('2025-Q4');
		expect(shiftQuarter('2026-Q4', 1)).toBe('2027-Q1');
		expect(quarterDays('2026-Q1')).toEqual({ first: '2026-01-01', last: '2026-03-31' });
		expect(quarterDays('2024-Q4')).toEqual({ first: '2024-10-01', last: '2024-12-31' });
	});
});

describe('resource list', () => {
	it("a liaison keeps their own unit's list, and only theirs; the secretary may correct any", () => {
		const id = projects.addResource(t.db, t.actor('liaison1'), t.unitId(1), resource());
		expect(projects.listResources(t.db, t.actor('chair'), t.unitId(1)).map((r) => r.id)).toContain(
			id
		);
		expect(
			refusal(() => projects.addResource(t.db, t.actor('liaison2'), t.unitId(1), resource()))
		).toBe('403 err.forbidden');
		expect(
			refusal(() => projects.editResource(t.db, t.actor('liaison2'), id, { name: '别人的' }))
		).toBe('403 err.forbidden');
		projects.editResource(t.db, t.actor('admin'), id, { capacity: '每天 80 份' });
		expect(
			projects.listResources(t.db, t.actor('member1'), t.unitId(1)).find((r) => r.id === id)
				?.capacity
		).toBe('每天 80 份');
		// Residents do not see units' resources.
		expect(refusal(() => projects.listResources(t.db, t.actor('resident1'), t.unitId(1)))).toBe(
			'404 err.notFound'
		);
		projects.removeResource(t.db, t.actor('member1'), id);
		expect(
			projects.listResources(t.db, t.actor('admin'), t.unitId(1)).map((r) => r.id)
		).not.toContain(id);
	});

	it('refuses an unknown category or community, writing nothing', () => {
		const before = projects.listResources(t.db, t.actor('admin'), t.unitId(3)).length;
		expect(
			refusal(() =>
				projects.addResource(
					t.db,
					t.actor('liaison3'),
					t.unitId(3),
					resource({ categories: ['nonsense'] })
				)
			)
		).toBe('422 err.validation categories');
		expect(
			refusal(() =>
				projects.addResource(
					t.db,
					t.actor('liaison3'),
					t.unitId(3),
					resource({ communityId: 'nowhere' })
				)
			)
		).toBe('422 err.validation communityId');
		expect(
			refusal(() =>
				projects.addResource(t.db, t.actor('liaison3'), t.unitId(3), resource({ name: '' }))
			)
		).toBe('422 err.validation name');
		expect(projects.listResources(t.db, t.actor('admin'), t.unitId(3))).toHaveLength(before);
	});
});

describe('suggestions for a need', () => {
	it("offers resources of the need's category, in its community or street-wide, the nearest first", () => {
		const here = t.communityId('和平里社区');
		const there = t.communityId('青年路社区');
		const need = createNeed(
			t.db,
			t.actor('admin'),
			t.committeeId,
			{
				title: '独居老人吃饭难',
				description: '楼里几位高龄老人每天做饭困难',
				category: 'elderly',
				communityId: here,
				visibility: 'public',
				channel: 'phone',
				contactName: '李阿姨'
			} as never,
			{ proxy: true }
		);
		const id = (n: number, over: Record<string, unknown>) =>
			projects.addResource(t.db, t.actor(`liaison${n}`), t.unitId(n), resource(over));
		const streetWide = id(5, { name: '医院营养食堂', communityId: null });
		const sameCommunity = id(6, { name: '和平里助餐点', communityId: here });
		const elsewhere = id(7, { name: '青年路活动室', kind: 'venue', communityId: there });
		const otherCategory = id(8, {
			name: '和平里停车场',
			kind: 'venue',
			communityId: here,
			categories: ['parking']
		});
		const found = projects.suggestResources(t.db, t.actor('chair'), need.id).map((r) => r.id);
		expect(found.slice(0, 2)).toEqual([sameCommunity, streetWide]);
		expect(found).not.toContain(elsewhere);
		expect(found).not.toContain(otherCategory);
		expect(projects.suggestResources(t.db, t.actor('liaison2'), need.id)[0]).toMatchObject({
			id: sameCommunity,
			matchesCommunity: true,
			unitName: expect.any(String)
		});
		expect(refusal(() => projects.suggestResources(t.db, t.actor('resident1'), need.id))).toBe(
			'403 err.forbidden'
		);
		expect(refusal(() => projects.suggestResources(t.db, t.actor('chair'), 'missing'))).toBe(
			'404 err.notFound'
		);
		expect(t.db.select().from(needs).where(eq(needs.id, need.id)).get()?.category).toBe('elderly');
	});
});

describe('projects', () => {
	it('keeps drafts to the secretary; residents read the published list', () => {
		const id = create(t.actor('admin'), {
			title: '楼道照明改造',
			description: '',
			quarter: '2031-Q1',
			budget: '8000',
			communityIds: []
		} as never);
		expect(t.db.select().from(projectTable).where(eq(projectTable.id, id)).get()?.budget).toBe(
			800_000
		);
		expect(refusal(() => projects.getProject(t.db, t.actor('resident1'), id))).toBe(
			'404 err.notFound'
		);
		expect(refusal(() => projects.getProject(t.db, t.actor('liaison1'), id))).toBe(
			'404 err.notFound'
		);
		expect(
			projects.listProjects(t.db, t.actor('resident1'), t.committeeId, {
				quarter: '2031-Q1',
				drafts: true
			})
		).toEqual([]);
		expect(
			projects.listProjects(t.db, t.actor('admin'), t.committeeId, {
				quarter: '2031-Q1',
				drafts: true
			})
		).toHaveLength(1);
		edit(t.actor('admin'), id, { budget: '9000.99' } as never);
		expect(projects.publishQuarter(t.db, t.actor('admin'), t.committeeId, '2031-Q1')).toBe(1);
		const seen = projects.listProjects(t.db, t.actor('resident1'), t.committeeId, {
			quarter: '2031-Q1'
		});
		expect(seen).toMatchObject([
			{ id, status: 'published', budget: 900_099, spent: 0, claimedBy: null }
		]);
		// Published: a promise to units and residents, no longer edited.
		expect(refusal(() => edit(t.actor('admin'), id, { title: '改名' } as never))).toBe(
			'409 err.projects.notDraft'
		);
	});

	it('only the secretary creates, edits and publishes', () => {
		const input = {
			title: '垃圾分类宣传',
			quarter: '2031-Q2',
			budget: '100',
			communityIds: []
		} as never;
		for (const login of ['chair', 'member1', 'liaison1', 'supervisor', 'resident1'])
			expect(
				refusal(() => create(t.actor(login), input)),
				login
			).toBe('403 err.forbidden');
		expect(
			refusal(() =>
				create(t.actor('admin'), {
					...(input as object),
					budget: '1.234'
				} as never)
			)
		).toBe('422 err.validation budget');
		expect(
			refusal(() =>
				create(t.actor('admin'), {
					...(input as object),
					quarter: '2031-5'
				} as never)
			)
		).toBe('422 err.validation quarter');
		const id = create(t.actor('admin'), input);
		expect(refusal(() => projects.publishProject(t.db, t.actor('chair'), id))).toBe(
			'404 err.notFound'
		);
		expect(
			refusal(() => projects.publishQuarter(t.db, t.actor('chair'), t.committeeId, '2031-Q2'))
		).toBe('403 err.forbidden');
	});
});

describe('claiming', () => {
	it('the first claim wins and becomes tasks led by the unit; a second claim is refused with 409', () => {
		const id = published();
		expect(refusal(() => projects.claimProject(t.db, t.actor('resident1'), id))).toBe(
			'403 err.forbidden'
		);
		// A liaison claims only for their own unit.
		expect(
			refusal(() => projects.claimProject(t.db, t.actor('liaison1'), id, { unitId: t.unitId(2) }))
		).toBe('403 err.forbidden');
		const before = t.db.select().from(notifications).all().length;
		const r = projects.claimProject(t.db, t.actor('liaison1'), id);
		expect(r.unitId).toBe(t.unitId(1));
		// One task per community served, each led by the claiming unit.
		expect(r.taskIds).toHaveLength(2);
		for (const taskId of r.taskIds) {
			const task = t.db.select().from(tasks).where(eq(tasks.id, taskId)).get()!;
			// Dispatched like any task: the unit accepts, reports and hands it in.
			expect(task).toMatchObject({ projectId: id, leadUnitId: t.unitId(1), status: 'pending' });
			expect(t.db.select().from(taskUnits).where(eq(taskUnits.taskId, taskId)).all()).toMatchObject(
				[{ unitId: t.unitId(1), role: 'lead' }]
			);
		}
		expect(t.db.select().from(notifications).all().length).toBeGreaterThan(before);
		expect(refusal(() => projects.claimProject(t.db, t.actor('liaison2'), id))).toBe(
			'409 err.projects.alreadyClaimed'
		);
		expect(refusal(() => projects.claimProject(t.db, t.actor('liaison1'), id))).toBe(
			'409 err.projects.alreadyClaimed'
		);
		expect(t.db.select().from(tasks).where(eq(tasks.projectId, id)).all()).toHaveLength(2);
		expect(projects.getProject(t.db, t.actor('resident2'), id)).toMatchObject({
			status: 'claimed',
			claimedBy: { id: t.unitId(1) },
			canClaim: false
		});
	});

	it('progress is the mean of the tasks, a done task counting 100', () => {
		const id = published();
		const { taskIds } = projects.claimProject(t.db, t.actor('member2'), id);
		t.db.update(tasks).set({ progress: 40 }).where(eq(tasks.id, taskIds[0]!)).run();
		t.db.update(tasks).set({ status: 'done', progress: 90 }).where(eq(tasks.id, taskIds[1]!)).run();
		expect(projects.getProject(t.db, t.actor('resident1'), id).progress).toBe(70);
	});
});

describe('open finances', () => {
	it('adds spending in fen: budget, spent and remaining stay exact', () => {
		const id = published({ budget: '1000' });
		projects.claimProject(t.db, t.actor('liaison3'), id);
		spend(t.actor('admin'), id, {
			amount: '0.1',
			item: '打印',
			spentOn: '2026-01-05'
		});
		spend(t.actor('liaison3'), id, {
			amount: 0.2,
			item: '胶带',
			spentOn: '2026-01-06'
		});
		spend(t.actor('liaison3'), id, {
			amount: '333.33',
			item: '食材',
			spentOn: '2026-01-07'
		});
		const p = projects.getProject(t.db, t.actor('resident1'), id);
		expect(p).toMatchObject({ budget: 100_000, spent: 33_363, remaining: 66_637 });
		expect(p.spending.map((s) => s.amount)).toEqual([33_333, 20, 10]);
		expect(projects.projectForApi(p)).toMatchObject({
			budget: 1000,
			spent: 333.63,
			remaining: 666.37
		});
	});

	it('only the secretary and the claiming unit record spending; bad input writes nothing', () => {
		const id = published();
		projects.claimProject(t.db, t.actor('liaison4'), id);
		const entry = { amount: '50', item: '材料', spentOn: '2026-01-05' };
		for (const login of ['liaison5', 'member5', 'chair', 'supervisor', 'resident1'])
			expect(
				refusal(() => spend(t.actor(login), id, entry)),
				login
			).toBe('403 err.forbidden');
		expect(refusal(() => spend(t.actor('admin'), id, { ...entry, amount: '0' }))).toBe(
			'422 err.validation amount'
		);
		expect(refusal(() => spend(t.actor('admin'), id, { ...entry, spentOn: '2999-01-01' }))).toBe(
			'422 err.validation spentOn'
		);
		expect(t.db.select().from(spendings).where(eq(spendings.projectId, id)).all()).toHaveLength(0);
		spend(t.actor('member4'), id, entry);
		expect(t.db.select().from(spendings).where(eq(spendings.projectId, id)).all()).toHaveLength(1);
	});

	it('refuses spending on a draft', () => {
		const id = create(t.actor('admin'), {
			title: '草稿项目',
			quarter: '2031-Q3',
			budget: '10',
			communityIds: []
		} as never);
		expect(
			refusal(() =>
				spend(t.actor('admin'), id, {
					amount: '1',
					item: 'x',
					spentOn: '2026-01-01'
				})
			)
		).toBe('409 err.projects.notPublished');
	});
});

// Last in the file: a second demo database takes the hub over from the first.
describe('demo projects', () => {
	it('seeds resources for most units and two quarters of projects, some claimed with spending', async () => {
		const { seedDemoProjects } = await import('../seed/projects');
		const d = await demoDb();
		try {
			seedDemoProjects(d.db, d.committeeId);
			const withResources = [1, 2, 3, 4, 5, 6, 7, 8].filter(
				(n) => projects.listResources(d.db, d.actor('admin'), d.unitId(n)).length > 0
			);
			expect(withResources.length).toBeGreaterThanOrEqual(6);
			const now = projects.currentQuarter();
			const list = projects.listProjects(d.db, d.actor('resident1'), d.committeeId);
			expect(list.length).toBeGreaterThanOrEqual(4);
			expect(new Set(list.map((p) => p.quarter))).toEqual(new Set([now, shiftQuarter(now, -1)]));
			const meals = list.find((p) => p.title === '老年助餐')!;
			expect(meals).toMatchObject({ budget: 3_600_000, spent: 1_720_050, status: 'claimed' });
			expect(meals.communities).toHaveLength(3);
			expect(meals.progress).toBe(80);
			expect(list.some((p) => p.status === 'published' && !p.claimedBy)).toBe(true);
		} finally {
			d.close();
		}
	});
});
