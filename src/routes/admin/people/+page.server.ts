import { type Actions } from '@sveltejs/kit';
import { z } from 'zod';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { formAction, requireActor } from '$lib/server/http/forms';
import {
	assignRole,
	createPerson,
	listCommunities,
	listPeople,
	listUnits,
	removeRole
} from '$lib/server/org/org';
import { personInput, roleInput } from '$lib/shared/schemas/org';
import { can } from '$lib/shared/permissions';
import { issuePasswordReset, RESET_TTL_MS } from '$lib/server/accounts/passwords';
import { refuseUnless } from '$lib/server/http/pages';

export const load: PageServerLoad = (event) => {
	const { actor, committeeId } = requireActor(event);
	refuseUnless(event.locals.locale, can(actor, 'people.view', { committeeId }));
	const db = getDb();
	return {
		people: listPeople(db, actor, committeeId),
		units: listUnits(db, actor, committeeId, { limit: 200 }).items.map((u) => ({
			id: u.id,
			name: u.name
		})),
		communities: listCommunities(db, actor, committeeId).map((c) => ({ id: c.id, name: c.name })),
		canReset: can(actor, 'account.resetPassword', { committeeId }),
		resetHours: RESET_TTL_MS / 3600_000
	};
};

// Empty selects arrive as ''; the schema wants them absent.
const blankToUndefined = (v: Record<string, string>) =>
	Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x === '' ? undefined : x]));

export const actions: Actions = {
	person: (event) => {
		const { actor, committeeId } = requireActor(event);
		return formAction(
			event,
			personInput,
			async (input) => ({ saved: (await createPerson(getDb(), actor, committeeId, input)).id }),
			blankToUndefined
		);
	},
	grant: (event) => {
		const { actor, committeeId } = requireActor(event);
		return formAction(
			event,
			roleInput,
			(input) => ({ saved: assignRole(getDb(), actor, committeeId, input).id }),
			blankToUndefined
		);
	},
	resetPassword: (event) => {
		const { actor, committeeId } = requireActor(event);
		return formAction(event, z.object({ userId: z.string().min(1) }), ({ userId }) => {
			const r = issuePasswordReset(getDb(), actor, committeeId, userId);
			return {
				reset: { userId, url: new URL(`/reset/${r.token}`, event.url.origin).href }
			};
		});
	},
	revoke: (event) => {
		const { actor, committeeId } = requireActor(event);
		return formAction(event, z.object({ roleId: z.string().min(1) }), ({ roleId }) => {
			removeRole(getDb(), actor, committeeId, roleId);
			return { saved: roleId };
		});
	}
};
