import type { Actions } from '@sveltejs/kit';
import { z } from 'zod';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { formAction, requireActor } from '$lib/server/http/forms';
import { getMeeting } from '$lib/server/meetings/meetings';
import {
	approveMinutes,
	compareVersion,
	finaliseMinutes,
	getMinutes,
	listVersions,
	reopenMinutes,
	restoreVersion,
	saveVersion
} from '$lib/server/minutes/minutes';
import { orErrorPage } from '$lib/server/http/pages';
import { refusalReason } from '$lib/server/hall/open';
import { minutesDoc } from '$lib/shared/doc-names';

export const load: PageServerLoad = (event) => {
	const { actor } = requireActor(event);
	const db = getDb();
	// Someone who may know of the meeting is told why (not published yet, or not their community); others get "no such page".
	return orErrorPage(
		event.locals.locale,
		() => {
			const meeting = getMeeting(db, actor, event.params.id);
			const minutes = getMinutes(db, actor, meeting.id);
			const compareId = event.url.searchParams.get('compare');
			return {
				meeting: {
					id: meeting.id,
					title: meeting.title,
					status: meeting.status,
					startsAt: meeting.startsAt
				},
				minutes,
				docName: minutesDoc(meeting.id),
				// Drafts behind the minutes are for the committee's side; the public reads the approved text.
				versions: minutes.canSeeVersions ? listVersions(db, actor, meeting.id) : [],
				compare:
					compareId && minutes.canSeeVersions
						? { id: compareId, ...compareVersion(db, actor, meeting.id, compareId) }
						: null
			};
		},
		() => refusalReason(db, actor, event.params.id)
	);
};

const run = (
	event: Parameters<Actions[string]>[0],
	fn: (actor: ReturnType<typeof requireActor>['actor'], id: string) => unknown
) =>
	formAction(event, z.object({}), () => {
		fn(requireActor(event).actor, event.params.id!);
		return { done: true };
	});

export const actions: Actions = {
	finalise: (event) => run(event, (a, id) => finaliseMinutes(getDb(), a, id)),
	approve: (event) => run(event, (a, id) => approveMinutes(getDb(), a, id)),
	reopen: (event) => run(event, (a, id) => reopenMinutes(getDb(), a, id)),
	saveVersion: (event) =>
		formAction(
			event,
			z.object({ name: z.string().trim().min(1, 'err.required').max(80, 'err.tooLong') }),
			(input) => {
				saveVersion(getDb(), requireActor(event).actor, event.params.id!, input.name);
				return { done: true };
			}
		),
	restore: (event) =>
		formAction(event, z.object({ versionId: z.string().min(1).max(64) }), (input) => {
			restoreVersion(getDb(), requireActor(event).actor, event.params.id!, input.versionId);
			return { done: true };
		})
};
