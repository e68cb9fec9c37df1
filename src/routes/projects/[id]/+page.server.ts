import type { Actions } from '@sveltejs/kit';
import { z } from 'zod';
import type { PageServerLoad } from './$types';
import { config } from '$lib/server/config';
import { getDb } from '$lib/server/db';
import { formAction, requireActor } from '$lib/server/http/forms';
import { orErrorPage } from '$lib/server/http/pages';
import { listCommunities } from '$lib/server/org/org';
import * as projects from '$lib/server/projects';
import { fenToYuanText } from '$lib/shared/projects/money';
import { projectPatch, spendingInput } from '$lib/shared/schemas/projects';
import { dateToWallTime } from '$lib/time';
import { projectFormInput } from '../project-form';

export const load: PageServerLoad = (event) => {
	const { actor, committeeId } = requireActor(event);
	const db = getDb();
	return orErrorPage(event.locals.locale, () => {
		const project = projects.getProject(db, actor, event.params.id);
		const editable = project.canManage && project.status === 'draft';
		return {
			project,
			budgetText: fenToYuanText(project.budget),
			communities: editable
				? listCommunities(db, actor, committeeId).map((c) => ({ id: c.id, name: c.name }))
				: [],
			units: project.canClaim ? projects.claimingUnitOptions(db, actor, committeeId) : [],
			today: dateToWallTime(new Date(), config.timeZone).slice(0, 10)
		};
	});
};

const id = (event: { params: Record<string, string> }) => event.params.id!;

export const actions: Actions = {
	edit: (event) =>
		formAction(
			event,
			projectPatch,
			(patch) => {
				projects.editProject(getDb(), requireActor(event).actor, id(event), patch);
				return { saved: true };
			},
			projectFormInput
		),
	publish: (event) =>
		formAction(event, z.object({}), () => {
			projects.publishProject(getDb(), requireActor(event).actor, id(event));
			return { published: true };
		}),
	claim: (event) =>
		formAction(event, z.object({ unitId: z.string().max(64).optional() }), ({ unitId }) => {
			projects.claimProject(getDb(), requireActor(event).actor, id(event), {
				unitId: unitId || undefined
			});
			return { claimed: true };
		}),
	spend: (event) =>
		formAction(
			event,
			spendingInput,
			async (input, form) => {
				const actor = requireActor(event).actor;
				const db = getDb();
				projects.getProject(db, actor, id(event)); // refused before a receipt is stored
				const receipt = await projects.readReceiptUpload(form);
				try {
					projects.recordSpending(db, actor, id(event), input, receipt);
				} catch (err) {
					if (receipt) projects.removeReceipt(receipt.file);
					throw err;
				}
				return { spent: true };
			},
			(v) => ({ amount: v.amount ?? '', item: v.item ?? '', spentOn: v.spentOn ?? '' })
		)
};
