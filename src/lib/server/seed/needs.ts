/**
 * Demo needs: a few dozen across communities and categories, raised through the real services
 * (so timelines, supports and notifications look as they would), some private, some merged,
 * some accepted, declined or supported.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { users } from '../db/schema';
import { loadActor } from '../auth/session';
import { createNeed } from '../needs/needs';
import { supportNeed } from '../needs/support';
import { acceptNeed, declineNeed, mergeNeed } from '../needs/triage';
import { createMeeting, putNeedsOnAgenda } from '../meetings/meetings';
import { communities, units } from '../db/schema';
import { getHub } from '../platform/hub';
import { addItem } from '../../shared/agenda';
import { agendaDoc } from '../../shared/doc-names';

const DEMO: [category: string, title: string, description: string, location: string][] = [
	[
		'parking',
		'小区门口晚上停车难',
		'晚上七点以后小区门口的路边全被占满，救护车都进不来。希望规划夜间停车位或错时共享单位停车场。',
		'和平里小区东门'
	],
	[
		'parking',
		'夜间停车位不够用',
		'下班回来找不到车位，只能停到两条街外。能不能和附近单位协商共享停车？',
		'和平里小区'
	],
	[
		'parking',
		'电动车乱停堵住消防通道',
		'楼道口和消防通道经常停满电动车，存在安全隐患。',
		'青年路 12 号院'
	],
	[
		'elderly',
		'希望开设老年助餐点',
		'小区里独居老人多，做饭不方便，希望附近能有老年食堂或助餐点。',
		'滨河社区活动中心'
	],
	[
		'elderly',
		'老旧小区加装电梯',
		'我们楼住的大多是七八十岁的老人，上下楼很困难，希望推进加装电梯。',
		'和平里 3 号楼'
	],
	['elderly', '独居老人定期探访', '楼里有几位独居老人，希望社工能定期上门看看。', '青年路社区'],
	[
		'elderly',
		'社区老年活动室开放时间太短',
		'活动室只开上午，下午想下棋打牌没地方去。',
		'和平里社区活动室'
	],
	[
		'environment',
		'垃圾分类投放点太远',
		'最近的投放点要走十分钟，老人拎着垃圾很不方便。',
		'滨河社区北区'
	],
	['environment', '河道夏天有异味', '滨河公园旁的河道夏天气味很大，蚊虫也多。', '滨河公园'],
	['environment', '小区绿化带缺人修剪', '绿化带杂草长得比人高，影响出行视线。', '青年路 8 号院'],
	[
		'environment',
		'建筑工地夜间施工噪音',
		'工地晚上十一点还在施工，影响休息。',
		'青年路与和平街交叉口'
	],
	[
		'safety',
		'路口缺少红绿灯',
		'学校门口的路口车多人多，没有红绿灯，孩子过马路很危险。',
		'第一中学南门'
	],
	[
		'safety',
		'楼道照明灯坏了',
		'4 号楼二单元的楼道灯坏了一个多月，晚上看不见台阶。',
		'和平里 4 号楼'
	],
	['safety', '小区监控需要更新', '现有监控很多不能用，电动车被偷了也查不到。', '滨河社区'],
	[
		'culture',
		'希望组织社区文艺活动',
		'想在节假日组织广场舞比赛和书画展，丰富居民生活。',
		'和平里广场'
	],
	[
		'culture',
		'社区图书角图书太旧',
		'图书角的书都是十年前的，希望补充新书和儿童读物。',
		'青年路社区服务站'
	],
	[
		'education',
		'课后托管服务',
		'双职工家庭孩子放学后没人接，希望学校或社区提供课后托管。',
		'第一中学'
	],
	['education', '学校操场周末开放', '希望学校操场周末向周边居民开放，方便锻炼。', '第一中学'],
	[
		'health',
		'社区卫生站增加儿科',
		'看儿科要去区医院排很长的队，希望卫生站能开儿科门诊。',
		'滨河社区卫生站'
	],
	['health', '老年人免费体检', '希望每年组织一次老年人免费体检，最好能上门。', '和平里社区'],
	['health', '急救知识培训', '希望医院来社区教大家心肺复苏和急救常识。', '青年路社区'],
	['other', '快递柜不够用', '快递柜经常满，快递只能放在门卫室，容易丢。', '和平里小区'],
	['other', '充电桩太少', '小区只有两个充电桩，电动汽车越来越多，排队充电很难。', '滨河社区'],
	['parking', '共享单车乱停乱放', '地铁口共享单车堆成山，人行道都走不了。', '滨河地铁站 B 口'],
	['environment', '公园厕所需要改造', '公园厕所又旧又脏，没有无障碍设施。', '滨河公园'],
	['safety', '小区围墙破损', '围墙有一段倒塌了，外人可以随便进出。', '青年路 12 号院'],
	['elderly', '需要适老化改造', '家里卫生间没有扶手，老人洗澡容易摔倒。', '和平里 6 号楼'],
	['health', '家庭医生签约咨询', '想了解家庭医生怎么签约，能不能上门服务。', '滨河社区']
];

/** Seed the demo's needs and upcoming meetings; returns the needs' ids in the order of the list above. */
export function seedDemoNeeds(db: Db, committeeId: string): string[] {
	const actorOf = (login: string) =>
		loadActor(db, db.select({ id: users.id }).from(users).where(eq(users.login, login)).get()!.id);
	const admin = actorOf('admin');
	const liaison = actorOf('liaison7');
	const ids: string[] = [];
	DEMO.forEach(([category, title, description, location], i) => {
		const resident = actorOf(`resident${(i % 20) + 1}`);
		const visibility = i % 9 === 6 ? 'private' : 'public';
		const phone =
			i % 3 === 0
				? `1${3 + (i % 7)}${String(10000000 + i * 7919).slice(0, 8)}9`.slice(0, 11)
				: undefined;
		ids.push(
			createNeed(db, resident, committeeId, {
				title,
				description,
				category,
				location,
				visibility,
				contactPhone: phone
			}).id
		);
	});
	// A need entered on an offline resident's behalf (代办), by phone.
	createNeed(
		db,
		liaison,
		committeeId,
		{
			title: '楼下小卖部噪音扰民',
			description: '王奶奶打电话反映：楼下小卖部每天早上五点卸货，声音很大。',
			category: 'environment',
			visibility: 'public',
			channel: 'phone',
			contactName: '王奶奶',
			contactPhone: '13911112222'
		},
		{ proxy: true }
	);
	// Supports: residents back the popular needs.
	const supportPlan: [needIndex: number, supporters: number][] = [
		[0, 9],
		[4, 7],
		[11, 6],
		[3, 5],
		[16, 4],
		[7, 3],
		[18, 3],
		[22, 2]
	];
	for (const [needIndex, n] of supportPlan) {
		for (let k = 0; k < n; k++) {
			const who = actorOf(`resident${((needIndex + k + 5) % 20) + 1}`);
			try {
				supportNeed(db, who, ids[needIndex]!);
			} catch {
				// the submitter cannot support their own need; skip
			}
		}
	}
	for (const i of [0, 3, 4, 11, 16, 18]) acceptNeed(db, admin, ids[i]!);
	declineNeed(db, admin, ids[21]!, '快递柜由物业公司负责，已转交物业处理。');
	// Duplicates merged: supporters carry over.
	mergeNeed(db, admin, ids[1]!, ids[0]!);
	seedDemoMeetings(db, committeeId, admin, ids);
	return ids;
}

/** 14:30 in Beijing time (UTC+8), `days` from now. */
function beijingAfternoon(days: number): Date {
	const d = new Date(Date.now() + days * 86_400_000);
	return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 6, 30));
}

function seedDemoMeetings(
	db: Db,
	committeeId: string,
	admin: ReturnType<typeof loadActor>,
	needIds: string[]
): void {
	// In the order they were created (member1's unit first), so the demo invites the same units every time.
	const unitIds = db
		.select({ id: units.id })
		.from(units)
		.where(eq(units.committeeId, committeeId))
		.orderBy(sql`rowid`)
		.all()
		.map((u) => u.id);
	const binhe = db
		.select({ id: communities.id })
		.from(communities)
		.where(eq(communities.name, '滨河社区'))
		.get()!.id;
	const start = beijingAfternoon(7);
	const joint = createMeeting(db, admin, committeeId, {
		type: 'monthly_joint',
		title: '和平街道大工委月度联席会议',
		startsAt: start,
		endsAt: new Date(start.getTime() + 2 * 3_600_000),
		place: '街道办三楼会议室',
		videoUrl: '',
		visibility: 'members',
		quorum: 6,
		status: 'scheduled',
		unitIds,
		userIds: [],
		communityIds: []
	});
	getHub().changeDoc(agendaDoc(joint.id), (doc) =>
		addItem(doc, {
			title: '上月决议执行情况通报',
			description: '各牵头单位汇报办理进度',
			presenter: '王秘书',
			minutes: 20
		})
	);
	putNeedsOnAgenda(db, admin, joint.id, { needIds: [needIds[0]!], title: '夜间停车难问题' });
	putNeedsOnAgenda(db, admin, joint.id, {
		needIds: [needIds[4]!, needIds[26]!],
		title: '老旧小区加装电梯与适老化改造'
	});
	const start2 = beijingAfternoon(12);
	const deliberation = createMeeting(db, admin, committeeId, {
		type: 'resident_deliberation',
		title: '滨河社区居民议事会：河道与公园',
		startsAt: start2,
		endsAt: new Date(start2.getTime() + 90 * 60_000),
		place: '滨河社区活动中心',
		videoUrl: 'https://meet.jit.si/yiting-demo-binhe',
		visibility: 'public',
		quorum: 3,
		status: 'scheduled',
		unitIds: unitIds.slice(0, 3),
		userIds: [],
		communityIds: [binhe]
	});
	putNeedsOnAgenda(db, admin, deliberation.id, {
		needIds: [needIds[8]!],
		title: '滨河公园河道异味治理'
	});
	putNeedsOnAgenda(db, admin, deliberation.id, { needIds: [needIds[9]!], title: '小区绿化带修剪' });
}
