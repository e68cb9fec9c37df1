/**
 * One place decides what happens to every websocket upgrade on Yiting's port:
 * `/socket.io/` → engine.io (which checks Origin and session in allowRequest),
 * `/yjs/<name>` → Origin, session and document permission here, then the Yjs server,
 * anything else → left to Vite's HMR in dev, refused in production.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Server as Engine } from 'engine.io';
import type { Db } from '../src/lib/server/db';
import { authenticate, loadActor } from '../src/lib/server/auth/session';
import { isEncrypted, websocketOriginOk } from '../src/lib/server/auth/origin';
import type { DocAccessResolver } from '../src/lib/server/docs/access';
import type { YjsServer } from './yjs/server';

export interface UpgradeDeps {
	db: Db;
	engine: Engine;
	yjs: YjsServer;
	/** Who may open which shared document (built from the domains' document kinds). */
	docAccess: DocAccessResolver;
	origins: string[];
	/** In dev, unknown upgrades belong to Vite (HMR); in production they are refused. */
	dev: boolean;
}

function refuse(socket: Duplex, status: number, text: string): void {
	socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export function createUpgradeRouter(deps: UpgradeDeps) {
	return (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
		const path = (req.url ?? '/').split('?')[0] ?? '/';
		const ours = path.startsWith('/socket.io/') || path.startsWith('/yjs/');
		// Browsers always send Origin on a websocket handshake; once ORIGIN names where our pages
		// live, a handshake without one did not come from them (socket.io upgrades from polling skip allowRequest).
		if (ours && deps.origins.length && req.headers.origin === undefined)
			return refuse(socket, 403, 'Forbidden');
		if (path.startsWith('/socket.io/')) {
			deps.engine.handleUpgrade(req, socket, head);
			return;
		}
		if (path.startsWith('/yjs/')) {
			upgradeYjs(deps, req, socket, head, path.slice('/yjs/'.length));
			return;
		}
		if (!deps.dev) refuse(socket, 404, 'Not Found');
	};
}

function upgradeYjs(
	deps: UpgradeDeps,
	req: IncomingMessage,
	socket: Duplex,
	head: Buffer,
	rawName: string
) {
	socket.on('error', () => socket.destroy());
	if (!websocketOriginOk(req.headers, isEncrypted(req), deps.origins))
		return refuse(socket, 403, 'Forbidden');
	const auth = authenticate(deps.db, {
		cookie: req.headers.cookie,
		authorization: req.headers.authorization
	});
	if (!auth) return refuse(socket, 401, 'Unauthorized');
	let name: string;
	try {
		name = decodeURIComponent(rawName);
	} catch {
		return refuse(socket, 400, 'Bad Request');
	}
	const access = deps.docAccess(deps.db, loadActor(deps.db, auth.user.id), name);
	if (!access) return refuse(socket, 403, 'Forbidden');
	deps.yjs.handleUpgrade(req, socket, head, name, {
		userId: auth.user.id,
		sessionId: auth.session?.id ?? null,
		tokenId: auth.tokenId,
		readOnly: access === 'read'
	});
}
