/** The roles a person may hold in a committee (see DOMAIN.md). Order is display order. */
export const ROLES = [
	'admin',
	'chair',
	'member',
	'liaison',
	'recorder',
	'supervisor',
	'resident'
] as const;
export type Role = (typeof ROLES)[number];

/** Roles that belong to a member unit. */
export const UNIT_ROLES: readonly Role[] = ['member', 'liaison'];
