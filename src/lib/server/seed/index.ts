/**
 * The demo committee, seeded into an empty database on first start (unless SEED_DEMO=0):
 * a street committee with 3 communities, 8 member units and an account for every role.
 * Every demo account's password is `yiting-demo`.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db';
import { newId } from '../db/ids';
import {
	committees,
	communities,
	grids,
	inviteCodes,
	roleAssignments,
	units,
	users
} from '../db/schema';
import { hashPassword } from '../auth/password';
import { writeNewDoc } from '../docs/store';
import { audit, committeeChain } from '../platform/audit';
import { seedCategories } from '../needs/needs';
import { seedDemoNeeds } from './needs';
import { seedDemoDecisions } from './decisions';
import { seedDemoExecution } from './execution';
import { seedDemoSupervision } from './supervision';
import { seedDemoProjects } from './projects';
import type { Role } from '../../shared/roles';
import type { UNIT_TYPES } from '../../shared/schemas/org';
import { DUTIES_TEXT, unitDutiesDoc } from '../../shared/doc-names';

export const DEMO_PASSWORD = 'yiting-demo';

const COMMUNITIES = [
	{ name: '和平里社区', grids: ['第一网格', '第二网格'], code: 'HEPING26' },
	{ name: '青年路社区', grids: ['第一网格', '第二网格'], code: 'QINGNIAN' },
	{ name: '滨河社区', grids: ['第一网格', '第二网格'], code: 'BINHE226' }
];

const UNITS: { name: string; type: (typeof UNIT_TYPES)[number]; duties: string }[] = [
	{
		name: '区城市管理局',
		type: 'government',
		duties: '1. 街面秩序与占道经营整治\n2. 生活垃圾分类督导\n3. 违章搭建查处'
	},
	{
		name: '区卫生健康委员会',
		type: 'government',
		duties: '1. 社区卫生服务站建设\n2. 老年人健康体检\n3. 家庭医生签约'
	},
	{
		name: '区交通委员会',
		type: 'government',
		duties: '1. 停车设施规划\n2. 公交线路优化\n3. 慢行系统改善'
	},
	{ name: '第一中学', type: 'school', duties: '1. 课后服务向社区开放\n2. 体育场地错时开放' },
	{ name: '区人民医院', type: 'hospital', duties: '1. 义诊进社区\n2. 急救知识培训' },
	{ name: '城建集团有限公司', type: 'company', duties: '1. 老旧小区改造施工\n2. 加装电梯技术支持' },
	{
		name: '阳光社会工作服务中心',
		type: 'social_org',
		duties: '1. 独居老人探访\n2. 青少年课后托管'
	},
	{ name: '供电公司', type: 'company', duties: '1. 社区充电桩建设\n2. 线路改造与用电安全' }
];

/** Is the database empty of committees (first start)? */
export function isEmpty(db: Db): boolean {
	return (
		(db
			.select({ n: sql<number>`count(*)` })
			.from(committees)
			.get()?.n ?? 0) === 0
	);
}

export interface DemoSignIn {
	login: string;
	role: string;
}

/** Seed the demo committee; returns the sign-ins to print. */
export async function seedDemo(db: Db): Promise<DemoSignIn[]> {
	// One hash for every demo account: the password is the same, and 40 argon2 hashes would slow the first start.
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	const now = new Date();
	const signIns: DemoSignIn[] = [];
	let committeeId = '';
	db.transaction(
		(tx) => {
			committeeId = newId();
			tx.insert(committees)
				.values({ id: committeeId, name: '和平街道大工委', street: '和平街道', createdAt: now })
				.run();
			const communityIds = COMMUNITIES.map((c) => {
				const id = newId();
				tx.insert(communities).values({ id, committeeId, name: c.name, createdAt: now }).run();
				for (const g of c.grids)
					tx.insert(grids).values({ id: newId(), communityId: id, name: g, createdAt: now }).run();
				tx.insert(inviteCodes)
					.values({
						id: newId(),
						code: c.code,
						committeeId,
						communityId: id,
						maxUses: 1000,
						expiresAt: new Date(now.getTime() + 365 * 86_400_000),
						createdAt: now
					})
					.run();
				return id;
			});
			const unitIds = UNITS.map((u, i) => {
				const id = newId();
				tx.insert(units)
					.values({
						id,
						committeeId,
						name: u.name,
						type: u.type,
						contactName: `联系人${i + 1}`,
						contactPhone: `010-6${String(1000000 + i * 1111).slice(1)}`,
						createdAt: now
					})
					.run();
				writeNewDoc(tx, unitDutiesDoc(id), (d) => d.getText(DUTIES_TEXT).insert(0, u.duties));
				return id;
			});
			const person = (
				login: string,
				displayName: string,
				role: Role,
				extra: { unitId?: string; communityId?: string } = {}
			) => {
				const id = newId();
				tx.insert(users).values({ id, login, displayName, passwordHash, createdAt: now }).run();
				tx.insert(roleAssignments)
					.values({
						id: newId(),
						userId: id,
						committeeId,
						role,
						unitId: extra.unitId ?? null,
						communityId: extra.communityId ?? null,
						createdAt: now
					})
					.run();
				signIns.push({ login, role });
				return id;
			};
			person('admin', '王秘书', 'admin');
			person('chair', '李主任', 'chair');
			person('recorder', '赵记录', 'recorder');
			person('supervisor', '孙督办', 'supervisor');
			UNITS.forEach((u, i) =>
				person(`member${i + 1}`, `${u.name}代表`, 'member', { unitId: unitIds[i] })
			);
			UNITS.forEach((u, i) =>
				person(`liaison${i + 1}`, `${u.name}联络员`, 'liaison', { unitId: unitIds[i] })
			);
			const surnames = '张王李赵刘陈杨黄周吴徐孙胡朱高林何郭马罗';
			for (let i = 0; i < 20; i++) {
				person(`resident${i + 1}`, `${surnames[i]}居民`, 'resident', {
					communityId: communityIds[i % communityIds.length]
				});
			}
			seedCategories(tx, committeeId);
			audit(tx, null, 'demo.seed', `committee:${committeeId}`, {}, committeeChain(committeeId));
		},
		{ behavior: 'immediate' }
	);
	const needIds = seedDemoNeeds(db, committeeId);
	seedDemoDecisions(db, committeeId, needIds);
	seedDemoExecution(db, committeeId, needIds);
	seedDemoSupervision(db, committeeId);
	seedDemoProjects(db, committeeId);
	return signIns;
}

export function demoInviteCodes() {
	return COMMUNITIES.map((c) => ({ community: c.name, code: c.code }));
}
