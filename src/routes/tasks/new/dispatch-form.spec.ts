import { describe, expect, it } from 'vitest';
import { taskInputSchema } from '$lib/shared/schemas/tasks';
import { dispatchInput, dueInstant } from './dispatch-form';

const ZONE = 'Asia/Shanghai';
function form(entries: [string, string][]): { values: Record<string, string>; form: FormData } {
	const f = new FormData();
	for (const [k, v] of entries) f.append(k, v);
	return { values: Object.fromEntries(entries), form: f };
}

describe('the dispatch form', () => {
	it("reads the deadline as wall time in the committee's zone", () => {
		expect(dueInstant('2026-12-10', '18:00', ZONE)?.toISOString()).toBe('2026-12-10T10:00:00.000Z');
		expect(dueInstant('2026-12-10', '', ZONE)).toBeNull();
		expect(dueInstant('10/12/2026', '18:00', ZONE)).toBeNull();
	});

	it('gives the schema every ticked unit and need, and its fields', () => {
		const { values, form: f } = form([
			['title', '修复楼道灯'],
			['leadUnitId', 'u1'],
			['coUnitIds', 'u2'],
			['coUnitIds', 'u3'],
			['needIds', 'n1'],
			['dueDate', '2030-01-02'],
			['dueTime', '09:30'],
			['acceptHours', '48'],
			['resolutionId', 'r1']
		]);
		const parsed = taskInputSchema.parse(dispatchInput(values, f, ZONE));
		expect(parsed).toMatchObject({
			title: '修复楼道灯',
			leadUnitId: 'u1',
			coUnitIds: ['u2', 'u3'],
			needIds: ['n1'],
			resolutionId: 'r1',
			acceptHours: 48
		});
		expect(parsed.dueAt.toISOString()).toBe('2030-01-02T01:30:00.000Z');
	});

	it('lets the schema name a missing deadline and unreadable hours', () => {
		const { values, form: f } = form([
			['title', '修复楼道灯'],
			['leadUnitId', 'u1'],
			['acceptHours', 'soon']
		]);
		const r = taskInputSchema.safeParse(dispatchInput(values, f, ZONE));
		expect(r.success).toBe(false);
		const paths = r.error!.issues.map((i) => i.path.join('.'));
		expect(paths).toContain('dueAt');
		expect(paths).toContain('acceptHours');
		expect(r.error!.issues.every((i) => i.message.startsWith('err.'))).toBe(true);
	});
});
