/** Changes to a committee's organisation (communities, grids, units, people, invites). */

export type OrgEntity = 'community' | 'grid' | 'unit' | 'person' | 'invite';

export interface OrgServerEvents {
	/** An admin changed the organisation: lists showing it should refresh. */
	'org:changed': (payload: { committeeId: string; entity: OrgEntity; id: string }) => void;
}
