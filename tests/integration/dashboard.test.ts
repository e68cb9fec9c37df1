/**
 * The dashboard over HTTP against the real built server: GET /api/v1/dashboard answers the
 * figures in the contract's shape to the committee and supervisors and 403 to residents; a task
 * written to the database (by another connection) is counted at once; the CSV downloads open in
 * Excel (BOM, CRLF), the unit standings among them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import path from 'node:path';
import { signInCookie, startServerProcess, type ServerProcess } from '../helpers/process';
import { dashboardOut } from '../../src/lib/server/api/contracts/insight';

let s: ServerProcess;
let db: Database.Database;
const cookies: Record<string, string> = {};

beforeAll(async () => {
	s = await startServerProcess();
	db = new Database(path.join(s.dataDir, 'yiting.db'), { fileMustExist: true });
	db.pragma('busy_timeout = 5000');
	for (const login of ['admin', 'supervisor', 'resident1', 'liaison1'])
		cookies[login] = await signInCookie(s.url, login);
});
afterAll(async () => {
	db?.close();
	await s?.stop();
});

const get = (p: string, login?: string) =>
	fetch(`${s.url}${p}`, { headers: login ? { cookie: cookies[login]! } : {} });

describe('GET /api/v1/dashboard', () => {
	it("answers the committee's figures in the contract's shape", async () => {
		const r = await get('/api/v1/dashboard', 'supervisor');
		expect(r.status).toBe(200);
		const body = dashboardOut.parse(await r.json());
		expect(body.monthly).toHaveLength(12);
		expect(body.tasksByUnit.length).toBeGreaterThan(0);
		expect(body.needs.received).toBeGreaterThan(0);
	});

	it('counts a task dispatched in the period, late and open', async () => {
		const q = '/api/v1/dashboard?from=2021-03-01&to=2021-03-31';
		const before = dashboardOut.parse(await (await get(q, 'admin')).json());
		const { id: committeeId } = db.prepare('select id from committee').get() as { id: string };
		const { id: unitId } = db
			.prepare('select id from unit where committee_id = ? order by created_at limit 1')
			.get(committeeId) as { id: string };
		const at = Date.parse('2021-03-10T02:00:00Z');
		db.prepare(
			`insert into task (id, committee_id, title, lead_unit_id, status, accept_hours, accept_by, due_at, created_at, updated_at)
			 values ('dash-test-task', ?, '路灯维修', ?, 'in_progress', 24, ?, ?, ?, ?)`
		).run(committeeId, unitId, at + 86_400_000, at + 2 * 86_400_000, at, at);
		const after = dashboardOut.parse(await (await get(q, 'admin')).json());
		expect(after.tasks.total).toBe(before.tasks.total + 1);
		expect(after.tasks.overdue).toBe(before.tasks.overdue + 1);
		expect(after.tasksByUnit.find((u) => u.id === unitId)!.open).toBe(1);
		expect(after.monthly[0]).toMatchObject({ month: '2021-03', tasksDispatched: 1, tasksOpen: 1 });
	});

	it('is refused to residents and liaisons (403), and to nobody signed in (401)', async () => {
		for (const login of ['resident1', 'liaison1']) {
			const r = await get('/api/v1/dashboard', login);
			expect(r.status, login).toBe(403);
			expect(r.headers.get('content-type')).toContain('application/problem+json');
		}
		expect((await get('/api/v1/dashboard')).status).toBe(401);
	});

	it('refuses a malformed period with 400', async () => {
		expect((await get('/api/v1/dashboard?from=2021-02-30', 'admin')).status).toBe(400);
		expect((await get('/api/v1/dashboard?from=2021-05-01&to=2021-04-01', 'admin')).status).toBe(
			400
		);
	});

	it('is described in the OpenAPI document', async () => {
		const doc = (await (await get('/api/v1/openapi.json')).json()) as {
			paths: Record<string, unknown>;
		};
		expect(doc.paths).toHaveProperty('/dashboard');
	});
});

describe('CSV downloads', () => {
	it('sends the tasks as UTF-8 with a BOM and CRLF rows', async () => {
		const r = await get('/dashboard/export/tasks.csv?from=2021-03-01&to=2021-03-31', 'admin');
		expect(r.status).toBe(200);
		expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		const bytes = new Uint8Array(await r.arrayBuffer());
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const text = new TextDecoder().decode(bytes.subarray(3));
		const lines = text.split('\r\n');
		expect(lines).toHaveLength(3); // header, the task, the empty end
		expect(lines[1]).toContain('"路灯维修"');
	});

	it('is refused to residents', async () => {
		expect((await get('/dashboard/export/needs.csv', 'resident1')).status).toBe(403);
	});

	it('sends the unit standings of a period, one row per unit, and refuses a period that is none', async () => {
		const r = await get('/dashboard/export/standings.csv?period=2021', 'supervisor');
		expect(r.status).toBe(200);
		expect(r.headers.get('content-disposition')).toContain('standings-2021.csv');
		const lines = (await r.text()).replace(/^\uFEFF/, '').split('\r\n');
		const { n } = db.prepare('select count(*) as n from unit').get() as { n: number };
		expect(lines).toHaveLength(n + 2);
		expect(lines[0]).toMatch(/^"排名","单位","积分"/);
		expect((await get('/dashboard/export/standings.csv?period=2021-Q7', 'admin')).status).toBe(422);
		expect((await get('/dashboard/export/standings.csv', 'liaison1')).status).toBe(403);
	});
});
