/**
 * Resources suggested for a need: those that serve its category, in its community or anywhere
 * in the street. A resource in the need's own community comes before a street-wide one, so the
 * nearest help is read first.
 */
import { and, eq, isNull, like, or } from 'drizzle-orm';
import type { Db } from '../db';
import { needs, resources } from '../db/schema';
import { forbidden, notFound } from '../errors';
import { canSeeNeed } from '../needs/needs';
import { can, type Actor } from '../../shared/permissions';
import type { ResourceSuggestion } from '../../shared/projects/view';
import { toResourceViews } from './resources';

/** How many suggestions a need shows at most. */
export const MAX_SUGGESTIONS = 12;

/** May this person see resource suggestions on a need of the committee? */
export const maySeeSuggestions = (actor: Actor, committeeId: string) =>
	can(actor, 'resource.view', { committeeId });

/** Matching resources for the need `needId`, best first (404 if the need is hidden, 403 for non-staff). */
export function suggestResources(db: Db, actor: Actor, needId: string): ResourceSuggestion[] {
	const need = db.select().from(needs).where(eq(needs.id, needId)).get();
	if (!need || !canSeeNeed(actor, need)) throw notFound();
	if (!maySeeSuggestions(actor, need.committeeId)) throw forbidden();
	// The JSON array is matched in SQL by its quoted code, then confirmed on the parsed list.
	const code = need.category.replace(/[%_\\"]/g, '');
	const rows = db
		.select()
		.from(resources)
		.where(
			and(
				eq(resources.committeeId, need.committeeId),
				like(resources.categories, `%"${code}"%`),
				need.communityId
					? or(eq(resources.communityId, need.communityId), isNull(resources.communityId))
					: undefined
			)
		)
		.all();
	return toResourceViews(db, rows)
		.filter((r) => r.categories.includes(need.category))
		.map((r) => ({
			...r,
			matchesCategory: true,
			matchesCommunity: !!need.communityId && r.communityId === need.communityId
		}))
		.sort(
			(a, b) =>
				Number(b.matchesCommunity) - Number(a.matchesCommunity) ||
				a.kind.localeCompare(b.kind) ||
				a.name.localeCompare(b.name, 'zh-CN')
		)
		.slice(0, MAX_SUGGESTIONS);
}
