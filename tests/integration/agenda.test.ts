/**
 * Meeting agendas on the real built server: the agenda as JSON (GET /meetings/{id}/agenda),
 * putting needs on it through the API (new item or existing item; the needs' status and
 * timelines follow), the change relayed live to open y-websocket clients, and who may read or
 * write the shared document `meeting/<id>/agenda`: a resident of the public meeting's community
 * reads only, residents of other communities are refused at the upgrade, invited members write,
 * and concurrent editors converge to what the API then returns.
 *
 * "Dropped" is checked with barriers rather than waits: the server handles a connection's frames
 * in order, so once a client has the answer to a SyncStep1 sent after its edits, the server has
 * handled them; and an answer on another connection comes after anything relayed to it before.
 *
 * Build first: `npm run build` (or set BUILD_DIR to another build).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import path from 'node:path';
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { signInCookie, startServerProcess, type ServerProcess } from '../helpers/process';
import { connectDoc, waitFor, type TestDocClient } from '../helpers/yjs-client';
import { addItem, itemsMap, moveItem, readAgenda } from '../../src/lib/shared/agenda';
import type { AgendaItem } from '../../src/lib/shared/schemas/meetings';

let s: ServerProcess;
let url: string;
let wsUrl: string;
const cookies: Record<string, string> = {};
const MEMBERS = [
	'member1',
	'member2',
	'member3',
	'member4',
	'member5',
	'member6',
	'member7',
	'member8'
] as const;
const LOGINS = [
	'admin',
	'chair',
	'liaison1',
	'resident1',
	'resident2',
	'resident3',
	...MEMBERS
] as const;
type Login = (typeof LOGINS)[number];

interface Meeting {
	id: string;
	type: string;
	title: string;
	status: string;
	unitIds: string[];
}
interface Need {
	id: string;
	title: string;
	status: string;
	timeline: { kind: string; detail: Record<string, unknown> }[];
}
interface Problem {
	status: number;
	errors?: Record<string, string[]>;
}

let joint: Meeting;
let deliberation: Meeting;
/** A member whose unit is invited to the deliberation meeting, and one whose unit is not. */
let invitedMember: Login;
let otherMember: Login;
/** A members-only meeting of the admin's own, inviting member1's unit: the API tests' agenda. */
let own: Meeting;

function api(as: Login | null, method: string, p: string, json?: unknown): Promise<Response> {
	const headers: Record<string, string> = {};
	if (as) headers.cookie = cookies[as]!;
	if (method !== 'GET') headers.origin = url;
	if (json !== undefined) headers['content-type'] = 'application/json';
	return fetch(`${url}/api/v1${p}`, {
		method,
		headers,
		body: json === undefined ? undefined : JSON.stringify(json)
	});
}

async function expectStatus<T>(res: Response, status: number): Promise<T> {
	const text = await res.text();
	expect(res.status, `${res.url}: ${text.slice(0, 300)}`).toBe(status);
	return (text ? JSON.parse(text) : null) as T;
}

async function agenda(id: string, as: Login = 'admin'): Promise<AgendaItem[]> {
	return (
		await expectStatus<{ items: AgendaItem[] }>(await api(as, 'GET', `/meetings/${id}/agenda`), 200)
	).items;
}

async function need(id: string): Promise<Need> {
	return expectStatus<Need>(await api('admin', 'GET', `/needs/${id}`), 200);
}

async function newNeed(as: Login, title: string): Promise<Need> {
	return expectStatus<Need>(
		await api(as, 'POST', '/needs', {
			title,
			description: `${title}，希望尽快解决。`,
			category: 'environment',
			visibility: 'public'
		}),
		201
	);
}

/** Poll until `fn` resolves truthy (for checks that need an HTTP call). */
async function eventually<T>(
	fn: () => Promise<T | undefined | false>,
	timeoutMs = 5000
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const v = await fn();
		if (v) return v;
		if (Date.now() > deadline) throw new Error('timed out waiting for a condition');
		await new Promise((r) => setTimeout(r, 30));
	}
}

const docName = (meetingId: string) => `meeting/${meetingId}/agenda`;

function open(as: Login, meetingId: string): TestDocClient {
	return connectDoc(wsUrl, docName(meetingId), { cookie: cookies[as]!, origin: url });
}

/** Send a SyncStep1 on the client's connection and wait for the server's answer to it. */
async function barrier(c: TestDocClient): Promise<void> {
	const ws = c.provider.ws;
	if (!ws) throw new Error('not connected');
	await new Promise<void>((resolve) => {
		const onMessage = (ev: { data: unknown }) => {
			const data = new Uint8Array(ev.data as ArrayBuffer);
			if (data[0] === 0 && data[1] === syncProtocol.messageYjsSyncStep2) {
				ws.removeEventListener('message', onMessage);
				resolve();
			}
		};
		ws.addEventListener('message', onMessage);
		const e = encoding.createEncoder();
		encoding.writeVarUint(e, 0);
		syncProtocol.writeSyncStep1(e, c.doc);
		ws.send(encoding.toUint8Array(e));
	});
}

/** The HTTP status of a websocket upgrade to the document (101 when it opens). */
function upgradeStatus(name: string, headers: Record<string, string>): Promise<number> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(`${wsUrl}/yjs/${name}`, { headers });
		ws.on('unexpected-response', (_req, res) => {
			resolve(res.statusCode ?? 0);
			res.resume();
		});
		ws.on('open', () => {
			ws.close();
			resolve(101);
		});
		ws.on('error', reject);
	});
}

/** The document as stored in SQLite (what a restarted server would serve). */
function storedDoc(meetingId: string): Y.Doc {
	const db = new Database(path.join(s.dataDir, 'yiting.db'), {
		readonly: true,
		fileMustExist: true
	});
	try {
		const doc = new Y.Doc();
		const rows = db
			.prepare('select "update" as u from doc_update where doc_name = ? order by seq')
			.all(docName(meetingId)) as { u: Buffer }[];
		for (const r of rows) Y.applyUpdate(doc, new Uint8Array(r.u));
		return doc;
	} finally {
		db.close();
	}
}

const stateVector = (doc: Y.Doc) =>
	Object.fromEntries(Y.decodeStateVector(Y.encodeStateVector(doc)));
const same = (a: Y.Doc, b: Y.Doc) =>
	JSON.stringify(readAgenda(a)) === JSON.stringify(readAgenda(b));
const titleText = (doc: Y.Doc, id: string) => itemsMap(doc).get(id)!.get('title') as Y.Text;
const descriptionText = (doc: Y.Doc, id: string) =>
	itemsMap(doc).get(id)!.get('description') as Y.Text;

beforeAll(async () => {
	s = await startServerProcess();
	url = s.url;
	wsUrl = url.replace(/^http/, 'ws');
	await Promise.all(LOGINS.map(async (login) => (cookies[login] = await signInCookie(url, login))));
	const all = await expectStatus<{ items: Meeting[] }>(
		await api('admin', 'GET', '/meetings?limit=200'),
		200
	);
	joint = all.items.find((m) => m.type === 'monthly_joint')!;
	deliberation = all.items.find((m) => m.type === 'resident_deliberation')!;
	const units = await Promise.all(
		MEMBERS.map(
			async (m) =>
				(
					await expectStatus<{ roles: { unitId: string | null }[] }>(
						await api(m, 'GET', '/me'),
						200
					)
				).roles.find((r) => r.unitId)!.unitId!
		)
	);
	invitedMember = MEMBERS[units.findIndex((u) => deliberation.unitIds.includes(u))]!;
	otherMember = MEMBERS[units.findIndex((u) => !deliberation.unitIds.includes(u))]!;
	const start = new Date(Date.UTC(2031, 4, 12, 6, 30));
	own = await expectStatus<Meeting>(
		await api('admin', 'POST', '/meetings', {
			type: 'thematic',
			title: '环境专题协商会',
			startsAt: start.toISOString(),
			endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
			status: 'scheduled',
			unitIds: [units[0]!]
		}),
		201
	);
});
afterAll(async () => {
	await s?.stop();
});

describe('the agenda as JSON', () => {
	it('the demo agendas have their items in order, with titles and linked needs that are on the agenda', async () => {
		const items = await agenda(joint.id, 'member1');
		expect(items.map((i) => i.title)).toEqual([
			'上月决议执行情况通报',
			'夜间停车难问题',
			'老旧小区加装电梯与适老化改造'
		]);
		expect(items.map((i) => i.needIds.length)).toEqual([0, 1, 2]);
		expect(items[0]).toMatchObject({
			presenter: '王秘书',
			minutes: 20,
			description: '各牵头单位汇报办理进度'
		});
		const pub = await agenda(deliberation.id, 'resident3');
		expect(pub.map((i) => i.title)).toEqual(['滨河公园河道异味治理', '小区绿化带修剪']);
		expect(pub.map((i) => i.needIds.length)).toEqual([1, 1]);
		for (const id of [...items, ...pub].flatMap((i) => i.needIds)) {
			const n = await need(id);
			expect(n.status, n.title).toBe('on_agenda');
			expect(n.timeline.map((e) => e.kind)).toContain('on_agenda');
		}
		expect(new Set([...items, ...pub].map((i) => i.id)).size).toBe(5);
	});

	it('is readable only by those who may see the meeting', async () => {
		await expectStatus<Problem>(await api('resident3', 'GET', `/meetings/${joint.id}/agenda`), 404);
		await expectStatus<Problem>(
			await api('resident1', 'GET', `/meetings/${deliberation.id}/agenda`),
			404
		);
		await expectStatus<Problem>(
			await api(otherMember, 'GET', `/meetings/${deliberation.id}/agenda`),
			404
		);
		await expectStatus<Problem>(await api(null, 'GET', `/meetings/${joint.id}/agenda`), 401);
		expect(await agenda(own.id, 'member1')).toEqual([]);
	});
});

describe('putting needs on an agenda', () => {
	it('as a new item: the item links the need, whose status and timeline follow', async () => {
		const n = await newNeed('resident1', '河边步道路灯不亮');
		expect(n.status).toBe('submitted');
		const before = await agenda(own.id);
		const { itemId } = await expectStatus<{ itemId: string }>(
			await api('admin', 'POST', `/meetings/${own.id}/agenda/needs`, { needIds: [n.id] }),
			200
		);
		const after = await agenda(own.id);
		expect(after).toHaveLength(before.length + 1);
		expect(after.at(-1)).toMatchObject({ id: itemId, title: n.title, needIds: [n.id] });
		const updated = await need(n.id);
		expect(updated.status).toBe('on_agenda');
		const entry = updated.timeline.find((e) => e.kind === 'on_agenda');
		expect(entry?.detail).toMatchObject({ meetingId: own.id, meetingTitle: own.title });
		// The submitter sees it in their own view of the need too.
		const mine = await expectStatus<Need>(await api('resident1', 'GET', `/needs/${n.id}`), 200);
		expect(mine.timeline.map((e) => e.kind)).toContain('on_agenda');
	});

	it('onto an existing item: linked there, no new item; an explicit title names a new item', async () => {
		const [a, b, c] = [
			await newNeed('resident2', '小区门口垃圾桶满溢'),
			await newNeed('resident3', '垃圾清运不及时'),
			await newNeed('resident1', '楼道堆放杂物')
		];
		const { itemId } = await expectStatus<{ itemId: string }>(
			await api('admin', 'POST', `/meetings/${own.id}/agenda/needs`, {
				needIds: [a.id],
				title: '垃圾清运'
			}),
			200
		);
		const count = (await agenda(own.id)).length;
		const again = await expectStatus<{ itemId: string }>(
			await api('admin', 'POST', `/meetings/${own.id}/agenda/needs`, {
				needIds: [b.id, c.id],
				itemId
			}),
			200
		);
		expect(again.itemId).toBe(itemId);
		const items = await agenda(own.id);
		expect(items).toHaveLength(count);
		expect(items.find((i) => i.id === itemId)).toMatchObject({
			title: '垃圾清运',
			needIds: [a.id, b.id, c.id]
		});
		for (const x of [a, b, c]) expect((await need(x.id)).status).toBe('on_agenda');
		// Linking a need that is already there does not duplicate it.
		await expectStatus(
			await api('admin', 'POST', `/meetings/${own.id}/agenda/needs`, { needIds: [a.id], itemId }),
			200
		);
		expect((await agenda(own.id)).find((i) => i.id === itemId)!.needIds).toEqual([
			a.id,
			b.id,
			c.id
		]);
	});

	it('refuses residents (403) and those who cannot see the meeting (404); an unknown item is 422 and changes nothing', async () => {
		const n = await newNeed('resident3', '滨河公园长椅损坏');
		const agendaBefore = await agenda(deliberation.id);
		await expectStatus<Problem>(
			await api('resident3', 'POST', `/meetings/${deliberation.id}/agenda/needs`, {
				needIds: [n.id]
			}),
			403
		);
		await expectStatus<Problem>(
			await api('resident1', 'POST', `/meetings/${own.id}/agenda/needs`, { needIds: [n.id] }),
			404
		);
		await expectStatus<Problem>(
			await api('member1', 'POST', `/meetings/${own.id}/agenda/needs`, { needIds: [n.id] }),
			403
		);
		const unknown = await expectStatus<Problem>(
			await api('admin', 'POST', `/meetings/${deliberation.id}/agenda/needs`, {
				needIds: [n.id],
				itemId: 'nosuchitem'
			}),
			422
		);
		expect(Object.keys(unknown.errors ?? {})).toEqual(['itemId']);
		const missing = await expectStatus<Problem>(
			await api('admin', 'POST', `/meetings/${deliberation.id}/agenda/needs`, {
				needIds: ['nosuchneed']
			}),
			422
		);
		expect(Object.keys(missing.errors ?? {})).toEqual(['needIds']);
		expect(await agenda(deliberation.id)).toEqual(agendaBefore);
		const after = await need(n.id);
		expect(after.status).toBe('submitted');
		expect(after.timeline.map((e) => e.kind)).not.toContain('on_agenda');
	});

	it('reaches an open y-websocket client live, and what is stored equals what the client has', async () => {
		const client = open('admin', own.id);
		try {
			await client.synced;
			expect(readAgenda(client.doc)).toEqual(await agenda(own.id));
			const n = await newNeed('resident2', '篮球场照明不足');
			const { itemId } = await expectStatus<{ itemId: string }>(
				await api('admin', 'POST', `/meetings/${own.id}/agenda/needs`, { needIds: [n.id] }),
				200
			);
			await waitFor(() => readAgenda(client.doc).some((i) => i.id === itemId));
			expect(readAgenda(client.doc).find((i) => i.id === itemId)).toMatchObject({
				title: n.title,
				needIds: [n.id]
			});
			// And onto that item while the client is still open.
			const m = await newNeed('resident1', '篮球场地面开裂');
			await expectStatus(
				await api('admin', 'POST', `/meetings/${own.id}/agenda/needs`, { needIds: [m.id], itemId }),
				200
			);
			await waitFor(
				() => readAgenda(client.doc).find((i) => i.id === itemId)!.needIds.length === 2
			);
			await barrier(client);
			expect(await agenda(own.id)).toEqual(readAgenda(client.doc));
			const stored = storedDoc(own.id);
			expect(readAgenda(stored)).toEqual(readAgenda(client.doc));
			expect(stateVector(stored)).toEqual(stateVector(client.doc));
			stored.destroy();
		} finally {
			client.destroy();
		}
	});
});

describe('who may edit the agenda document', () => {
	it('a 滨河社区 resident reads the public agenda, but their edits are dropped and reach no one', async () => {
		const writer = open('admin', deliberation.id);
		const reader = open('resident3', deliberation.id);
		try {
			await Promise.all([writer.synced, reader.synced]);
			const before = await agenda(deliberation.id, 'resident3');
			expect(readAgenda(reader.doc)).toEqual(before);
			const first = before[0]!.id;

			addItem(reader.doc, { title: '居民私自加的议题' });
			titleText(reader.doc, first).insert(0, 'EVIL ');
			moveItem(reader.doc, first, 5);
			expect(readAgenda(reader.doc).map((i) => i.title)).toContain('居民私自加的议题');
			await barrier(reader);
			await barrier(writer);

			expect(await agenda(deliberation.id)).toEqual(before);
			expect(readAgenda(writer.doc)).toEqual(before);
			const stored = storedDoc(deliberation.id);
			expect(readAgenda(stored)).toEqual(before);
			expect(Object.keys(stateVector(stored))).not.toContain(String(reader.doc.clientID));
			stored.destroy();

			// The reader still receives the writer's edits, and the writer never gets the reader's.
			const added = addItem(writer.doc, { title: '秘书补充的议题' });
			await waitFor(() => readAgenda(reader.doc).some((i) => i.id === added));
			await barrier(writer);
			expect(readAgenda(writer.doc).map((i) => i.title)).not.toContain('居民私自加的议题');
			expect(
				readAgenda(writer.doc)
					.map((i) => i.title)
					.join()
			).not.toContain('EVIL');
			expect((await agenda(deliberation.id)).map((i) => i.title)).toEqual([
				...before.map((i) => i.title),
				'秘书补充的议题'
			]);
		} finally {
			writer.destroy();
			reader.destroy();
		}
	});

	it('refuses at the upgrade (403) those who may not see the meeting', async () => {
		const h = (as: Login) => ({ cookie: cookies[as]!, origin: url });
		expect(await upgradeStatus(docName(deliberation.id), h('resident1'))).toBe(403);
		expect(await upgradeStatus(docName(deliberation.id), h('resident2'))).toBe(403);
		expect(await upgradeStatus(docName(deliberation.id), h(otherMember))).toBe(403);
		expect(await upgradeStatus(docName(joint.id), h('resident3'))).toBe(403);
		expect(await upgradeStatus(docName(own.id), h('member2'))).toBe(403);
		expect(await upgradeStatus(docName('nosuchmeeting'), h('admin'))).toBe(403);
		expect(await upgradeStatus(docName(deliberation.id), { origin: url })).toBe(401);
		// The same upgrade opens for those who may (the check can tell).
		expect(await upgradeStatus(docName(deliberation.id), h('resident3'))).toBe(101);
		expect(await upgradeStatus(docName(deliberation.id), h(invitedMember))).toBe(101);
	});

	it('a member of an invited unit writes: their item is stored and reaches the others', async () => {
		const member = open(invitedMember, deliberation.id);
		const resident = open('resident3', deliberation.id);
		try {
			await Promise.all([member.synced, resident.synced]);
			const added = addItem(member.doc, {
				title: '成员单位补充议题',
				presenter: invitedMember,
				minutes: 5
			});
			await waitFor(() => readAgenda(resident.doc).some((i) => i.id === added));
			const items = await eventually(async () => {
				const list = await agenda(deliberation.id);
				return list.some((i) => i.id === added) && list;
			});
			expect(items.at(-1)).toMatchObject({
				id: added,
				title: '成员单位补充议题',
				presenter: invitedMember,
				minutes: 5,
				needIds: []
			});
		} finally {
			member.destroy();
			resident.destroy();
		}
	});

	it('two writers changing, moving and adding at once converge, and the API returns the same', async () => {
		const a = open('admin', own.id);
		const b = open('member1', own.id);
		try {
			await Promise.all([a.synced, b.synced]);
			const base = ['第一项', '第二项', '第三项'].map((title) =>
				addItem(a.doc, { title, description: '说明' })
			);
			await waitFor(() => base.every((id) => itemsMap(b.doc).has(id)));
			const [x, y, z] = base as [string, string, string];
			const idsBefore = readAgenda(a.doc).map((i) => i.id);

			// Round 1: both online, edits in the same tick (neither has the other's yet).
			titleText(a.doc, x).insert(0, '甲');
			moveItem(a.doc, x, idsBefore.length);
			const fromA = addItem(a.doc, { title: 'A 新增' });
			titleText(b.doc, x).insert(titleText(b.doc, x).length, '乙');
			moveItem(b.doc, x, idsBefore.indexOf(y));
			descriptionText(b.doc, y).insert(0, 'B改：');
			const fromB = addItem(b.doc, { title: 'B 新增' });
			await waitFor(() => readAgenda(a.doc).length === idsBefore.length + 2 && same(a.doc, b.doc));
			let items = readAgenda(a.doc);
			expect(new Set(items.map((i) => i.id))).toEqual(new Set([...idsBefore, fromA, fromB]));
			expect(items.find((i) => i.id === x)!.title).toBe('甲第一项乙');
			expect(items.find((i) => i.id === y)!.description).toBe('B改：说明');

			// Round 2: both offline, editing the same text and moving the same items, then back.
			a.provider.disconnect();
			b.provider.disconnect();
			titleText(a.doc, z).delete(0, 1);
			titleText(a.doc, z).insert(0, '丙');
			titleText(b.doc, z).insert(titleText(b.doc, z).length, '（修订）');
			moveItem(a.doc, z, 0);
			moveItem(b.doc, z, 2);
			moveItem(b.doc, fromA, 0);
			const offA = addItem(a.doc, { title: '离线 A' });
			const offB = addItem(b.doc, { title: '离线 B' });
			a.provider.connect();
			b.provider.connect();
			await waitFor(() => readAgenda(a.doc).length === idsBefore.length + 4 && same(a.doc, b.doc));
			items = readAgenda(b.doc);
			expect(new Set(items.map((i) => i.id))).toEqual(
				new Set([...idsBefore, fromA, fromB, offA, offB])
			);
			expect(items.find((i) => i.id === z)!.title).toBe('丙三项（修订）');

			const fromApi = await eventually(async () => {
				const list = await agenda(own.id);
				return JSON.stringify(list) === JSON.stringify(items) && list;
			});
			expect(fromApi).toEqual(items);
			expect(readAgenda(storedDoc(own.id))).toEqual(items);
		} finally {
			a.destroy();
			b.destroy();
		}
	});
});
