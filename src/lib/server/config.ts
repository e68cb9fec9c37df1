/**
 * Yiting is configured only through environment variables; each one is documented in the
 * README with its default. Read them here and nowhere else.
 */
import path from 'node:path';

export interface Config {
	/** Where the SQLite database and (later) uploads and key files live. */
	dataDir: string;
	/** Seed the demo committee into an empty database. */
	seedDemo: boolean;
	/** Public origins allowed to make cookie-authenticated requests and realtime handshakes. Empty: same host only. */
	origins: string[];
	logLevel: string;
	/** Idle session lifetime (sliding), in milliseconds. */
	sessionIdleMs: number;
	/** Absolute session lifetime, in milliseconds. */
	sessionAbsoluteMs: number;
	/** The committee's time zone: how times are shown and how typed times are read. */
	timeZone: string;
	/** The bearer token a Prometheus scraper sends to `GET /metrics`; unset: no metrics route. */
	metricsToken: string | undefined;
}

const DAY = 24 * 60 * 60 * 1000;

function list(value: string | undefined): string[] {
	return (value ?? '')
		.split(',')
		.map((s) => s.trim().replace(/\/$/, ''))
		.filter(Boolean);
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
	return {
		dataDir: path.resolve(env.DATA_DIR || './data'),
		seedDemo: env.SEED_DEMO !== '0',
		origins: [...list(env.ORIGIN), ...list(env.ALLOWED_ORIGINS)],
		logLevel: env.LOG_LEVEL || 'info',
		sessionIdleMs: Number(env.SESSION_IDLE_DAYS || 14) * DAY,
		sessionAbsoluteMs: Number(env.SESSION_MAX_DAYS || 60) * DAY,
		timeZone: env.TIME_ZONE || 'Asia/Shanghai',
		metricsToken: env.METRICS_TOKEN || undefined
	};
}

export const config = readConfig();
