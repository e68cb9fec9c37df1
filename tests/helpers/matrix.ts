/**
 * The security matrix's world: one built server with the demo data, a signed-in session for each
 * role, the ids the table's rows point at (fetched from the API, never hard-coded), and makers
 * of fresh targets, so a row that changes something (accepts a need, closes a meeting) acts on a
 * target of its own and every role meets the same starting state.
 */
import type Database from 'better-sqlite3';
import sharp from 'sharp';
import { api, openServerDb, sessionCookie, userIdOf, type Json } from './votes';
import { signInCookie, type ServerProcess } from './process';

/** Who calls: nobody, or the demo account standing for each role (secretary = `admin`). */
export const WHO = [
	'anonymous',
	'admin',
	'chair',
	'member',
	'liaison',
	'recorder',
	'supervisor',
	'resident'
] as const;
export type Who = (typeof WHO)[number];

/** The demo login each role signs in as: member1 and liaison1 act for the same unit (U1). */
export const LOGIN: Record<Exclude<Who, 'anonymous'>, string> = {
	admin: 'admin',
	chair: 'chair',
	member: 'member1',
	liaison: 'liaison1',
	recorder: 'recorder',
	supervisor: 'supervisor',
	resident: 'resident1'
};

export interface Answer {
	status: number;
	body: Json;
}

export interface World {
	url: string;
	db: Database.Database;
	cookie: Record<Who, string>;
	/** Another resident (the author of needs the roles act on), and a member of another unit. */
	resident2: string;
	resident2Id: string;
	member2: string;
	/** liaison2, who acts for U2 (member2's unit): makes U2's fixtures. */
	liaison2: string;
	ids: {
		committee: string;
		/** member1's and liaison1's unit, and another. */
		u1: string;
		u2: string;
		/** resident1's community. */
		community: string;
		user: Record<Exclude<Who, 'anonymous'>, string>;
		member2: string;
		/** A live public meeting for everyone, inviting U1 and U2; one of its agenda items. */
		liveMeeting: string;
		liveItem: string;
		/** A scheduled members-only meeting inviting U2 only: hidden from member1, liaison1 and residents. */
		closedDoors: string;
		/** A scheduled public meeting for another community's residents than resident1's. */
		otherCommunity: string;
		/** A scheduled public meeting (agenda and changes). */
		scheduled: string;
		/** An open members' poll (yes/no) between meetings. */
		poll: string;
		/** A motion in the live meeting. */
		motion: string;
		/** A resolution of the demo's public meeting. */
		resolution: string;
		/** A public need raised by resident2 (submitted), and a private one. */
		need: string;
		privateNeed: string;
		/** A task of U1, dispatched by the secretary (answering no need: residents do not see it). */
		task: string;
		/** A published project open to claims, and one claimed by U1. */
		project: string;
		claimedProject: string;
		summons: string;
		notice: string;
		resource: string;
		category: string;
	};
}

/** One API call as a role (or with a session cookie of its own). */
export function call(
	w: World,
	who: Who | { cookie: string },
	method: string,
	p: string,
	body?: unknown
) {
	const cookie = typeof who === 'string' ? w.cookie[who] : who.cookie;
	return api(w.url, method, p, { cookie }, body) as Promise<Answer>;
}

/** A call that must succeed: fixtures are made by those allowed to make them. */
export async function must(
	w: World,
	who: Who | { cookie: string },
	method: string,
	p: string,
	body?: unknown
) {
	const r = await call(w, who, method, p, body);
	if (r.status >= 300)
		throw new Error(`fixture ${method} ${p}: ${r.status} ${JSON.stringify(r.body)}`);
	return r.body as Json;
}

let seq = 0;
/** A name no other fixture has (logins, titles). */
export const uniq = (p: string) => `${p}${Date.now().toString(36)}${++seq}`;

const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

export async function buildWorld(s: ServerProcess): Promise<World> {
	const db = openServerDb(s);
	const cookie = { anonymous: '' } as Record<Who, string>;
	await Promise.all(
		Object.entries(LOGIN).map(async ([who, login]) => {
			cookie[who as Who] = await signInCookie(s.url, login);
		})
	);
	const w = {
		url: s.url,
		db,
		cookie,
		resident2: sessionCookie(db, userIdOf(db, 'resident2')),
		resident2Id: userIdOf(db, 'resident2'),
		member2: sessionCookie(db, userIdOf(db, 'member2')),
		liaison2: sessionCookie(db, userIdOf(db, 'liaison2'))
	} as World;
	const user = Object.fromEntries(
		Object.entries(LOGIN).map(([who, login]) => [who, userIdOf(db, login)])
	) as World['ids']['user'];
	const roleOf = async (c: Who | { cookie: string }) => (await must(w, c, 'GET', '/me')).roles[0];
	const m1 = await roleOf('member');
	const m2 = await roleOf({ cookie: w.member2 });
	const r1 = await roleOf('resident');
	const ids = {
		committee: m1.committeeId,
		u1: m1.unitId,
		u2: m2.unitId,
		community: r1.communityId,
		user,
		member2: userIdOf(db, 'member2')
	} as World['ids'];
	w.ids = ids;
	ids.category = (await must(w, 'admin', 'GET', '/needs/categories'))[0].code;
	// Independent fixtures are made at once; each chain in order.
	await Promise.all([
		(async () => {
			ids.liveMeeting = await newMeeting(w, 'live', {}, true);
			const agenda = await must(w, 'chair', 'GET', `/meetings/${ids.liveMeeting}/agenda`);
			ids.liveItem = agenda.items[0].id;
			ids.motion = await newMotion(w);
		})(),
		(async () => {
			ids.task = await newTask(w, 'pending');
			ids.notice = await newNotice(w);
		})(),
		(async () => {
			ids.closedDoors = await newMeeting(w, 'scheduled', {
				visibility: 'members',
				unitIds: [ids.u2]
			});
		})(),
		(async () => (ids.scheduled = await newMeeting(w, 'scheduled')))(),
		(async () => {
			const list = await must(w, 'admin', 'GET', '/communities');
			const other = list.items.find((c: Json) => c.id !== ids.community).id;
			ids.otherCommunity = await newMeeting(w, 'scheduled', { communityIds: [other] });
		})(),
		(async () => (ids.poll = await newPoll(w, 'open')))(),
		(async () => (ids.need = await newNeed(w)))(),
		(async () => (ids.privateNeed = await newNeed(w, { visibility: 'private' })))(),
		(async () => (ids.project = await newProject(w, 'published')))(),
		(async () => (ids.claimedProject = await newProject(w, 'claimed')))(),
		(async () => (ids.summons = await newSummons(w)))(),
		(async () => (ids.resource = await newResource(w)))(),
		(async () => {
			const list = await must(w, 'admin', 'GET', '/resolutions');
			ids.resolution = list.items.find((r: Json) => r.meetingId).id;
		})()
	]);
	return w;
}

/** A motion on the live meeting's agenda item. */
async function newMotion(w: World): Promise<string> {
	const m = await must(w, 'chair', 'POST', '/motions', {
		title: '关于增设休息座椅的动议',
		text: '建议在公园增设休息座椅。',
		meetingId: w.ids.liveMeeting,
		agendaItemId: w.ids.liveItem
	});
	return m.id;
}

// ---------------------------------------------------------------- fresh targets

/** A public meeting for all communities inviting U1 and U2, at the stage asked (with an agenda item if asked). */
export async function newMeeting(
	w: World,
	stage: 'draft' | 'scheduled' | 'live',
	over: Record<string, unknown> = {},
	withItem = false
): Promise<string> {
	const m = await must(w, 'chair', 'POST', '/meetings', {
		type: 'thematic',
		title: uniq('专题协商'),
		startsAt: inDays(1),
		endsAt: inDays(1.1),
		visibility: 'public',
		unitIds: [w.ids.u1, w.ids.u2],
		status: stage === 'draft' ? 'draft' : 'scheduled',
		...over
	});
	// An agenda item, made by putting a need on the agenda (the agenda itself is a shared document).
	if (withItem)
		await must(w, 'chair', 'POST', `/meetings/${m.id}/agenda/needs`, {
			needIds: [await newNeed(w, {}, true)],
			title: '议题一'
		});
	if (stage === 'live') await must(w, 'chair', 'POST', `/meetings/${m.id}/start`);
	return m.id;
}

/** A need raised by resident2 (accepted by the secretary when asked). */
export async function newNeed(
	w: World,
	over: Record<string, unknown> = {},
	accepted = false
): Promise<string> {
	const n = await must(w, { cookie: w.resident2 }, 'POST', '/needs', {
		title: uniq('路灯不亮'),
		description: '晚上回家很不方便。',
		category: w.ids.category,
		contactPhone: '13800138000',
		...over
	});
	if (accepted) await must(w, 'admin', 'POST', `/needs/${n.id}/accept`);
	return n.id;
}

/** A members' yes/no poll between meetings at the stage asked. */
export async function newPoll(
	w: World,
	stage: 'draft' | 'open' | 'closed',
	over: Record<string, unknown> = {}
): Promise<string> {
	const v = await must(w, 'chair', 'POST', '/votes', {
		title: uniq('意见征询'),
		method: 'yna',
		secret: false,
		electorate: 'members',
		closesAt: inDays(1),
		...over
	});
	if (stage !== 'draft') await must(w, 'chair', 'POST', `/votes/${v.id}/open`);
	if (stage === 'closed') await must(w, 'chair', 'POST', `/votes/${v.id}/close`);
	return v.id;
}

/** A closed single-choice poll that ended in a tie (the chair and member2 chose differently). */
export async function tiedPoll(w: World): Promise<{ id: string; optionId: string }> {
	const id = await newPoll(w, 'draft', {
		method: 'single',
		options: [{ label: '周四' }, { label: '周五' }]
	});
	const v = await must(w, 'chair', 'POST', `/votes/${id}/open`);
	const [a, b] = v.options.map((o: Json) => o.id);
	await must(w, 'chair', 'POST', `/votes/${id}/ballots`, { choice: a });
	await must(w, { cookie: w.member2 }, 'POST', `/votes/${id}/ballots`, { choice: b });
	await must(w, 'chair', 'POST', `/votes/${id}/close`);
	return { id, optionId: a };
}

/** One of the two units fixtures belong to: U1 (member1's and liaison1's) or U2. */
export type UnitKey = 'u1' | 'u2';
/** The liaison who acts for the unit. */
const liaisonOf = (w: World, unit: UnitKey) => (unit === 'u1' ? 'liaison' : { cookie: w.liaison2 });

/** A task led by the unit (U1 unless asked), at the stage asked (accepted and submitted by its liaison). */
export async function newTask(
	w: World,
	stage: 'pending' | 'accepted' | 'submitted',
	unit: UnitKey = 'u1'
): Promise<string> {
	const t = await must(w, 'admin', 'POST', '/tasks', {
		title: uniq('落实任务'),
		leadUnitId: w.ids[unit],
		dueAt: inDays(14)
	});
	const liaison = liaisonOf(w, unit);
	if (stage !== 'pending') await must(w, liaison, 'POST', `/tasks/${t.id}/accept`);
	if (stage === 'submitted') {
		await must(w, liaison, 'POST', `/tasks/${t.id}/reports`, { progress: 100, text: '已完成' });
		await must(w, liaison, 'POST', `/tasks/${t.id}/submit`);
	}
	return t.id;
}

/** A project for the coming quarter: a draft, published, or claimed by the unit (U1 unless asked). */
export async function newProject(
	w: World,
	stage: 'draft' | 'published' | 'claimed',
	unit: UnitKey = 'u1'
): Promise<string> {
	const p = await must(w, 'admin', 'POST', '/projects', {
		title: uniq('为民办实事'),
		quarter: '2027-Q1',
		budget: 12000
	});
	if (stage !== 'draft') await must(w, 'admin', 'POST', `/projects/${p.id}/publish`);
	if (stage === 'claimed')
		await must(w, liaisonOf(w, unit), 'POST', `/projects/${p.id}/claim`, { unitId: w.ids[unit] });
	return p.id;
}

/** A summons (召集) to the unit (U1 unless asked). */
export async function newSummons(w: World, unit: UnitKey = 'u1'): Promise<string> {
	const s = await must(w, 'admin', 'POST', '/summons', {
		title: uniq('召集'),
		unitIds: [w.ids[unit]],
		respondHours: 24
	});
	return s.id;
}

/** A supervision notice to the unit (U1 unless asked) about one of its tasks. */
export async function newNotice(w: World, unit: UnitKey = 'u1'): Promise<string> {
	const n = await must(w, 'supervisor', 'POST', '/notices', {
		taskId: unit === 'u1' ? w.ids.task : await newTask(w, 'pending', unit),
		unitId: w.ids[unit],
		text: '请说明进度',
		replyBy: inDays(3)
	});
	return n.id;
}

/** A resource of the unit (U1 unless asked). */
export async function newResource(w: World, unit: UnitKey = 'u1'): Promise<string> {
	const r = await must(w, liaisonOf(w, unit), 'POST', `/units/${w.ids[unit]}/resources`, {
		kind: 'venue',
		name: uniq('活动室')
	});
	return r.id;
}

/** A person made by the secretary (a resident of resident1's community when a role is given). */
export async function newPerson(
	w: World,
	withRole = false
): Promise<{ id: string; roleId?: string }> {
	const p = await must(w, 'admin', 'POST', '/people', {
		login: uniq('p'),
		displayName: '新居民',
		password: 'yiting-demo-1'
	});
	if (!withRole) return { id: p.id };
	const r = await must(w, 'admin', 'POST', '/roles', {
		userId: p.id,
		role: 'resident',
		communityId: w.ids.community
	});
	return { id: p.id, roleId: r.id };
}

/** A small PNG, as a photo upload's form. */
export async function photoForm(): Promise<FormData> {
	const png = await sharp({
		create: { width: 8, height: 8, channels: 3, background: '#3a7' }
	})
		.png()
		.toBuffer();
	const form = new FormData();
	form.append('photos', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'p.png');
	return form;
}

export { inDays, sessionCookie, userIdOf };
