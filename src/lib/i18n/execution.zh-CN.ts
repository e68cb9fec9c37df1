/**
 * 简体中文 — execution and its oversight: tasks, summonses, supervision, ratings, the trace, the
 * dashboard and evaluation, resources and projects. Loaded only by the pages that show them, so
 * residents' everyday pages do not carry them. (Notifications' words are in the base catalogue:
 * they show on every page.)
 */
import { tasksZhCN } from './tasks.zh-CN';
import { supervisionZhCN } from './supervision.zh-CN';
import { ratingsZhCN } from './ratings.zh-CN';
import { dashboardZhCN } from './dashboard.zh-CN';
import { projectsZhCN } from './projects.zh-CN';
import { executionNotificationsZhCN } from './execution-notifications.zh-CN';

export const executionZhCN = {
	...tasksZhCN,
	...supervisionZhCN,
	...ratingsZhCN,
	...dashboardZhCN,
	...projectsZhCN,
	...executionNotificationsZhCN
} as const;
