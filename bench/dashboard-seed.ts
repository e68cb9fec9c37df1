/**
 * The dashboard benchmark's data: the demo committee, then in one transaction with prepared
 * statements a year of execution at a busy street's scale: BENCH_TASKS (100,000) tasks over the
 * demo's 8 member units, each with its lead (and for a third a co-unit) in task_unit, one linked
 * need, 2–3 timeline entries, BENCH_REPORTS (1,000,000) progress reports spread over the tasks,
 * and ratings of most done tasks by residents. 20,000 needs carry the tasks and the needs
 * figures, 85% of them accepted (an `accepted` timeline entry), most within 24 h.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../src/lib/server/db';
import { committees, communities, units } from '../src/lib/server/db/schema';
import { newId } from '../src/lib/server/db/ids';
import { seedDemo } from '../src/lib/server/seed';
import { changeStoredDoc } from '../src/lib/server/docs/store';
import { setHub } from '../src/lib/server/platform/hub';

export const TASKS = Number(process.env.BENCH_TASKS || 100_000);
export const REPORTS = Number(process.env.BENCH_REPORTS || 1_000_000);
const NEEDS = Math.max(1, Math.round(TASKS / 5));
const RESIDENTS = 3_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CATEGORIES = [
	'elderly',
	'parking',
	'environment',
	'safety',
	'culture',
	'education',
	'health',
	'other'
];

/** mulberry32, so every run seeds the same rows. */
function rng(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export interface Seeded {
	committeeId: string;
	counts: Record<string, number>;
	/** A need linked to a task with reports and a rating (for a trace, when there is one). */
	sampleNeedId: string;
	seedMs: number;
}

export async function seedDashboard(db: Db): Promise<Seeded> {
	const t0 = performance.now();
	// No server runs here: shared documents (the demo's agendas) change in this database, and
	// nothing is pushed live (as in seed/test-db.ts).
	setHub({
		emit() {},
		sessionRevoked() {},
		userRevoked() {},
		tokenRevoked() {},
		changeDoc: (name, fn) => changeStoredDoc(db, name, fn),
		docAccessChanged() {}
	});
	await seedDemo(db);
	const random = rng(20_261_203);
	const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
	const committeeId = db.select({ id: committees.id }).from(committees).get()!.id;
	const unitIds = db
		.select({ id: units.id })
		.from(units)
		.where(eq(units.committeeId, committeeId))
		.all()
		.map((u) => u.id);
	const communityIds = db
		.select({ id: communities.id })
		.from(communities)
		.where(eq(communities.committeeId, committeeId))
		.all()
		.map((c) => c.id);
	const c = db.$client;
	const now = Date.now();
	const stmt = {
		user: c.prepare(
			`insert into user (id, login, display_name, password_hash, created_at) values (?, ?, ?, '!bench-no-login', ?)`
		),
		role: c.prepare(
			`insert into role_assignment (id, user_id, committee_id, role, community_id, created_at) values (?, ?, ?, 'resident', ?, ?)`
		),
		need: c.prepare(`insert into need (id, committee_id, community_id, title, description, category, visibility, status, submitted_by, created_at, updated_at, respond_by, responded_at)
			values (?, ?, ?, ?, '', ?, 'public', ?, ?, ?, ?, ?, ?)`),
		needEvent: c.prepare(
			`insert into need_event (need_id, at, actor_id, kind) values (?, ?, null, 'accepted')`
		),
		task: c.prepare(`insert into task (id, committee_id, title, lead_unit_id, status, progress, accept_hours, accept_by, due_at, accepted_at, submitted_at, done_at, created_at, updated_at)
			values (?, ?, ?, ?, ?, ?, 24, ?, ?, ?, ?, ?, ?, ?)`),
		taskUnit: c.prepare(
			`insert into task_unit (task_id, unit_id, role, accepted_at) values (?, ?, ?, ?)`
		),
		taskNeed: c.prepare(`insert into task_need (task_id, need_id) values (?, ?)`),
		event: c.prepare(`insert into task_event (task_id, at, unit_id, kind) values (?, ?, ?, ?)`),
		report: c.prepare(
			`insert into task_report (id, task_id, unit_id, progress, text, created_at) values (?, ?, ?, ?, ?, ?)`
		),
		rating: c.prepare(
			`insert into rating (id, need_id, task_id, user_id, score, created_at) values (?, ?, ?, ?, ?, ?)`
		)
	};
	const counts: Record<string, number> = {
		tasks: 0,
		taskUnits: 0,
		taskNeeds: 0,
		events: 0,
		reports: 0,
		needs: 0,
		needEvents: 0,
		ratings: 0
	};
	let sampleNeedId = '';
	c.transaction(() => {
		const residents: string[] = [];
		for (let i = 0; i < RESIDENTS; i++) {
			const id = newId();
			stmt.user.run(id, `bench${i}`, `居民${i}`, now - 400 * DAY);
			stmt.role.run(
				newId(),
				id,
				committeeId,
				communityIds[i % communityIds.length],
				now - 400 * DAY
			);
			residents.push(id);
		}
		const needs: { id: string; at: number; submitter: string }[] = [];
		const needTimes = Array.from(
			{ length: NEEDS },
			() => now - 400 * DAY + Math.floor(random() * 390 * DAY)
		).sort((a, b) => a - b);
		for (const at of needTimes) {
			const id = newId();
			const accepted =
				random() < 0.85
					? at + Math.floor((random() < 0.8 ? random() * 24 : 24 + random() * 48) * HOUR)
					: null;
			const submitter = pick(residents);
			stmt.need.run(
				id,
				committeeId,
				pick(communityIds),
				'楼道照明坏了很久',
				pick(CATEGORIES),
				accepted ? 'in_progress' : 'submitted',
				submitter,
				at,
				at,
				at + DAY,
				accepted
			);
			counts.needs!++;
			if (accepted) {
				stmt.needEvent.run(id, accepted);
				counts.needEvents!++;
				needs.push({ id, at, submitter });
			}
		}
		const rated = new Set<string>();
		const reportsPer = REPORTS / TASKS;
		let reportsLeft = REPORTS;
		for (let i = 0; i < TASKS; i++) {
			const id = newId();
			const at = now - 365 * DAY + Math.floor((i / TASKS) * 364 * DAY);
			const ageDays = (now - at) / DAY;
			const lead = pick(unitIds);
			const due = at + Math.floor((3 + random() * 27) * DAY);
			const accepted =
				random() < 0.97
					? at + Math.floor((random() < 0.85 ? random() * 24 : 24 + random() * 72) * HOUR)
					: null;
			const doneAt =
				accepted && random() < Math.min(0.95, ageDays / 40)
					? Math.min(now, due + Math.floor((random() * 1.3 - 1) * 10 * DAY))
					: null;
			const status = doneAt
				? 'done'
				: accepted
					? pick(['in_progress', 'in_progress', 'submitted'] as const)
					: random() < 0.9
						? 'pending'
						: 'cancelled';
			const progress = status === 'done' ? 100 : accepted ? Math.floor(random() * 90) : 0;
			stmt.task.run(
				id,
				committeeId,
				`任务 ${i}`,
				lead,
				status,
				progress,
				at + DAY,
				due,
				accepted,
				doneAt,
				doneAt,
				at,
				doneAt ?? accepted ?? at
			);
			stmt.taskUnit.run(id, lead, 'lead', accepted);
			counts.tasks!++;
			counts.taskUnits!++;
			if (random() < 0.33) {
				stmt.taskUnit.run(id, pick(unitIds.filter((u) => u !== lead)), 'co', accepted);
				counts.taskUnits!++;
			}
			const need = needs[Math.min(needs.length - 1, Math.floor((i / TASKS) * needs.length))]!;
			stmt.taskNeed.run(id, need.id);
			counts.taskNeeds!++;
			stmt.event.run(id, at, null, 'dispatched');
			counts.events!++;
			if (accepted) {
				stmt.event.run(id, accepted, lead, 'accepted');
				counts.events!++;
			}
			if (doneAt) {
				stmt.event.run(id, doneAt, null, 'approved');
				counts.events!++;
			}
			const n =
				i === TASKS - 1
					? reportsLeft
					: Math.min(reportsLeft, Math.round(reportsPer * (0.5 + random())));
			const from = accepted ?? at;
			const until = doneAt ?? now;
			for (let r = 0; r < n; r++) {
				stmt.report.run(
					newId(),
					id,
					lead,
					Math.round(((r + 1) / n) * progress),
					'已到现场查看，正在协调处理。',
					from + Math.floor(((r + 1) / (n + 1)) * (until - from))
				);
			}
			reportsLeft -= n;
			counts.reports! += n;
			if (doneAt && random() < 0.3) {
				const who = random() < 0.7 ? need.submitter : pick(residents);
				const key = `${need.id}:${who}`;
				if (!rated.has(key)) {
					rated.add(key);
					const score = Math.min(5, Math.max(1, Math.round(4 + (random() - 0.35) * 3)));
					stmt.rating.run(
						newId(),
						need.id,
						id,
						who,
						score,
						Math.min(now, doneAt + Math.floor(random() * 5 * DAY))
					);
					counts.ratings!++;
					if (!sampleNeedId && n > 0) sampleNeedId = need.id;
				}
			}
		}
	})();
	c.pragma('wal_checkpoint(TRUNCATE)');
	return { committeeId, counts, sampleNeedId, seedMs: performance.now() - t0 };
}
