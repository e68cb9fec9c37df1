/**
 * The navigation each person sees, from what the permission module lets them do. Elder mode
 * shows only the `primary` items, as big buttons. On phones the `tab` items make the bottom
 * tab bar (as in WeChat mini-programs) and the rest sit under 更多.
 */
import type { MessageKey } from '../i18n';
import { can, type Actor } from './permissions';

export interface NavItem {
	href: string;
	label: MessageKey;
	hint: MessageKey;
	primary: boolean;
	/** A candidate for the phone's bottom tab bar. */
	tab: boolean;
	/** A shorter label for the tab, where the full one would wrap at a fifth of a phone's width. */
	tabLabel?: MessageKey;
}

/** Four tabs and 更多 fit a 390 px phone with targets of at least 56 px in elder mode. */
export const PHONE_TABS = 4;

/** The phone's bottom tabs (home, needs, meetings, then the person's own workspace or 通知) and the rest. */
export function phoneTabs(items: NavItem[]): { tabs: NavItem[]; more: NavItem[] } {
	const tabs = items.filter((i) => i.tab).slice(0, PHONE_TABS);
	return { tabs, more: items.filter((i) => !tabs.includes(i)) };
}

const actsForAUnit = (actor: Actor, committeeId: string) =>
	actor.roles.some(
		(r) =>
			r.committeeId === committeeId && (r.role === 'liaison' || r.role === 'member') && !!r.unitId
	);

export function navFor(actor: Actor | null, committeeId: string | null): NavItem[] {
	if (!actor || !committeeId) return [];
	const scope = { committeeId };
	const items: NavItem[] = [
		{ href: '/', label: 'nav.home', hint: 'app.tagline', primary: true, tab: true }
	];
	items.push({
		href: '/needs',
		label: 'nav.needs',
		hint: can(actor, 'need.manage', scope) ? 'home.card.needsStaff' : 'home.card.needs',
		primary: true,
		tab: true,
		tabLabel: 'nav.needsTab'
	});
	items.push({
		href: '/meetings',
		label: 'nav.meetings',
		hint: 'home.card.meetings',
		primary: true,
		tab: true
	});
	// Votes and resolutions sit under 更多 on phones: the tab bar keeps the daily four.
	items.push({
		href: '/votes',
		label: 'nav.votes',
		hint: 'home.card.votes',
		primary: can(actor, 'vote.cast', scope),
		tab: false
	});
	items.push({
		href: '/resolutions',
		label: 'nav.resolutions',
		hint: 'home.card.resolutions',
		primary: false,
		tab: false
	});
	// Execution: tasks for the staff who carry them out or follow them; supervision, the
	// dashboard and the quarter's projects (open to residents: 阳光财务).
	if (can(actor, 'task.view', scope))
		items.push({
			href: '/tasks',
			label: 'nav.tasks',
			hint: 'home.card.tasks',
			primary: can(actor, 'task.dispatch', scope) || actsForAUnit(actor, committeeId),
			tab: false
		});
	if (can(actor, 'supervision.view', scope))
		items.push({
			href: '/supervision',
			label: 'nav.supervision',
			hint: 'home.card.supervision',
			primary: can(actor, 'notice.issue', scope) && !can(actor, 'task.dispatch', scope),
			tab: false
		});
	// Units answer supervision notices: their list is theirs to open (the list of tasks is not).
	if (!can(actor, 'supervision.view', scope) && actsForAUnit(actor, committeeId))
		items.push({
			href: '/supervision/notices',
			label: 'nav.notices',
			hint: 'home.card.notices',
			primary: false,
			tab: false
		});
	if (can(actor, 'standings.view', scope))
		items.push({
			href: '/units/standings',
			label: 'nav.standings',
			hint: 'home.card.standings',
			primary: false,
			tab: false
		});
	if (can(actor, 'dashboard.view', scope))
		items.push({
			href: '/dashboard',
			label: 'nav.dashboard',
			hint: 'home.card.dashboard',
			primary: false,
			tab: false
		});
	if (can(actor, 'evaluation.view', scope))
		items.push({
			href: '/evaluation',
			label: 'nav.evaluation',
			hint: 'home.card.evaluation',
			primary: false,
			tab: false
		});
	if (can(actor, 'project.view', scope))
		items.push({
			href: '/projects',
			label: 'nav.projects',
			hint: 'home.card.projects',
			primary: false,
			tab: false
		});
	const liaisonOf = actor.roles.find(
		(r) => r.committeeId === committeeId && r.role === 'liaison'
	)?.unitId;
	if (liaisonOf)
		items.push({
			href: `/units/${liaisonOf}`,
			label: 'nav.myUnit',
			hint: 'home.card.myUnit',
			primary: true,
			tab: true
		});
	if (can(actor, 'unit.view', scope))
		items.push({
			href: '/units',
			label: 'nav.units',
			hint: 'home.card.units',
			primary: !liaisonOf,
			tab: false
		});
	if (can(actor, 'org.manage', scope))
		items.push({
			href: '/admin',
			label: 'nav.admin',
			hint: 'home.card.admin',
			primary: true,
			tab: true
		});
	else if (can(actor, 'people.view', scope))
		items.push({
			href: '/admin/people',
			label: 'nav.people',
			hint: 'home.card.people',
			primary: true,
			tab: true
		});
	// Notifications stay in elder mode: the bell alone says less than a labelled item.
	items.push({
		href: '/notifications',
		label: 'nav.notifications',
		hint: 'home.card.notifications',
		primary: true,
		tab: true
	});
	items.push({
		href: '/settings',
		label: 'nav.settings',
		hint: 'home.card.settings',
		primary: true,
		tab: false
	});
	return items;
}
