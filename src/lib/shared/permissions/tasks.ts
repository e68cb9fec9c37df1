/**
 * Execution and its oversight: dispatching tasks and summonses, units accepting and reporting,
 * the acceptance check, supervision notices, residents' ratings, the closed-loop record, the
 * dashboard and unit standings, resources and projects.
 *
 * A unit acts through its liaisons and member representatives, and only on what names its unit:
 * the scope says which units a task (or notice, summons, resource, project) belongs to.
 * Supervisors see everything and change no task: their only writes are notices.
 */
import { has, type RoleGrant, type Rule } from './rule';

export const TASK_ACTIONS = [
	'task.dispatch',
	'task.manage',
	'task.view',
	'task.act',
	'task.submit',
	'task.approve',
	'summons.create',
	'summons.respond',
	'supervision.view',
	'notice.issue',
	'notice.reply',
	'standings.view',
	'rating.give',
	'rating.enterForResident',
	'need.reopen',
	'dashboard.view',
	'evaluation.view',
	'export.csv',
	'resource.view',
	'resource.manage',
	'project.view',
	'project.manage',
	'project.claim',
	'spending.record'
] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

const STAFF = ['admin', 'chair', 'member', 'liaison', 'recorder', 'supervisor'] as const;

/** Does the person act for one of these units (as its liaison or member representative)? */
export function actsFor(g: RoleGrant[], unitIds: readonly (string | null | undefined)[]): boolean {
	return g.some(
		(r) => (r.role === 'liaison' || r.role === 'member') && !!r.unitId && unitIds.includes(r.unitId)
	);
}

export const taskRules: Record<TaskAction, Rule> = {
	// The secretary dispatches from resolutions and needs, and edits, reassigns or cancels tasks.
	'task.dispatch': (g) => has(g, 'admin'),
	'task.manage': (g) => has(g, 'admin'),
	// Tasks are open to the whole committee's staff (the ranking is only fair if all can see);
	// residents see the tasks answering needs or resolutions they may see (`task.public`).
	'task.view': (g, s) => has(g, ...STAFF) || (has(g, 'resident') && !!s.task?.public),
	// Accept, return, report progress: the lead unit and the co-units, each for itself.
	'task.act': (g, s) => !!s.task && actsFor(g, s.task.unitIds),
	// Handing in for the acceptance check: the lead unit only.
	'task.submit': (g, s) => !!s.task && actsFor(g, [s.task.leadUnitId]),
	// The acceptance check (验收): the secretary.
	'task.approve': (g) => has(g, 'admin'),
	'summons.create': (g) => has(g, 'admin'),
	'summons.respond': (g, s) => actsFor(g, [s.unitId]),
	// The supervision list: the secretary, the chair and supervisors.
	'supervision.view': (g) => has(g, 'admin', 'chair', 'supervisor'),
	// Supervision notices: supervisors, and the secretary who answers for the committee.
	'notice.issue': (g) => has(g, 'admin', 'supervisor'),
	'notice.reply': (g, s) => actsFor(g, [s.unitId]),
	'standings.view': (g) => has(g, ...STAFF),
	// A resident rates a need they raised or supported (`need.mine`); the service checks the
	// task is done and the rating is their first.
	'rating.give': (g, s) => !!s.need?.mine,
	// A rating given by phone or in person is entered by those who enter needs for residents.
	'rating.enterForResident': (g) => has(g, 'admin', 'liaison'),
	'need.reopen': (g) => has(g, 'admin'),
	'dashboard.view': (g) => has(g, 'admin', 'chair', 'supervisor', 'recorder'),
	'evaluation.view': (g) => has(g, ...STAFF),
	'export.csv': (g) => has(g, 'admin', 'chair', 'supervisor'),
	'resource.view': (g) => has(g, ...STAFF),
	// A unit keeps its own resource list; the secretary may correct any.
	'resource.manage': (g, s) => has(g, 'admin') || actsFor(g, [s.unitId]),
	// The quarter's published projects and their finances (阳光财务) are open to residents too.
	'project.view': (g) => g.length > 0,
	'project.manage': (g) => has(g, 'admin'),
	'project.claim': (g, s) => actsFor(g, [s.unitId]),
	// Spending: the secretary, and the unit that claimed the project.
	'spending.record': (g, s) => has(g, 'admin') || actsFor(g, [s.unitId])
};
