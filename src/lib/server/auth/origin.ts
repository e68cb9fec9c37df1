/**
 * Origin checks against cross-site request forgery and cross-site websocket hijacking.
 * With ORIGIN / ALLOWED_ORIGINS set, only those origins pass; otherwise an origin passes when
 * its host is the Host the request was sent to.
 */
export function isAllowedOrigin(origin: string, host: string | undefined, allowlist: string[]): boolean {
	let parsed: URL;
	try {
		parsed = new URL(origin);
	} catch {
		return false;
	}
	if (allowlist.length) return allowlist.includes(parsed.origin);
	return !!host && parsed.host === host.toLowerCase();
}

/**
 * A websocket handshake passes when its Origin is allowed. Browsers always send Origin on
 * websocket handshakes; a handshake without one comes from a non-browser client, which cannot
 * be made to carry a victim's cookie, so it passes on to authentication.
 */
export function websocketOriginOk(
	headers: { origin?: string; host?: string },
	allowlist: string[]
): boolean {
	return headers.origin === undefined || isAllowedOrigin(headers.origin, headers.host, allowlist);
}
