import { type Actions } from '@sveltejs/kit';
import { z } from 'zod';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { formAction, requireActor } from '$lib/server/http/forms';
import { createInvite, listCommunities, listInvites, revokeInvite } from '$lib/server/org/org';
import { inviteInput } from '$lib/shared/schemas/org';
import { can } from '$lib/shared/permissions';
import { refuseUnless } from '$lib/server/http/pages';

export const load: PageServerLoad = (event) => {
	const { actor, committeeId } = requireActor(event);
	refuseUnless(event.locals.locale, can(actor, 'org.manage', { committeeId }));
	const db = getDb();
	return {
		invites: listInvites(db, actor, committeeId),
		communities: listCommunities(db, actor, committeeId).map((c) => ({ id: c.id, name: c.name }))
	};
};

export const actions: Actions = {
	create: (event) => {
		const { actor, committeeId } = requireActor(event);
		return formAction(event, inviteInput, (input) => ({
			saved: createInvite(getDb(), actor, committeeId, input).code
		}));
	},
	revoke: (event) => {
		const { actor, committeeId } = requireActor(event);
		return formAction(event, z.object({ inviteId: z.string().min(1) }), ({ inviteId }) => {
			revokeInvite(getDb(), actor, committeeId, inviteId);
			return { saved: inviteId };
		});
	}
};
