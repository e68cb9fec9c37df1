/**
 * The demo's execution history: six months of needs carried through to approved and rated
 * tasks (so the dashboard and the ranking have something to show), the tasks dispatched from
 * the demo meeting's resolutions, work in progress, late and overdue tasks, one handed in and
 * waiting for approval, one just dispatched to 区城市管理局 (liaison1 can accept it), and a
 * summons. History is written with its own past times; the tasks still open are handed to the
 * scheduler like any dispatched task.
 */
import { asc, eq, sql } from 'drizzle-orm';
import type { Db, DbLike } from '../db';
import { newId } from '../db/ids';
import {
	communities,
	needEvents,
	needSupports,
	needs,
	ratings,
	resolutionNeeds,
	resolutions,
	summonsUnits,
	summonses,
	taskEvents,
	taskNeeds,
	taskReports,
	taskUnits,
	tasks,
	units,
	users,
	type TaskRow
} from '../db/schema';
import { loadActor } from '../auth/session';
import { acceptNeed, createNeed, needFollowers, supportNeed } from '../needs';
import { notify } from '../notifications/notifications';
import { scheduleTaskTimers } from '../tasks';
import type { TaskStatus } from '../../shared/tasks/options';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Past needs, one line each: category, title, community index. */
const HISTORY: [string, string, number][] = [
	['environment', '垃圾分类投放点异味大', 0],
	['safety', '路口红绿灯时间太短', 1],
	['elderly', '独居老人需要定期探访', 2],
	['parking', '小区门口违停堵路', 0],
	['health', '社区卫生站开放时间太短', 1],
	['culture', '社区活动室周末开放', 2],
	['environment', '河道漂浮垃圾清理', 2],
	['safety', '楼道堆放杂物有火灾隐患', 0],
	['education', '放学后孩子无人看管', 1],
	['elderly', '老年食堂饭菜太咸', 0],
	['parking', '共享单车占用盲道', 2],
	['health', '慢病老人取药不方便', 1],
	['environment', '绿化带杂草丛生', 1],
	['safety', '井盖松动有响声', 2],
	['other', '小区快递乱堆放', 0],
	['culture', '广场舞音响太吵', 1],
	['elderly', '加装电梯意见征集', 0],
	['environment', '小区路面坑洼积水', 2],
	['health', '想参加急救知识培训', 2],
	['parking', '夜间货车占道停放', 1],
	['safety', '老旧电线私拉乱接', 0],
	['education', '社区图书角缺新书', 2],
	['elderly', '助浴服务预约难', 1],
	['other', '公告栏信息不更新', 0]
];

interface Ctx {
	db: Db;
	committeeId: string;
	unitIds: string[];
	communityIds: string[];
	userId: (login: string) => string;
}

function event(
	db: DbLike,
	taskId: string,
	at: number,
	kind: string,
	actorId: string | null,
	unitId: string | null,
	detail: Record<string, unknown> = {}
) {
	db.insert(taskEvents)
		.values({ taskId, at: new Date(at), actorId, unitId, kind, detail: JSON.stringify(detail) })
		.run();
}

function needEvent(db: DbLike, needId: string, at: number, kind: string, actorId: string | null) {
	db.insert(needEvents)
		.values({ needId, at: new Date(at), actorId, kind, detail: '{}' })
		.run();
}

interface PastTask {
	title: string;
	lead: number;
	co?: number[];
	needIds: string[];
	resolutionId?: string | null;
	dispatchedAt: number;
	/** Hours the lead took to accept (none: not accepted). */
	acceptAfter?: number;
	dueIn: number;
	/** Reports: [hours after acceptance, progress, text]. */
	reports?: [number, number, string][];
	/** Hours after dispatch it was handed in, approved (days after hand-in). */
	submitAfter?: number;
	approveAfter?: number;
	status: TaskStatus;
}

/** Write one task with its whole past; returns the row. */
function pastTask(c: Ctx, p: PastTask): TaskRow {
	const { db } = c;
	const admin = c.userId('admin');
	const lead = c.unitIds[p.lead]!;
	const liaison = c.userId(`liaison${p.lead + 1}`);
	const acceptedAt = p.acceptAfter !== undefined ? p.dispatchedAt + p.acceptAfter * HOUR : null;
	const submittedAt = p.submitAfter !== undefined ? p.dispatchedAt + p.submitAfter * HOUR : null;
	const doneAt =
		submittedAt !== null && p.approveAfter !== undefined
			? submittedAt + p.approveAfter * DAY
			: null;
	const last = [...(p.reports ?? [])].pop();
	const task: TaskRow = {
		id: newId(),
		committeeId: c.committeeId,
		title: p.title,
		description: '',
		resolutionId: p.resolutionId ?? null,
		projectId: null,
		leadUnitId: lead,
		status: p.status,
		progress: p.status === 'done' ? 100 : (last?.[1] ?? 0),
		acceptHours: 24,
		acceptBy: new Date(p.dispatchedAt + DAY),
		dueAt: new Date(p.dispatchedAt + p.dueIn * DAY),
		acceptedAt: acceptedAt === null ? null : new Date(acceptedAt),
		submittedAt: submittedAt === null ? null : new Date(submittedAt),
		doneAt: doneAt === null ? null : new Date(doneAt),
		createdBy: admin,
		createdAt: new Date(p.dispatchedAt),
		updatedAt: new Date(doneAt ?? submittedAt ?? acceptedAt ?? p.dispatchedAt)
	};
	db.insert(tasks).values(task).run();
	db.insert(taskUnits)
		.values([
			{
				taskId: task.id,
				unitId: lead,
				role: 'lead' as const,
				acceptedAt: task.acceptedAt,
				acceptedBy: acceptedAt ? liaison : null
			},
			...(p.co ?? []).map((i) => ({
				taskId: task.id,
				unitId: c.unitIds[i]!,
				role: 'co' as const,
				acceptedAt: acceptedAt ? new Date(acceptedAt + 2 * HOUR) : null,
				acceptedBy: acceptedAt ? c.userId(`liaison${i + 1}`) : null
			}))
		])
		.run();
	for (const needId of p.needIds) db.insert(taskNeeds).values({ taskId: task.id, needId }).run();
	event(db, task.id, p.dispatchedAt, 'dispatched', admin, null, {
		dueAt: task.dueAt.toISOString(),
		acceptBy: task.acceptBy.toISOString()
	});
	if (acceptedAt !== null) {
		if (acceptedAt > task.acceptBy.getTime())
			event(db, task.id, task.acceptBy.getTime(), 'accept_late', null, null);
		event(db, task.id, acceptedAt, 'accepted', liaison, lead, {
			late: acceptedAt > task.acceptBy.getTime() ? 1 : 0,
			role: 'lead'
		});
		for (const i of p.co ?? [])
			event(
				db,
				task.id,
				acceptedAt + 2 * HOUR,
				'accepted',
				c.userId(`liaison${i + 1}`),
				c.unitIds[i]!,
				{ late: 0, role: 'co' }
			);
		for (const [after, progress, text] of p.reports ?? []) {
			const at = acceptedAt + after * HOUR;
			const reportId = newId();
			db.insert(taskReports)
				.values({
					id: reportId,
					taskId: task.id,
					unitId: lead,
					authorId: liaison,
					progress,
					text,
					createdAt: new Date(at)
				})
				.run();
			event(db, task.id, at, 'report', liaison, lead, { progress, reportId, files: 0 });
		}
	}
	if (submittedAt !== null) {
		if (submittedAt > task.dueAt.getTime())
			event(db, task.id, task.dueAt.getTime(), 'overdue', null, null);
		event(db, task.id, submittedAt, 'submitted', liaison, lead, {
			late: submittedAt > task.dueAt.getTime() ? 1 : 0
		});
	}
	if (doneAt !== null) event(db, task.id, doneAt, 'approved', admin, null);
	return task;
}

/** Move a need's own times into the past (it was created now by the needs service). */
function backdate(db: DbLike, needId: string, createdAt: number, acceptedAt: number) {
	db.update(needs)
		.set({
			createdAt: new Date(createdAt),
			respondBy: new Date(createdAt + DAY),
			updatedAt: new Date(acceptedAt)
		})
		.where(eq(needs.id, needId))
		.run();
	db.run(
		sql`update need_event set at = ${createdAt} where need_id = ${needId} and kind = 'submitted'`
	);
	db.run(
		sql`update need_event set at = ${acceptedAt} where need_id = ${needId} and kind = 'accepted'`
	);
}

function setNeed(
	db: DbLike,
	needId: string,
	status: 'in_progress' | 'done' | 'rated',
	at: number,
	actorId: string | null
) {
	db.update(needs)
		.set({ status, updatedAt: new Date(at) })
		.where(eq(needs.id, needId))
		.run();
	needEvent(db, needId, at, status, actorId);
}

function rate(
	c: Ctx,
	needId: string,
	task: TaskRow,
	login: string,
	score: number,
	comment: string,
	at: number
) {
	c.db
		.insert(ratings)
		.values({
			id: newId(),
			needId,
			taskId: task.id,
			userId: c.userId(login),
			score,
			comment,
			channel: 'online',
			enteredBy: null,
			createdAt: new Date(at)
		})
		.run();
	event(c.db, task.id, at, 'rated', null, null, { score });
}

const COMMENTS: Record<number, string> = {
	5: '处理得又快又好，谢谢！',
	4: '解决了，希望以后保持。',
	3: '基本解决，但拖得有点久。',
	2: '只处理了一部分，问题还在。'
};

/** Six months of needs answered by tasks: most on time, some late, nearly all rated. */
function seedHistory(c: Ctx): void {
	const now = Date.now();
	const admin = loadActor(c.db, c.userId('admin'));
	// Units 6 and 7 answer slowly: the ranking has a bottom as well as a top.
	const slow = new Set([5, 7]);
	HISTORY.forEach(([category, title, community], i) => {
		const month = 6 - Math.floor(i / 4);
		const createdAt = now - month * 30 * DAY + (i % 4) * 6 * DAY;
		const submitter = `resident${(i % 20) + 1}`;
		const need = createNeed(c.db, loadActor(c.db, c.userId(submitter)), c.committeeId, {
			title,
			description: `${title}，希望尽快处理。`,
			category,
			communityId: c.communityIds[community],
			visibility: 'public'
		});
		const supporter = `resident${((i + 7) % 20) + 1}`;
		supportNeed(c.db, loadActor(c.db, c.userId(supporter)), need.id);
		acceptNeed(c.db, admin, need.id);
		const acceptedNeedAt = createdAt + (i % 5 === 0 ? 30 : 4 + (i % 6)) * HOUR;
		backdate(c.db, need.id, createdAt, acceptedNeedAt);
		c.db
			.update(needSupports)
			.set({ createdAt: new Date(createdAt + 2 * HOUR) })
			.where(eq(needSupports.needId, need.id))
			.run();
		const lead = i % 8;
		const late = slow.has(lead);
		const dispatchedAt = acceptedNeedAt + (1 + (i % 3)) * DAY;
		const dueIn = 10 + (i % 4) * 5;
		const task = pastTask(c, {
			title: `处理：${title}`,
			lead,
			co: i % 3 === 0 ? [(lead + 3) % 8] : [],
			needIds: [need.id],
			dispatchedAt,
			acceptAfter: late ? 30 + (i % 10) : 2 + (i % 8),
			dueIn,
			reports: [
				[24, 40, '已到现场查看，制定了处理方案。'],
				[dueIn * 12, 80, '主要工作已完成，正在收尾。']
			],
			submitAfter: (late ? dueIn + 4 : dueIn - 2) * 24,
			approveAfter: 1,
			status: 'done'
		});
		const acceptedAt = task.acceptedAt!.getTime();
		setNeed(c.db, need.id, 'in_progress', acceptedAt, c.userId(`liaison${lead + 1}`));
		const done = task.doneAt!.getTime();
		setNeed(c.db, need.id, 'done', done, c.userId('admin'));
		if (month === 1 && i % 4 === 3) return; // the newest waits for its rating
		const score = late ? 2 + (i % 2) : 4 + (i % 2);
		rate(c, need.id, task, submitter, score, COMMENTS[score]!, done + 2 * DAY);
		if (i % 2 === 0) rate(c, need.id, task, supporter, Math.max(2, score - 1), '', done + 3 * DAY);
		setNeed(c.db, need.id, 'rated', done + 2 * DAY, c.userId(submitter));
	});
}

/** The tasks of the demo meeting's resolutions, and the work in hand today. */
function seedCurrent(c: Ctx, needIds: string[]): void {
	const now = Date.now();
	const res = c.db
		.select()
		.from(resolutions)
		.where(eq(resolutions.committeeId, c.committeeId))
		.orderBy(asc(resolutions.seq))
		.all();
	const needsOf = (id: string) =>
		c.db
			.select()
			.from(resolutionNeeds)
			.where(eq(resolutionNeeds.resolutionId, id))
			.all()
			.map((r) => r.needId);
	const open: TaskRow[] = [];
	const [meals, bikes, plan] = res;
	if (meals) {
		const ids = needsOf(meals.id);
		const t = pastTask(c, {
			title: '和平里社区老年助餐点试运营',
			lead: 1,
			co: [6],
			needIds: ids,
			resolutionId: meals.id,
			dispatchedAt: now - 13 * DAY,
			acceptAfter: 3,
			dueIn: 12,
			reports: [
				[20, 30, '活动中心厨房改造完成，已联系配餐企业。'],
				[150, 90, '助餐点已开业，首周 46 位老人用餐。']
			],
			submitAfter: 10 * 24,
			approveAfter: 1,
			status: 'done'
		});
		for (const id of ids) {
			setNeed(c.db, id, 'in_progress', t.acceptedAt!.getTime(), c.userId('liaison2'));
			setNeed(c.db, id, 'done', t.doneAt!.getTime(), c.userId('admin'));
			// Its submitter and supporters are asked to rate, as an approval asks them.
			const need = c.db.select().from(needs).where(eq(needs.id, id)).get()!;
			notify(c.db, needFollowers(c.db, need), {
				kind: 'need.done',
				params: { title: need.title },
				link: `/needs/${id}/rate`
			});
		}
	}
	if (bikes)
		open.push(
			pastTask(c, {
				title: '滨河社区电动车集中停放充电点建设',
				lead: 7,
				co: [0],
				needIds: needsOf(bikes.id),
				resolutionId: bikes.id,
				dispatchedAt: now - 12 * DAY,
				acceptAfter: 5,
				dueIn: 30,
				reports: [[48, 35, '选址已确定在滨河社区东门停车场，正在办理施工手续。']],
				status: 'in_progress'
			})
		);
	if (plan)
		open.push(
			pastTask(c, {
				title: '明年为民办实事项目征求意见',
				lead: 6,
				needIds: [],
				resolutionId: plan.id,
				dispatchedAt: now - 3 * DAY,
				dueIn: 20,
				status: 'pending'
			})
		);
	// Overdue: accepted, reported once, and silent since its deadline passed.
	open.push(
		pastTask(c, {
			title: '青年路 12 号院围墙修复',
			lead: 5,
			needIds: [],
			dispatchedAt: now - 25 * DAY,
			acceptAfter: 40,
			dueIn: 20,
			reports: [[30, 20, '已勘察现场，等待材料进场。']],
			status: 'in_progress'
		}),
		pastTask(c, {
			title: '滨河公园厕所无障碍改造',
			lead: 0,
			co: [5],
			needIds: [],
			dispatchedAt: now - 40 * DAY,
			acceptAfter: 6,
			dueIn: 30,
			reports: [
				[24, 30, '设计方案完成。'],
				[400, 60, '主体施工完成，无障碍扶手待安装。']
			],
			status: 'in_progress'
		}),
		pastTask(c, {
			title: '学校操场周末开放安全方案',
			lead: 3,
			needIds: [],
			dispatchedAt: now - 20 * DAY,
			acceptAfter: 4,
			dueIn: 15,
			reports: [[24, 100, '开放方案和安保安排已完成，待验收。']],
			submitAfter: 14 * 24,
			status: 'submitted'
		})
	);
	// Handed in and waiting for the secretary's check; and one just dispatched to liaison1's unit.
	const fresh = needIds[0] ? [needIds[0]] : [];
	open.push(
		pastTask(c, {
			title: '小区电梯老化维修协调',
			lead: 0,
			co: [5],
			needIds: fresh,
			dispatchedAt: now - 3 * HOUR,
			dueIn: 14,
			status: 'pending'
		})
	);
	for (const t of open) scheduleTaskTimers(c.db, t, new Date(now));
}

function seedSummons(c: Ctx): void {
	const now = Date.now();
	const id = newId();
	const at = now - 5 * DAY;
	c.db
		.insert(summonses)
		.values({
			id,
			committeeId: c.committeeId,
			title: '暴雨后和平里地下车库积水',
			description: '地下车库积水约 40 厘米，两部电梯停运，需要排水、供电和交通疏导。',
			needId: null,
			respondHours: 2,
			respondBy: new Date(at + 2 * HOUR),
			createdBy: c.userId('admin'),
			createdAt: new Date(at)
		})
		.run();
	const answer = (unit: number, minutes: number | null, response: string) =>
		c.db
			.insert(summonsUnits)
			.values({
				summonsId: id,
				unitId: c.unitIds[unit]!,
				respondedAt: minutes === null ? null : new Date(at + minutes * 60_000),
				respondedBy: minutes === null ? null : c.userId(`liaison${unit + 1}`),
				response: minutes === null ? null : response,
				lateAt: minutes === null ? new Date(at + 2 * HOUR) : null
			})
			.run();
	answer(0, 25, '城管执法队 6 人携抽水泵到场排水。');
	answer(7, 50, '已派抢修车检查配电室，临时断开地下车库电源。');
	answer(2, null, '');
}

/** Seed the demo's execution (after its needs and decisions). */
export function seedDemoExecution(db: Db, committeeId: string, needIds: string[]): void {
	const unitIds = db
		.select({ id: units.id })
		.from(units)
		.where(eq(units.committeeId, committeeId))
		.orderBy(sql`rowid`)
		.all()
		.map((u) => u.id);
	const userId = (login: string) =>
		db.select({ id: users.id }).from(users).where(eq(users.login, login)).get()!.id;
	const communityIds = db
		.select({ id: communities.id })
		.from(communities)
		.where(eq(communities.committeeId, committeeId))
		.orderBy(sql`rowid`)
		.all()
		.map((r) => r.id);
	const c: Ctx = { db, committeeId, unitIds, communityIds, userId };
	// One commit: the needs service's own transactions become savepoints inside it.
	db.transaction(
		(tx) => {
			const t: Ctx = { ...c, db: tx as unknown as Db };
			seedHistory(t);
			seedCurrent(t, needIds);
			seedSummons(t);
		},
		{ behavior: 'immediate' }
	);
}
