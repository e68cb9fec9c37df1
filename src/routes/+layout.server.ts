import type { LayoutServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { config } from '$lib/server/config';
import { committeeHeading, primaryCommitteeId } from '$lib/server/org/org';
import { publicUser } from '$lib/server/accounts/accounts';
import { navFor } from '$lib/shared/navigation';
import { unreadCount } from '$lib/server/notifications/notifications';

export const load: LayoutServerLoad = ({ locals }) => {
	const committeeId = primaryCommitteeId(locals.actor);
	const committee = committeeHeading(getDb(), locals.actor);
	return {
		locale: locals.locale,
		timeZone: config.timeZone,
		elderMode: locals.elderMode,
		user: locals.user ? publicUser(locals.user) : null,
		roles:
			locals.actor?.roles.filter((r) => r.committeeId === committeeId).map((r) => r.role) ?? [],
		committee,
		nav: navFor(locals.actor, committeeId),
		unread: locals.user ? unreadCount(getDb(), locals.user.id) : 0
	};
};
