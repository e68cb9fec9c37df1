import type { Cookies } from '@sveltejs/kit';
import { SESSION_COOKIE, sessionCookieOptions } from './session';

/** Set the session cookie: httpOnly, SameSite=Lax, Secure over HTTPS. */
export function setSessionCookie(cookies: Cookies, url: URL, token: string, expiresAt: Date): void {
	cookies.set(SESSION_COOKIE, token, sessionCookieOptions(url.protocol === 'https:', expiresAt));
}

export function clearSessionCookie(cookies: Cookies): void {
	cookies.delete(SESSION_COOKIE, { path: '/' });
}

/** The language and elder-mode choice of someone not signed in. */
export const LANG_COOKIE = 'yt_lang';
export const ELDER_COOKIE = 'yt_elder';
