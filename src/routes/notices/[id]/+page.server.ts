import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { formAction, requireActor } from '$lib/server/http/forms';
import { orErrorPage } from '$lib/server/http/pages';
import { backTo, getNotice, replyNotice } from '$lib/server/supervision';
import { noticeReplySchema } from '$lib/shared/schemas/supervision';

export const load: PageServerLoad = (event) => {
	const { actor } = requireActor(event);
	return orErrorPage(event.locals.locale, () => ({
		notice: getNotice(getDb(), actor, event.params.id)
	}));
};

export const actions: Actions = {
	/**
	 * The unit's reply. Also posted from a task's page (TaskNotices), which names itself in
	 * `back` so the person lands where they were.
	 */
	reply: async (event) => {
		const { actor } = requireActor(event);
		const id = event.params.id;
		const result = await formAction(
			event,
			noticeReplySchema,
			(input, form) => {
				replyNotice(getDb(), actor, id, input);
				return { back: backTo(String(form.get('back') ?? ''), `/notices/${id}`) };
			},
			(values) => ({ text: values.text ?? '' })
		);
		if ('back' in result) redirect(303, result.back);
		return result;
	}
};
