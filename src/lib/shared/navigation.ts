/**
 * The navigation each person sees, from what the permission module lets them do. Elder mode
 * shows only the `primary` items, as big buttons.
 */
import type { MessageKey } from '../i18n';
import { can, type Actor } from './permissions';

export interface NavItem {
	href: string;
	label: MessageKey;
	hint: MessageKey;
	primary: boolean;
}

export function navFor(actor: Actor | null, committeeId: string | null): NavItem[] {
	if (!actor || !committeeId) return [];
	const scope = { committeeId };
	const items: NavItem[] = [{ href: '/', label: 'nav.home', hint: 'app.tagline', primary: true }];
	items.push({
		href: '/needs',
		label: 'nav.needs',
		hint: can(actor, 'need.manage', scope) ? 'home.card.needsStaff' : 'home.card.needs',
		primary: true
	});
	items.push({ href: '/meetings', label: 'nav.meetings', hint: 'home.card.meetings', primary: true });
	const liaisonOf = actor.roles.find((r) => r.committeeId === committeeId && r.role === 'liaison')?.unitId;
	if (liaisonOf) items.push({ href: `/units/${liaisonOf}`, label: 'nav.myUnit', hint: 'home.card.myUnit', primary: true });
	if (can(actor, 'unit.view', scope)) items.push({ href: '/units', label: 'nav.units', hint: 'home.card.units', primary: !liaisonOf });
	if (can(actor, 'org.manage', scope)) items.push({ href: '/admin', label: 'nav.admin', hint: 'home.card.admin', primary: true });
	else if (can(actor, 'people.view', scope)) items.push({ href: '/admin/people', label: 'nav.people', hint: 'home.card.people', primary: true });
	items.push({ href: '/notifications', label: 'nav.notifications', hint: 'home.card.notifications', primary: false });
	items.push({ href: '/settings', label: 'nav.settings', hint: 'home.card.settings', primary: true });
	return items;
}
