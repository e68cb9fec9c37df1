/** Structured JSON logs (pino). One logger per process, shared by the server and SvelteKit. */
import pino from 'pino';
import { config } from '../config';

const KEY = Symbol.for('yiting.logger');
type G = typeof globalThis & { [KEY]?: pino.Logger };

export const logger: pino.Logger =
	(globalThis as G)[KEY] ??
	((globalThis as G)[KEY] = pino({
		level: config.logLevel,
		base: { app: 'yiting' },
		// Never log credentials, even if a caller passes a whole header object.
		redact: ['req.headers.cookie', 'req.headers.authorization', '*.password', '*.token']
	}));
