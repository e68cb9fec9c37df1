/**
 * engine.io keeps each connection's upgrade request (`conn.request`: the IncomingMessage with
 * its headers twice over, raw and parsed, and its stream state) for the connection's whole
 * life, but socket.io reads only a few of its fields, when a namespace is joined (the
 * handshake). Keeping just those takes about a kilobyte off every connected participant.
 */
import type { IncomingMessage } from 'node:http';
import { isEncrypted } from '../../src/lib/server/auth/origin';

/** What socket.io's handshake and our authentication read of the request. */
export interface SlimRequest {
	headers: Pick<IncomingMessage['headers'], 'cookie' | 'authorization' | 'origin'>;
	url: string | undefined;
	connection: { encrypted: boolean };
	_query: Record<string, string>;
}

export function slimRequest(req: IncomingMessage): SlimRequest {
	const { cookie, authorization, origin } = req.headers;
	return {
		headers: { cookie, authorization, origin },
		url: req.url,
		connection: { encrypted: isEncrypted(req) },
		_query: (req as IncomingMessage & { _query?: Record<string, string> })._query ?? {}
	};
}
