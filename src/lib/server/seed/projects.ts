/**
 * The demo's resources and projects, made through the same services the pages and the API call:
 * most member units list what they can offer; last quarter's and this quarter's project lists
 * hold projects claimed by units (their tasks accepted, reported on, some approved, and spending
 * with amounts) and projects
 * still open to claims, and a draft the secretary has not published yet.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { communities, roleAssignments, units, users } from '../db/schema';
import { loadActor } from '../auth/session';
import { config } from '../config';
import * as projects from '../projects';
import * as tasks from '../tasks';
import { dateToWallTime } from '../../time';
import { shiftQuarter } from '../../shared/projects/money';
import type { ResourceInput } from '../../shared/schemas/projects';

type Actor = ReturnType<typeof loadActor>;
const DAY = 86_400_000;

function lookups(db: Db, committeeId: string) {
	const byName = <T extends { name: string; id: string }>(rows: T[]) =>
		new Map(rows.map((r) => [r.name, r.id]));
	const unitIds = byName(db.select().from(units).where(eq(units.committeeId, committeeId)).all());
	const communityIds = byName(
		db.select().from(communities).where(eq(communities.committeeId, committeeId)).all()
	);
	const actorOf = (login: string): Actor =>
		loadActor(db, db.select({ id: users.id }).from(users).where(eq(users.login, login)).get()!.id);
	/** Someone who acts for the unit (its liaison, else its member representative). */
	const liaisonOf = (unit: string): Actor => {
		const rows = db
			.select({ userId: roleAssignments.userId, role: roleAssignments.role })
			.from(roleAssignments)
			.where(eq(roleAssignments.unitId, unitIds.get(unit)!))
			.all();
		const r = rows.find((x) => x.role === 'liaison') ?? rows[0]!;
		return loadActor(db, r.userId);
	};
	return {
		unit: (name: string) => unitIds.get(name)!,
		community: (name: string) => communityIds.get(name)!,
		actorOf,
		liaisonOf
	};
}

const RESOURCES: [
	unit: string,
	resource: Omit<ResourceInput, 'communityId'> & { community?: string }
][] = [
	[
		'阳光社会工作服务中心',
		{
			kind: 'volunteers',
			name: '助老志愿者队',
			capacity: '30 人，周末可出勤',
			contact: '周社工 13800010007',
			categories: ['elderly', 'culture'],
			note: '可上门探访独居老人'
		}
	],
	[
		'阳光社会工作服务中心',
		{
			kind: 'canteen',
			name: '社区长者食堂',
			capacity: '每天 80 份午餐',
			contact: '周社工 13800010007',
			categories: ['elderly'],
			note: '',
			community: '和平里社区'
		}
	],
	[
		'区人民医院',
		{
			kind: 'volunteers',
			name: '义诊医护小分队',
			capacity: '每月 2 次，每次 6 人',
			contact: '医务科 010-61234567',
			categories: ['health', 'elderly'],
			note: ''
		}
	],
	[
		'区人民医院',
		{
			kind: 'venue',
			name: '健康教育教室',
			capacity: '60 座',
			contact: '医务科 010-61234567',
			categories: ['health', 'education'],
			note: '',
			community: '青年路社区'
		}
	],
	[
		'第一中学',
		{
			kind: 'venue',
			name: '体育场（错时开放）',
			capacity: '400 米跑道，晚间和周末',
			contact: '总务处 010-61230001',
			categories: ['culture', 'education'],
			note: '',
			community: '青年路社区'
		}
	],
	[
		'第一中学',
		{
			kind: 'volunteers',
			name: '学生志愿服务队',
			capacity: '50 人，寒暑假',
			contact: '团委 010-61230002',
			categories: ['education', 'environment'],
			note: ''
		}
	],
	[
		'城建集团有限公司',
		{
			kind: 'equipment',
			name: '小型施工设备',
			capacity: '升降车 1 台、脚手架若干',
			contact: '工程部 13800010006',
			categories: ['safety', 'other'],
			note: ''
		}
	],
	[
		'供电公司',
		{
			kind: 'equipment',
			name: '充电桩与线路改造',
			capacity: '每季度 20 个充电位',
			contact: '客户服务中心 95598',
			categories: ['safety', 'parking'],
			note: '',
			community: '滨河社区'
		}
	],
	[
		'区城市管理局',
		{
			kind: 'equipment',
			name: '垃圾分类宣传展板',
			capacity: '20 块',
			contact: '环卫科 010-61230010',
			categories: ['environment'],
			note: ''
		}
	],
	[
		'区交通委员会',
		{
			kind: 'funds',
			name: '停车设施改善资金',
			capacity: '每年 20 万元',
			contact: '规划科 010-61230020',
			categories: ['parking'],
			note: ''
		}
	],
	[
		'区卫生健康委员会',
		{
			kind: 'funds',
			name: '老年健康服务补贴',
			capacity: '每年 10 万元',
			contact: '老龄科 010-61230030',
			categories: ['elderly', 'health'],
			note: ''
		}
	]
];

interface DemoProject {
	title: string;
	description: string;
	quarterOffset: 0 | -1;
	budget: string;
	communities: string[];
	claimedBy?: string;
	/** Progress of each task as reported so far (100: done). */
	progress?: number[];
	spending?: [yuan: string, item: string, daysAgo: number][];
	draft?: boolean;
}

const PROJECTS: DemoProject[] = [
	{
		title: '老年助餐',
		description: '为三个社区的高龄、独居老人提供午餐配送和长者食堂堂食，每天一餐。',
		quarterOffset: -1,
		budget: '36000',
		communities: ['和平里社区', '青年路社区', '滨河社区'],
		claimedBy: '阳光社会工作服务中心',
		progress: [100, 80, 60],
		spending: [
			['8600', '9 月食材采购', 75],
			['3200.5', '送餐保温箱 20 个', 80],
			['5400', '10 月食材采购', 45]
		]
	},
	{
		title: '楼道照明改造',
		description: '和平里社区老旧楼道更换声控节能灯。',
		quarterOffset: -1,
		budget: '8000',
		communities: ['和平里社区'],
		claimedBy: '供电公司',
		progress: [100],
		spending: [['6820', '节能灯具及安装', 70]]
	},
	{
		title: '青少年课后托管',
		description: '放学后在学校开放教室托管，志愿者辅导作业。',
		quarterOffset: -1,
		budget: '12000',
		communities: ['青年路社区'],
		claimedBy: '第一中学',
		progress: [70],
		spending: [['2400', '托管教室水电', 60]]
	},
	{
		title: '电动车充电棚',
		description: '滨河社区新建集中充电棚，杜绝楼道充电。',
		quarterOffset: 0,
		budget: '20000',
		communities: ['滨河社区'],
		claimedBy: '供电公司',
		progress: [30],
		spending: [['4500', '充电棚基础施工', 10]]
	},
	{
		title: '义诊进社区',
		description: '每月一次义诊，重点为慢性病老人测血压血糖。',
		quarterOffset: 0,
		budget: '5000',
		communities: []
	},
	{
		title: '垃圾分类宣传',
		description: '各小区投放点宣传和指导。',
		quarterOffset: 0,
		budget: '3000',
		communities: [],
		draft: true
	}
];

/** Seed the demo's resources and projects into the demo committee. */
export function seedDemoProjects(db: Db, committeeId: string): void {
	const l = lookups(db, committeeId);
	for (const [unit, { community, ...r }] of RESOURCES)
		projects.addResource(db, l.liaisonOf(unit), l.unit(unit), {
			...r,
			communityId: community ? l.community(community) : null
		});
	const admin = l.actorOf('admin');
	const now = projects.currentQuarter();
	const day = (daysAgo: number) =>
		dateToWallTime(new Date(Date.now() - daysAgo * DAY), config.timeZone).slice(0, 10);
	for (const p of PROJECTS) {
		const id = projects.createProject(db, admin, committeeId, {
			title: p.title,
			description: p.description,
			quarter: shiftQuarter(now, p.quarterOffset),
			budget: Math.round(Number(p.budget) * 100),
			communityIds: p.communities.map(l.community)
		});
		if (p.draft) continue;
		projects.publishProject(db, admin, id);
		if (!p.claimedBy) continue;
		const unit = l.liaisonOf(p.claimedBy);
		const { taskIds } = projects.claimProject(db, unit, id, { unitId: l.unit(p.claimedBy) });
		reportProgress(db, unit, admin, taskIds, p.progress ?? []);
		for (const [yuan, item, daysAgo] of p.spending ?? [])
			projects.recordSpending(db, admin, id, {
				amount: Math.round(Number(yuan) * 100),
				item,
				spentOn: day(daysAgo)
			});
	}
}

/** The unit takes up the tasks and reports on them; a task at 100 is handed in and approved. */
function reportProgress(db: Db, unit: Actor, admin: Actor, taskIds: string[], progress: number[]) {
	taskIds.forEach((id, i) => {
		const n = progress[i] ?? 0;
		tasks.acceptTask(db, unit, id);
		if (n > 0)
			tasks.addReport(db, unit, id, {
				progress: n,
				text: n >= 100 ? '已全部完成' : '按计划推进中'
			});
		if (n >= 100) {
			tasks.submitTask(db, unit, id);
			tasks.approveTask(db, admin, id);
		}
	});
}
