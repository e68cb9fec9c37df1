/**
 * English — execution and its oversight: tasks, summonses, supervision, ratings, the trace, the
 * dashboard and evaluation, resources and projects. Loaded only by the pages that show them, so
 * residents' everyday pages do not carry them. (Notifications' words are in the base catalogue:
 * they show on every page.)
 */
import { tasksEn } from './tasks.en';
import { supervisionEn } from './supervision.en';
import { ratingsEn } from './ratings.en';
import { dashboardEn } from './dashboard.en';
import { projectsEn } from './projects.en';
import { executionNotificationsEn } from './execution-notifications.en';

export const executionEn = {
	...tasksEn,
	...supervisionEn,
	...ratingsEn,
	...dashboardEn,
	...projectsEn,
	...executionNotificationsEn
} as const;
