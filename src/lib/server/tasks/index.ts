/**
 * Execution (派单 · 接单 · 进展 · 验收): tasks dispatched from resolutions, needs or projects, the
 * units that carry them out, their reports and timeline, the supervision clock on them, and
 * summonses. Every entry point (pages, API) calls these; each checks permissions itself.
 */
export { createTask, dispatchTask, type NewTask } from './create';
export { acceptTask, approveTask, cancelTask, rejectTask, returnTask, submitTask } from './flow';
export { editTask } from './edit';
export { addReport, getReportFile } from './reports';
export { getTask, listTasks, type TaskFilter } from './queries';
export { findTask, taskScope, visibleTask } from './access';
export { addTaskEvent, peopleInRoles, taskLink, unitPeople, type TaskEventInput } from './events';
export { plainTime } from './clock';
export { cancelTaskTimers, scheduleTaskTimers, taskJobKinds } from './timers';
export {
	createSummons,
	getSummons,
	listSummonses,
	respondSummons,
	summonsLate,
	type SummonsView
} from './summons';
export { taskForApi, taskSummaryForApi, summonsForApi } from './api-view';
