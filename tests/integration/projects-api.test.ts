/**
 * Projects, claiming and open finances through the real built server: the fixed point
 * `GET /api/v1/projects?quarter=` (money in yuan), drafts hidden from everyone but the secretary,
 * the first claim winning and the second refused with 409, spending in yuan with a receipt that
 * residents can open, resources kept by their unit only and suggested for a need.
 *
 * Build first: `npx vite build`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { startServerProcess, type ServerProcess } from '../helpers/process';
import { api, openServerDb, sessionCookie, userIdOf, type Caller } from '../helpers/votes';

let s: ServerProcess;
let url: string;
let db: Database.Database;
const who: Record<string, Caller> = {};
const QUARTER = '2031-Q2';
let unit1: string;
let projectId: string;

const unitOf = (login: string) =>
	(
		db
			.prepare("select unit_id id from role_assignment where user_id = ? and role = 'liaison'")
			.get(userIdOf(db, login)) as { id: string }
	).id;

beforeAll(async () => {
	s = await startServerProcess({ env: { LOG_LEVEL: 'warn' } });
	url = s.url;
	db = openServerDb(s);
	for (const login of ['admin', 'chair', 'liaison1', 'liaison2', 'resident1'])
		who[login] = { cookie: sessionCookie(db, userIdOf(db, login)) };
	unit1 = unitOf('liaison1');
});
afterAll(async () => {
	db?.close();
	await s?.stop();
});

describe('the project list', () => {
	it('the secretary drafts a project in yuan; residents do not see drafts', async () => {
		const bad = await api(url, 'POST', '/projects', who.admin!, {
			title: '老年助餐',
			quarter: QUARTER,
			budget: 1.234
		});
		expect(bad.status).toBe(422);
		expect(bad.type).toMatch(/application\/problem\+json/);
		expect(bad.body.errors.budget).toEqual(['请填写金额（元），最多两位小数']);
		const made = await api(url, 'POST', '/projects', who.admin!, {
			title: '老年助餐',
			description: '为高龄独居老人送餐',
			quarter: QUARTER,
			budget: 12000.5
		});
		expect(made.status, JSON.stringify(made.body)).toBe(201);
		expect(made.body).toMatchObject({
			status: 'draft',
			budget: 12000.5,
			spent: 0,
			claimedBy: null
		});
		projectId = made.body.id;
		expect(
			(db.prepare('select budget from project where id = ?').get(projectId) as { budget: number })
				.budget
		).toBe(1_200_050);
		expect((await api(url, 'GET', `/projects?quarter=${QUARTER}`, who.resident1!)).body).toEqual({
			items: [],
			nextCursor: null
		});
		expect((await api(url, 'GET', `/projects/${projectId}`, who.resident1!)).status).toBe(404);
		expect((await api(url, 'POST', `/projects/${projectId}/publish`, who.chair!)).status).toBe(404);
		expect(
			(
				await api(url, 'POST', '/projects', who.liaison1!, {
					title: '照明改造',
					quarter: QUARTER,
					budget: 1
				})
			).status
		).toBe(403);
	});

	it('published, the quarter is listed to residents with budget, spent and progress in yuan', async () => {
		const pub = await api(url, 'POST', `/projects/${projectId}/publish`, who.admin!);
		expect(pub.status).toBe(200);
		expect(pub.body.status).toBe('published');
		const list = await api(url, 'GET', `/projects?quarter=${QUARTER}`, who.resident1!);
		expect(list.status).toBe(200);
		expect(list.body.nextCursor).toBeNull();
		expect(list.body.items).toHaveLength(1);
		expect(list.body.items[0]).toMatchObject({
			id: projectId,
			title: '老年助餐',
			quarter: QUARTER,
			status: 'published',
			claimedBy: null,
			budget: 12000.5,
			spent: 0,
			progress: 0
		});
		expect((await api(url, 'GET', '/projects?quarter=2031-5', who.resident1!)).status).toBe(400);
		expect(
			(await api(url, 'PATCH', `/projects/${projectId}`, who.admin!, { title: '改名' })).status
		).toBe(409);
	});
});

describe('claiming', () => {
	it('the first unit to claim gets the project as its tasks; the second is told 409', async () => {
		expect(
			(await api(url, 'POST', `/projects/${projectId}/claim`, who.resident1!, {})).status
		).toBe(403);
		const first = await api(url, 'POST', `/projects/${projectId}/claim`, who.liaison1!, {});
		expect(first.status, JSON.stringify(first.body)).toBe(200);
		expect(first.body).toMatchObject({ status: 'claimed', claimedBy: { id: unit1 } });
		expect(first.body.tasks).toHaveLength(1);
		expect(first.body.tasks[0]).toMatchObject({ status: 'pending', progress: 0 });
		const lead = db
			.prepare('select lead_unit_id lead, project_id p from task where id = ?')
			.get(first.body.tasks[0].id) as { lead: string; p: string };
		expect(lead).toEqual({ lead: unit1, p: projectId });
		const second = await api(url, 'POST', `/projects/${projectId}/claim`, who.liaison2!, {});
		expect(second.status).toBe(409);
		expect(second.body.detail).toBe('这个项目已被其他单位认领，或尚未开放认领');
		expect(
			(
				db.prepare('select count(*) n from task where project_id = ?').get(projectId) as {
					n: number;
				}
			).n
		).toBe(1);
		const list = await api(url, 'GET', `/projects?quarter=${QUARTER}`, who.resident1!);
		expect(list.body.items[0].claimedBy).toMatchObject({ id: unit1, name: expect.any(String) });
	});
});

describe('open finances', () => {
	it('spending in yuan with a receipt; totals exact; only the secretary and the claiming unit record', async () => {
		const entry = { amount: 300.1, item: '食材采购', spentOn: '2026-01-05' };
		expect(
			(await api(url, 'POST', `/projects/${projectId}/spending`, who.liaison2!, entry)).status
		).toBe(403);
		expect(
			(await api(url, 'POST', `/projects/${projectId}/spending`, who.resident1!, entry)).status
		).toBe(403);
		const a = await api(url, 'POST', `/projects/${projectId}/spending`, who.admin!, entry);
		expect(a.status, JSON.stringify(a.body)).toBe(201);
		expect(a.body).toMatchObject({ amount: 300.1, item: '食材采购', receiptUrl: null });
		const form = new FormData();
		form.append('amount', '0.2');
		form.append('item', '保温箱');
		form.append('spentOn', '2026-01-06');
		const pdf = new TextEncoder().encode(
			'%PDF-1.4\n%receipt\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'
		);
		form.append('receipt', new Blob([pdf], { type: 'application/pdf' }), '票据.pdf');
		const b = await fetch(`${url}/api/v1/projects/${projectId}/spending`, {
			method: 'POST',
			headers: { cookie: who.liaison1!.cookie, origin: url },
			body: form
		});
		const bBody = await b.json();
		expect(b.status, JSON.stringify(bBody)).toBe(201);
		expect(bBody.receiptUrl).toMatch(/^\/media\/receipts\//);
		const receipt = await fetch(`${url}${bBody.receiptUrl}`, {
			headers: { cookie: who.resident1!.cookie }
		});
		expect(receipt.status).toBe(200);
		expect(receipt.headers.get('content-type')).toBe('application/pdf');
		expect(new Uint8Array(await receipt.arrayBuffer())).toEqual(pdf);
		// A disguised receipt is refused, and nothing is written.
		const fake = new FormData();
		fake.append('amount', '5');
		fake.append('item', '假票据');
		fake.append('spentOn', '2026-01-06');
		fake.append(
			'receipt',
			new Blob([new TextEncoder().encode('<html>')], { type: 'image/png' }),
			'x.png'
		);
		const refused = await fetch(`${url}/api/v1/projects/${projectId}/spending`, {
			method: 'POST',
			headers: { cookie: who.admin!.cookie, origin: url },
			body: fake
		});
		expect(refused.status).toBe(422);
		const totals = await api(url, 'GET', `/projects/${projectId}/spending`, who.resident1!);
		expect(totals.status).toBe(200);
		expect(totals.body).toMatchObject({ budget: 12000.5, spent: 300.3, remaining: 11700.2 });
		expect(totals.body.items.map((i: { amount: number }) => i.amount)).toEqual([0.2, 300.1]);
		const list = await api(url, 'GET', `/projects?quarter=${QUARTER}`, who.resident1!);
		expect(list.body.items[0]).toMatchObject({ spent: 300.3, remaining: 11700.2 });
	});
});

describe('resources', () => {
	it("a unit keeps its own list, staff read it, and a need's suggestions include it", async () => {
		const needs = await api(url, 'GET', '/needs?limit=50', who.admin!);
		const need = (
			needs.body.items as { id: string; category: string; communityId: string | null }[]
		)[0]!;
		const added = await api(url, 'POST', `/units/${unit1}/resources`, who.liaison1!, {
			kind: 'volunteers',
			name: '志愿者服务队',
			capacity: '20 人',
			categories: [need.category]
		});
		expect(added.status, JSON.stringify(added.body)).toBe(201);
		expect(added.body).toMatchObject({
			unitId: unit1,
			communityId: null,
			categories: [need.category]
		});
		expect(
			(
				await api(url, 'POST', `/units/${unit1}/resources`, who.liaison2!, {
					kind: 'venue',
					name: '别人的'
				})
			).status
		).toBe(403);
		expect(
			(await api(url, 'PATCH', `/resources/${added.body.id}`, who.liaison2!, { name: '改' })).status
		).toBe(403);
		expect((await api(url, 'GET', `/units/${unit1}/resources`, who.resident1!)).status).toBe(404);
		const listed = await api(url, 'GET', `/units/${unit1}/resources`, who.chair!);
		expect(listed.body.items.map((r: { id: string }) => r.id)).toContain(added.body.id);
		const suggested = await api(url, 'GET', `/needs/${need.id}/resources`, who.chair!);
		expect(suggested.status).toBe(200);
		expect(suggested.body.items.map((r: { id: string }) => r.id)).toContain(added.body.id);
		expect((await api(url, 'GET', `/needs/${need.id}/resources`, who.resident1!)).status).toBe(403);
		const edited = await api(url, 'PATCH', `/resources/${added.body.id}`, who.admin!, {
			capacity: '30 人'
		});
		expect(edited.body.capacity).toBe('30 人');
		expect((await api(url, 'DELETE', `/resources/${added.body.id}`, who.liaison1!)).status).toBe(
			204
		);
		const left = (await api(url, 'GET', `/units/${unit1}/resources`, who.chair!)).body.items;
		expect(left.map((r: { id: string }) => r.id)).not.toContain(added.body.id);
	});

	it('the OpenAPI document describes the projects API', async () => {
		const doc = await (await fetch(`${url}/api/v1/openapi.json`)).json();
		expect(Object.keys(doc.paths)).toEqual(
			expect.arrayContaining([
				'/projects',
				'/projects/{id}/claim',
				'/projects/{id}/spending',
				'/units/{id}/resources',
				'/needs/{id}/resources'
			])
		);
	});
});
