import type { Actions } from '@sveltejs/kit';
import { z } from 'zod';
import type { PageServerLoad } from './$types';
import { config } from '$lib/server/config';
import { getDb } from '$lib/server/db';
import { formAction, requireActor } from '$lib/server/http/forms';
import { orErrorPage } from '$lib/server/http/pages';
import { listUnits } from '$lib/server/org/org';
import * as tasks from '$lib/server/tasks';
import { listNotices } from '$lib/server/supervision';
import { taskRatings } from '$lib/server/ratings';
import { readFileUploads, removeStoredFile } from '$lib/server/uploads/files';
import { reasonSchema, reportSchema, taskEditSchema } from '$lib/shared/schemas/tasks';
import { dateToWallTime } from '$lib/time';
import { editInput } from './edit-form';

export const load: PageServerLoad = (event) => {
	const { actor, committeeId } = requireActor(event);
	const db = getDb();
	return orErrorPage(event.locals.locale, () => {
		const task = tasks.getTask(db, actor, event.params.id);
		const due = dateToWallTime(task.dueAt, config.timeZone);
		return {
			task,
			notices: listNotices(db, actor, { taskId: task.id }),
			ratings: taskRatings(db, actor, task.id),
			// The units this person acts for (liaison or member representative), to name their forms.
			myUnitIds: actor.roles
				.filter(
					(r) => r.committeeId === committeeId && (r.role === 'liaison' || r.role === 'member')
				)
				.map((r) => r.unitId)
				.filter((u): u is string => !!u),
			units: task.can.manage
				? listUnits(db, actor, committeeId, { limit: 200 }).items.map((u) => ({
						id: u.id,
						name: u.name
					}))
				: [],
			due: { date: due.slice(0, 10), time: due.slice(11, 16) },
			zone: config.timeZone,
			dispatched: event.url.searchParams.has('dispatched'),
			now: new Date()
		};
	});
};

const none = z.object({});
const unit = z.object({ unitId: z.string().max(64).optional() });
const withUnit = (v: Record<string, string>) => ({ unitId: v.unitId || undefined });
const reason = (v: Record<string, string>) => ({ reason: v.reason ?? '' });

export const actions: Actions = {
	accept: (event) =>
		formAction(
			event,
			unit,
			({ unitId }) => {
				tasks.acceptTask(getDb(), requireActor(event).actor, event.params.id!, unitId);
				return { done: 'accepted' as const };
			},
			withUnit
		),
	return: (event) =>
		formAction(
			event,
			reasonSchema,
			(input, form) => {
				const unitId = form.get('unitId');
				tasks.returnTask(
					getDb(),
					requireActor(event).actor,
					event.params.id!,
					input,
					typeof unitId === 'string' && unitId ? unitId : undefined
				);
				return { done: 'returned' as const };
			},
			reason
		),
	/** A progress report with its photos or PDFs (multipart): the files go only if the report does. */
	report: (event) =>
		formAction(
			event,
			reportSchema,
			async (input, form) => {
				const unitId = form.get('unitId');
				const files = await readFileUploads(form);
				try {
					tasks.addReport(
						getDb(),
						requireActor(event).actor,
						event.params.id!,
						input,
						files,
						typeof unitId === 'string' && unitId ? unitId : undefined
					);
				} catch (err) {
					for (const f of files) removeStoredFile(f.file);
					throw err;
				}
				return { done: 'reported' as const };
			},
			(v) => ({ progress: v.progress ?? '', text: v.text ?? '' })
		),
	submit: (event) =>
		formAction(event, none, () => {
			tasks.submitTask(getDb(), requireActor(event).actor, event.params.id!);
			return { done: 'submitted' as const };
		}),
	approve: (event) =>
		formAction(event, none, () => {
			tasks.approveTask(getDb(), requireActor(event).actor, event.params.id!);
			return { done: 'approved' as const };
		}),
	reject: (event) =>
		formAction(
			event,
			reasonSchema,
			(input) => {
				tasks.rejectTask(getDb(), requireActor(event).actor, event.params.id!, input);
				return { done: 'rejected' as const };
			},
			reason
		),
	cancel: (event) =>
		formAction(
			event,
			reasonSchema,
			(input) => {
				tasks.cancelTask(getDb(), requireActor(event).actor, event.params.id!, input);
				return { done: 'cancelled' as const };
			},
			reason
		),
	edit: (event) =>
		formAction(
			event,
			taskEditSchema,
			(input) => {
				tasks.editTask(getDb(), requireActor(event).actor, event.params.id!, input);
				return { done: 'saved' as const };
			},
			(values, form) => editInput(values, form, config.timeZone)
		)
};
