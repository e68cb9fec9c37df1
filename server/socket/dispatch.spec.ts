import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { AppError } from '../../src/lib/server/errors';
import { translate, type Locale } from '../../src/lib/i18n';
import type { Result } from '../../src/lib/shared/result';
import {
	createDispatcher,
	FLOOD_REFUSALS,
	type Caller,
	type Dedupe,
	type Routes
} from './dispatch';
import { TokenBucket } from './rate-limit';
import { RECENT_MS } from './recent';

const id = z.string().min(1).max(64);
const schemas = {
	'test:add': z.strictObject({ id, n: z.number() }),
	'test:enter': z.strictObject({ id }),
	'test:join': z.strictObject({ id }),
	'test:fail': z.strictObject({ id, with: z.enum(['forbidden', 'conflict', 'crash']) }),
	'test:later': z.strictObject({ id, fail: z.boolean() })
};
type P = { [E in keyof typeof schemas]: z.infer<(typeof schemas)[E]> };
type R = {
	'test:add': number;
	'test:enter': string;
	'test:join': string;
	'test:fail': null;
	'test:later': string;
};

function setup(options: { capacity?: number } = {}) {
	let clock = 1_000_000;
	const log = { error: vi.fn() };
	let total = 0;
	const runs: string[] = [];
	const later: (() => void)[] = [];
	const rule = (dedupe: Dedupe) => ({ dedupe, cost: 1 });
	const routes: Routes<Caller, P, R> = {
		'test:add': { ...rule('person'), run: (_s, p) => (runs.push(p.id), (total += p.n)) },
		'test:enter': { ...rule('none'), run: (s, p) => (runs.push(p.id), s.id) },
		'test:join': { ...rule('connection'), run: (s, p) => (runs.push(p.id), s.id) },
		'test:fail': {
			...rule('person'),
			run: (_s, p) => {
				runs.push(p.id);
				if (p.with === 'forbidden') throw new AppError(403, 'err.forbidden');
				if (p.with === 'conflict') throw new AppError(409, 'err.ownQuestion');
				throw new Error('the database went away');
			}
		},
		// Answers once a batch is written (as a ballot does): the promise settles later.
		'test:later': {
			...rule('person'),
			run: (_s, p) => {
				runs.push(p.id);
				return new Promise<string>((resolve, reject) =>
					later.push(() =>
						p.fail ? reject(new AppError(409, 'err.vote.alreadyVoted')) : resolve(p.id)
					)
				);
			}
		}
	};
	const dispatch = createDispatcher<Caller, P, R>(schemas, routes, { log, now: () => clock });
	const connect = (userId: string, socketId: string, locale: Locale = 'en'): Caller => ({
		id: socketId,
		data: { userId, locale, bucket: new TokenBucket(options.capacity ?? 40, 20, () => clock) }
	});
	/** Send an event with an acknowledgement and return what it was answered. */
	const send = (socket: Caller, event: string, ...payload: unknown[]) => {
		const answers: Result<unknown>[] = [];
		dispatch(socket, event, [...payload, (r: Result<unknown>) => answers.push(r)]);
		expect(answers).toHaveLength(1);
		return answers[0]!;
	};
	const advance = (ms: number) => (clock += ms);
	return { send, connect, dispatch, runs, log, advance, later };
}

const refusal = (code: string, locale: Locale, key: Parameters<typeof translate>[1]) => ({
	ok: false,
	error: { code, message: translate(locale, key) }
});

describe('dispatch', () => {
	it('runs a valid event and acknowledges its value', () => {
		const { send, connect, runs } = setup();
		const a = connect('u1', 's1');
		expect(send(a, 'test:add', { id: 'e1', n: 2 })).toEqual({ ok: true, value: 2 });
		expect(send(a, 'test:add', { id: 'e2', n: 3 })).toEqual({ ok: true, value: 5 });
		expect(runs).toEqual(['e1', 'e2']);
	});

	it('acknowledges a value that comes later, a refusal too, and gives a retry sent meanwhile the same answer without running again', async () => {
		const { dispatch, connect, runs, later } = setup();
		const a = connect('u1', 's1');
		const answers: [string, Result<unknown>][] = [];
		const sendLater = (socket: Caller, id: string, fail: boolean) =>
			dispatch(socket, 'test:later', [{ id, fail }, (r: Result<unknown>) => answers.push([id, r])]);
		sendLater(a, 'l1', false);
		sendLater(a, 'l2', true);
		sendLater(connect('u1', 's2'), 'l1', false); // the same person retries on another connection
		expect(answers).toEqual([]);
		expect(runs).toEqual(['l1', 'l2']);
		for (const settle of later.splice(0)) settle();
		await new Promise((r) => setTimeout(r, 0));
		expect(answers).toEqual([
			['l1', { ok: true, value: 'l1' }],
			['l1', { ok: true, value: 'l1' }],
			['l2', refusal('conflict', 'en', 'err.vote.alreadyVoted')]
		]);
	});

	it('answers an invalid payload bad_request in the person’s language without running', () => {
		const { send, connect, runs } = setup();
		const en = connect('u1', 's1', 'en');
		const zh = connect('u2', 's2', 'zh-CN');
		for (const bad of [
			{ id: 'e1' },
			{ id: 'e1', n: '2' },
			{ id: 'e1', n: 2, extra: true },
			null,
			'x'
		]) {
			expect(send(en, 'test:add', bad)).toEqual(refusal('bad_request', 'en', 'err.badEvent'));
		}
		expect(send(zh, 'test:add', { id: '', n: 1 })).toEqual(
			refusal('bad_request', 'zh-CN', 'err.badEvent')
		);
		// Exactly one payload before the acknowledgement.
		expect(send(en, 'test:add', { id: 'e2', n: 1 }, 'extra')).toEqual(
			refusal('bad_request', 'en', 'err.badEvent')
		);
		expect(send(en, 'test:add')).toEqual(refusal('bad_request', 'en', 'err.badEvent'));
		expect(runs).toEqual([]);
	});

	it('answers unknown events bad_request, own keys only', () => {
		const { send, connect } = setup();
		const a = connect('u1', 's1');
		for (const event of ['test:nope', 'toString', '__proto__', 'constructor']) {
			expect(send(a, event, { id: 'e1' })).toEqual(refusal('bad_request', 'en', 'err.badEvent'));
		}
	});

	it('does nothing for an event sent without an acknowledgement', () => {
		const { dispatch, connect, runs, send } = setup({ capacity: 1 });
		const a = connect('u1', 's1');
		dispatch(a, 'test:add', [{ id: 'e1', n: 1 }]);
		dispatch(a, 'test:nope', [{ id: 'e2' }]);
		expect(runs).toEqual([]);
		// Nor did it cost a token: the one in the bucket is still there.
		expect(send(a, 'test:add', { id: 'e3', n: 1 })).toEqual({ ok: true, value: 1 });
	});

	it('refuses events beyond the bucket rate_limited, malformed and unknown ones too, then lets them through as it refills', () => {
		const { send, connect, runs, advance } = setup({ capacity: 3 });
		const a = connect('u1', 's1');
		const b = connect('u2', 's2');
		expect(send(a, 'test:add', { id: 'e1', n: 1 }).ok).toBe(true);
		expect(send(a, 'test:add', { bad: true })).toEqual(
			refusal('bad_request', 'en', 'err.badEvent')
		);
		expect(send(a, 'test:nope', {})).toEqual(refusal('bad_request', 'en', 'err.badEvent'));
		const limited = refusal('rate_limited', 'en', 'err.rateLimited');
		expect(send(a, 'test:add', { id: 'e2', n: 1 })).toEqual(limited);
		expect(send(a, 'test:add', { bad: true })).toEqual(limited);
		expect(send(a, 'test:nope', {})).toEqual(limited);
		expect(runs).toEqual(['e1']);
		// Another connection has its own bucket.
		expect(send(b, 'test:add', { id: 'e3', n: 1 }).ok).toBe(true);
		// 20 tokens a second: one back after 50 ms.
		advance(50);
		expect(send(a, 'test:add', { id: 'e2', n: 1 }).ok).toBe(true);
		expect(send(a, 'test:add', { id: 'e4', n: 1 })).toEqual(limited);
	});

	it('closes a connection that goes on sending after FLOOD_REFUSALS.burst refusals, and no other', () => {
		const { send, connect } = setup({ capacity: 3 });
		const flooder = { ...connect('u1', 's1'), disconnect: vi.fn() };
		const eager = { ...connect('u2', 's2'), disconnect: vi.fn() };
		for (let i = 0; i < 3 + FLOOD_REFUSALS.burst; i++)
			send(flooder, 'test:add', { id: `f${i}`, n: 1 });
		for (let i = 0; i < 3 + 20; i++) send(eager, 'test:add', { id: `e${i}`, n: 1 });
		expect(flooder.disconnect).not.toHaveBeenCalled();
		// One refusal more than it may draw: closed, and still answered.
		expect(send(flooder, 'test:nope', {})).toEqual(
			refusal('rate_limited', 'en', 'err.rateLimited')
		);
		expect(flooder.disconnect).toHaveBeenCalledWith(true);
		expect(eager.disconnect).not.toHaveBeenCalled();
	});

	it('answers a retried id with the first answer without running again, per person', () => {
		const { send, connect, runs } = setup();
		const tab1 = connect('u1', 's1');
		const tab2 = connect('u1', 's2');
		const other = connect('u2', 's3');
		const first = send(tab1, 'test:add', { id: 'e1', n: 2 });
		expect(send(tab1, 'test:add', { id: 'e1', n: 2 })).toEqual(first);
		// The same person's other connection: still a retry.
		expect(send(tab2, 'test:add', { id: 'e1', n: 2 })).toEqual(first);
		// Someone else using the same id: theirs.
		expect(send(other, 'test:add', { id: 'e1', n: 2 })).toEqual({ ok: true, value: 4 });
		expect(runs).toEqual(['e1', 'e1']);
	});

	it('replays refusals from handlers too, but not validation failures', () => {
		const { send, connect, runs } = setup();
		const a = connect('u1', 's1');
		const first = send(a, 'test:fail', { id: 'e1', with: 'conflict' });
		expect(send(a, 'test:fail', { id: 'e1', with: 'conflict' })).toBe(first);
		expect(runs).toEqual(['e1']);
		expect(send(a, 'test:add', { id: 'e2' }).ok).toBe(false);
		expect(send(a, 'test:add', { id: 'e2', n: 1 })).toEqual({ ok: true, value: 1 });
	});

	it('recognises retries per connection or not at all, as each event declares', () => {
		const { send, connect, runs } = setup();
		const tab1 = connect('u1', 's1');
		const tab2 = connect('u1', 's2');
		expect(send(tab1, 'test:join', { id: 'j1' })).toEqual({ ok: true, value: 's1' });
		expect(send(tab1, 'test:join', { id: 'j1' })).toEqual({ ok: true, value: 's1' });
		// A retry on a new connection (the first dropped) takes effect there.
		expect(send(tab2, 'test:join', { id: 'j1' })).toEqual({ ok: true, value: 's2' });
		expect(send(tab1, 'test:enter', { id: 'n1' })).toEqual({ ok: true, value: 's1' });
		expect(send(tab1, 'test:enter', { id: 'n1' })).toEqual({ ok: true, value: 's1' });
		expect(runs).toEqual(['j1', 'j1', 'n1', 'n1']);
	});

	it('forgets answers after a minute', () => {
		const { send, connect, runs, advance } = setup();
		const a = connect('u1', 's1');
		send(a, 'test:add', { id: 'e1', n: 1 });
		advance(RECENT_MS - 1);
		expect(send(a, 'test:add', { id: 'e1', n: 1 })).toEqual({ ok: true, value: 1 });
		advance(2);
		send(a, 'test:add', { id: 'e2', n: 1 }); // any later answer sweeps the old ones
		expect(send(a, 'test:add', { id: 'e1', n: 1 })).toEqual({ ok: true, value: 3 });
		expect(runs).toEqual(['e1', 'e2', 'e1']);
	});

	it('maps a handler’s AppError to its code and message, and anything else to internal (logged)', () => {
		const { send, connect, log } = setup();
		const en = connect('u1', 's1', 'en');
		const zh = connect('u2', 's2', 'zh-CN');
		expect(send(en, 'test:fail', { id: 'e1', with: 'forbidden' })).toEqual(
			refusal('forbidden', 'en', 'err.forbidden')
		);
		expect(send(zh, 'test:fail', { id: 'e1', with: 'conflict' })).toEqual(
			refusal('conflict', 'zh-CN', 'err.ownQuestion')
		);
		expect(log.error).not.toHaveBeenCalled();
		expect(send(en, 'test:fail', { id: 'e2', with: 'crash' })).toEqual(
			refusal('internal', 'en', 'err.internal')
		);
		expect(log.error).toHaveBeenCalledWith(
			expect.objectContaining({ event: 'test:fail', err: expect.any(Error) }),
			'socket handler failed'
		);
	});
});

describe('text that cannot be stored', () => {
	it('refuses a NUL or a lone surrogate anywhere in a payload, before the handler runs', () => {
		const { send, connect, runs } = setup();
		const s = connect('u1', 's1', 'zh-CN');
		expect(send(s, 'test:enter', { id: 'a\u0000' })).toEqual(
			refusal('bad_request', 'zh-CN', 'err.badText')
		);
		expect(send(s, 'test:enter', { id: '\uD800x' })).toEqual(
			refusal('bad_request', 'zh-CN', 'err.badText')
		);
		expect(runs).toEqual([]);
		expect(send(s, 'test:enter', { id: '议厅😀' })).toEqual({ ok: true, value: 's1' });
	});
});
