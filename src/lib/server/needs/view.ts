/** Shapes needs and notifications for the API, in the caller's language. */
import { translate, type Locale, type MessageKey } from '../../i18n';
import type { NeedView } from './queries';

export function needForApi(n: NeedView) {
	return {
		id: n.id,
		title: n.title,
		description: n.description,
		category: n.category,
		communityId: n.communityId,
		location: n.location,
		visibility: n.visibility,
		status: n.status,
		channel: n.channel,
		supportCount: n.supportCount,
		supportedByMe: n.supportedByMe,
		contactPhoneMasked: n.contactPhoneMasked,
		mergedInto: n.mergedInto,
		declineReason: n.declineReason,
		createdAt: n.createdAt,
		respondBy: n.respondBy,
		timeline: n.timeline.map(({ at, kind, actorName, detail }) => ({
			at,
			kind,
			actorName,
			detail
		})),
		photos: n.photos.map((p) => ({ id: p.id, url: `/media/needs/${p.id}` }))
	};
}

/** A notification's text in the reader's language. Status names are translated too. */
export function notificationText(
	locale: Locale,
	kind: string,
	params: Record<string, string | number>
): string {
	const p = { ...params };
	if (typeof p.status === 'string')
		p.status = translate(locale, `need.status.${p.status}` as MessageKey);
	return translate(locale, `notif.${kind}` as MessageKey, p);
}
