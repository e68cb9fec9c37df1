/** A person's account as others may touch it: the secretary issues password-reset links. */
import { has, type Rule } from './rule';

export const ACCOUNT_ACTIONS = ['account.resetPassword'] as const;
export type AccountAction = (typeof ACCOUNT_ACTIONS)[number];

export const accountRules: Record<AccountAction, Rule> = {
	// A one-time link to set a new password: the secretary (the admin role), no one else.
	'account.resetPassword': (g) => has(g, 'admin')
};
