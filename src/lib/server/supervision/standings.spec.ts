import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attendance, meetings, needs, ratings, supervisionNotices } from '../db/schema';
import { newId } from '../db/ids';
import { AppError } from '../errors';
import { demoDb, type TestDb } from '../seed/test-db';
import { parsePeriod, rank, STANDINGS_RULES, unitStandings, type UnitStanding } from '.';
import { insertTask } from './testing/tasks';

// The period is years after the demo's history, so only the facts written here count.
const NOW = new Date('2031-07-15T04:00:00Z');
const day = (md: string) => new Date(`2031-${md}T02:00:00Z`);

let t: TestDb;
beforeAll(async () => {
	t = await demoDb();
	seedFacts();
});
afterAll(() => t.close());

function meeting(md: string, checkedIn: string[], seenOnly: string[] = []) {
	const id = newId();
	const startsAt = day(md);
	t.db
		.insert(meetings)
		.values({
			id,
			committeeId: t.committeeId,
			type: 'thematic',
			title: '例会',
			startsAt,
			endsAt: new Date(startsAt.getTime() + 3_600_000),
			visibility: 'members',
			status: 'closed',
			createdAt: startsAt,
			updatedAt: startsAt
		})
		.run();
	for (const login of [...checkedIn, ...seenOnly])
		t.db
			.insert(attendance)
			.values({
				meetingId: id,
				userId: t.userId(login),
				role: 'member',
				firstSeenAt: startsAt,
				checkedInAt: checkedIn.includes(login) ? startsAt : null
			})
			.run();
}

function task(unit: number, o: Record<string, Date | string | null | number[]>) {
	const { co, ...rest } = o as Record<string, unknown> & { co?: number[] };
	return insertTask(t.db, {
		committeeId: t.committeeId,
		leadUnitId: t.unitId(unit),
		coUnitIds: co?.map((n) => t.unitId(n)),
		...(rest as { dueAt: Date })
	});
}

let raters = 0;
function rate(taskId: string, scores: number[]) {
	const need = t.db.select().from(needs).get()!;
	scores.forEach((score) =>
		t.db
			.insert(ratings)
			.values({
				id: newId(),
				needId: need.id,
				taskId,
				userId: t.userId(`resident${++raters}`),
				score,
				createdAt: NOW
			})
			.run()
	);
}

function notice(unit: number, md: string, late: boolean) {
	t.db
		.insert(supervisionNotices)
		.values({
			id: newId(),
			committeeId: t.committeeId,
			unitId: t.unitId(unit),
			text: '请说明',
			issuedAt: day(md),
			replyBy: day(md),
			lateAt: late ? day(md) : null
		})
		.run();
}

function seedFacts() {
	// Unit 1: two meetings (two of its people at the first count once), one check-in missing.
	meeting('05-01', ['member1', 'liaison1', 'member3', 'member4']);
	meeting('05-20', ['liaison1', 'member3', 'member4'], ['member2']);
	meeting('07-02', ['liaison1']);
	const a = task(1, {
		acceptBy: day('05-02'),
		acceptedAt: day('05-01'),
		leadAcceptedAt: day('05-01'),
		dueAt: day('05-30'),
		status: 'done',
		doneAt: day('05-29'),
		co: [2]
	});
	rate(a.id, [5, 4]);
	const b = task(1, {
		acceptBy: day('05-03'),
		acceptedAt: day('05-05'),
		leadAcceptedAt: day('05-05'),
		dueAt: day('06-10'),
		status: 'done',
		doneAt: day('06-15')
	});
	rate(b.id, [2, 2]);
	task(1, { acceptBy: day('05-04'), dueAt: day('06-20'), status: 'pending' });
	task(1, { acceptBy: day('05-04'), dueAt: day('06-20'), status: 'cancelled' });
	task(1, { dueAt: new Date('2031-08-20T02:00:00Z') });
	notice(1, '05-10', false);
	notice(1, '06-10', true);
	// Unit 2: a co-unit's acceptance, and one task of its own on time.
	t.db.$client
		.prepare('update task_unit set accepted_at = ? where task_id = ? and role = ?')
		.run(day('05-01').getTime(), a.id, 'co');
	const done = (unit: number, due: string, doneOn: string) =>
		task(unit, {
			acceptBy: day('05-02'),
			acceptedAt: day('05-01'),
			leadAcceptedAt: day('05-01'),
			dueAt: day(due),
			status: 'done',
			doneAt: day(doneOn)
		});
	done(2, '06-01', '05-31');
	// Unit 3: 12 points at 50% on time; unit 4: 12 points at 100%.
	done(3, '06-01', '05-31');
	done(3, '06-05', '06-07');
	done(4, '06-01', '05-20');
}

const of = (items: UnitStanding[], n: number) => items.find((s) => s.unitId === t.unitId(n))!;

describe('unit standings', () => {
	it('gives each unit its points from the rules, line by line', () => {
		const { items, period } = unitStandings(t.db, t.actor('supervisor'), '2031-Q2', { now: NOW });
		expect(period.key).toBe('2031-Q2');
		const u1 = of(items, 1);
		const lines = Object.fromEntries(u1.breakdown.map((b) => [b.rule, [b.count, b.points]]));
		expect(lines).toEqual({
			attendance: [2, 4],
			acceptedInTime: [1, 3],
			acceptedLate: [2, -4],
			doneOnTime: [1, 5],
			doneLate: [2, -6],
			satisfaction: [2, 1],
			notice: [2, -6],
			noticeLate: [1, -2]
		});
		expect(u1.points).toBe(-5);
		expect(u1.onTimeRate).toBeCloseTo(1 / 3);
		expect(u1.satisfaction).toBe(3.3);
		// Every line is its count times the rule's points (satisfaction is weighted by the mean).
		for (const b of u1.breakdown.filter((b) => b.rule !== 'satisfaction'))
			expect(b.points).toBe(b.count * STANDINGS_RULES.find((r) => r.key === b.rule)!.points);
		expect(of(items, 2).points).toBe(11);
		expect(of(items, 2).onTimeRate).toBe(1);
	});

	it('ranks by points, then by on-time rate; units with nothing share a rank', () => {
		const { items } = unitStandings(t.db, t.actor('chair'), '2031-Q2', { now: NOW });
		expect(of(items, 4)).toMatchObject({ points: 12, onTimeRate: 1, rank: 1 });
		expect(of(items, 3)).toMatchObject({ points: 12, onTimeRate: 0.5, rank: 2 });
		expect(of(items, 2).rank).toBe(3);
		expect([5, 6, 7, 8].map((n) => of(items, n).rank)).toEqual([4, 4, 4, 4]);
		expect(of(items, 1).rank).toBe(8);
		expect(items.map((i) => i.rank)).toEqual([...items.map((i) => i.rank)].sort((a, b) => a - b));
	});

	it('counts a year as its quarters together, and a quarter without facts as nothing', () => {
		const year = unitStandings(t.db, t.actor('member1'), '2031', { now: NOW });
		const lines = of(year.items, 1).breakdown;
		expect(lines.find((b) => b.rule === 'attendance')!.count).toBe(3);
		expect(lines.find((b) => b.rule === 'doneOnTime')!.count).toBe(1);
		const q3 = unitStandings(t.db, t.actor('member1'), '2031-Q3', { now: NOW });
		expect(of(q3.items, 1).breakdown.find((b) => b.rule === 'attendance')!.count).toBe(1);
		// Due in August, still open, not yet due on 15 July: neither on time nor late yet.
		expect(of(q3.items, 1).onTimeRate).toBeNull();
	});

	it('refuses a period it cannot read, and residents', () => {
		const refusal = (fn: () => unknown) => {
			try {
				fn();
				return 'ok';
			} catch (err) {
				return err instanceof AppError ? `${err.status} ${err.key}` : String(err);
			}
		};
		expect(refusal(() => unitStandings(t.db, t.actor('chair'), '2031-Q5'))).toBe(
			'422 err.supervision.period'
		);
		expect(refusal(() => unitStandings(t.db, t.actor('resident1'), '2031'))).toBe(
			'403 err.forbidden'
		);
	});

	it("reads periods in the committee's time zone", () => {
		const q = parsePeriod('2031-Q1', 'Asia/Shanghai')!;
		expect(q.from.toISOString()).toBe('2030-12-31T16:00:00.000Z');
		expect(q.to.toISOString()).toBe('2031-03-31T16:00:00.000Z');
		expect(parsePeriod('2031-Q4', 'Asia/Shanghai')!.to.toISOString()).toBe(
			'2031-12-31T16:00:00.000Z'
		);
		expect(parsePeriod('31-Q1', 'Asia/Shanghai')).toBeNull();
	});

	it('gives equal points and rates one rank', () => {
		const base = { unitId: '', breakdown: [], satisfaction: null };
		const ranked = rank([
			{ ...base, unitName: '乙', points: 5, onTimeRate: 0.5 },
			{ ...base, unitName: '甲', points: 5, onTimeRate: 0.5 },
			{ ...base, unitName: '丙', points: 7, onTimeRate: null }
		]);
		expect(ranked.map((r) => [r.unitName, r.rank])).toEqual([
			['丙', 1],
			['甲', 2],
			['乙', 2]
		]);
	});
});
