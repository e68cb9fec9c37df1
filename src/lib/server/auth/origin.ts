/**
 * Origin checks against cross-site request forgery and cross-site websocket hijacking.
 * With ORIGIN / ALLOWED_ORIGINS set, only those origins pass; otherwise an origin passes when it
 * is exactly the origin (scheme, host and port) the request was sent to.
 */
export function isAllowedOrigin(
	origin: string,
	expected: string | undefined,
	allowlist: string[]
): boolean {
	let parsed: URL;
	try {
		parsed = new URL(origin);
	} catch {
		return false;
	}
	if (parsed.origin === 'null') return false;
	if (allowlist.length) return allowlist.includes(parsed.origin);
	return !!expected && parsed.origin === expected.toLowerCase();
}

/**
 * A websocket handshake passes when its Origin is allowed. Browsers always send Origin on
 * websocket handshakes; a handshake without one comes from a non-browser client, which cannot
 * be made to carry a victim's cookie, so it passes on to authentication here — unless ORIGIN is
 * set, where server/upgrade.ts refuses it before this check.
 */
export function websocketOriginOk(
	headers: { origin?: string; host?: string },
	encrypted: boolean,
	allowlist: string[]
): boolean {
	if (headers.origin === undefined) return true;
	const expected = headers.host ? `${encrypted ? 'https' : 'http'}://${headers.host}` : undefined;
	return isAllowedOrigin(headers.origin, expected, allowlist);
}

/** Did the request arrive over TLS (at this process)? */
export function isEncrypted(req: { socket: object }): boolean {
	return 'encrypted' in req.socket && req.socket.encrypted === true;
}
