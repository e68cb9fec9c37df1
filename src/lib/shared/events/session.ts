/** The connection's own session. */

export interface SessionServerEvents {
	/** The session behind this connection ended (logout, revocation); the server disconnects next. */
	'session:ended': (payload: { reason: 'logout' | 'revoked' }) => void;
}
