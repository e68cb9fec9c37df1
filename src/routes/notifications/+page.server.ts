import type { Actions } from '@sveltejs/kit';
import { z } from 'zod';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { formAction, requireActor } from '$lib/server/http/forms';
import { listNotifications, markRead } from '$lib/server/notifications/notifications';
import { notificationText } from '$lib/server/needs/view';

export const load: PageServerLoad = (event) => {
	const { actor } = requireActor(event);
	return {
		items: listNotifications(getDb(), actor.userId).map((n) => ({
			id: n.id,
			text: notificationText(event.locals.locale, n.kind, n.params),
			link: n.link,
			createdAt: n.createdAt,
			read: !!n.readAt
		}))
	};
};

export const actions: Actions = {
	readAll: (event) =>
		formAction(event, z.object({}), () => {
			markRead(getDb(), requireActor(event).actor.userId);
			return { done: true };
		})
};
