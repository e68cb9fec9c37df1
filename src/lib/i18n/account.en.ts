/** English — a person's own account: password change, reset links, signed-in devices. */
import type { accountZhCN } from './account.zh-CN';

export const accountEn: Record<keyof typeof accountZhCN, string> = {
	'err.account.mismatch': 'The two new passwords are not the same',
	'err.account.wrongPassword': 'The current password is not right',
	'err.account.samePassword': 'The new password must differ from the current one',
	'err.account.resetInvalid':
		'This link no longer works (it was used or has expired): ask the secretary for a new one',
	'account.security': 'Account security',
	'account.securityIntro': 'Change your password; see and end sign-ins on other devices.',
	'account.password.title': 'Change password',
	'account.password.intro':
		'Afterwards every other device signed in to your account is signed out; this one stays signed in.',
	'account.password.current': 'Current password',
	'account.password.new': 'New password',
	'account.password.confirm': 'New password again',
	'account.password.submit': 'Change password',
	'account.password.changed': 'Password changed. Sign-ins ended on other devices: {count}.',
	'account.sessions.title': 'Signed-in devices',
	'account.sessions.intro':
		'These devices are signed in to your account. If you do not know one, end it and change your password.',
	'account.sessions.current': 'This device',
	'account.sessions.unknownDevice': 'Unknown device',
	'account.sessions.address': 'Network address {address}',
	'account.sessions.signedIn': 'Signed in {date}',
	'account.sessions.lastSeen': 'Last active {date}',
	'account.sessions.end': 'Sign out',
	'account.sessions.endOne': 'Sign out: {device}',
	'account.sessions.endOthers': 'Sign out all other devices',
	'account.sessions.ended': 'Sign-ins ended: {count}.',
	'account.sessions.none': 'No other device is signed in to your account.',
	'account.reset.issue': 'Reset password',
	'account.reset.issueFor': 'Reset password: {name}',
	'account.reset.issued':
		'Password-reset link for {name} (shown only this once, good for {hours} hours, works once):',
	'account.reset.handOver':
		'Hand it to the person directly or over a channel you trust; never in a group chat.',
	'account.reset.title': 'Set a new password',
	'account.reset.for': 'Account: {login} ({name})',
	'account.reset.intro':
		'Afterwards this account is signed out on every device: sign in again with the new password.',
	'account.reset.submit': 'Set new password',
	'account.reset.done': 'Your new password is set. Sign in with it.',
	'account.reset.invalidTitle': 'This link no longer works',
	'account.reset.signIn': 'Sign in'
};
