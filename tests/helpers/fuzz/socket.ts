/**
 * socket.io input for the fuzz runs: random events and payloads through the real client, and
 * mutated raw engine.io/socket.io packets on a bare websocket.
 */
import WebSocket from 'ws';
import fc from 'fast-check';
import type { ErrorCode, Result } from '../../../src/lib/shared/result';
import { bytes, mutated } from './bytes';
import { BARRIER_MS } from './server';

const ERROR_CODES: ErrorCode[] = [
	'bad_request',
	'unauthorized',
	'forbidden',
	'not_found',
	'conflict',
	'rate_limited',
	'internal'
];
const eventName = fc.oneof(
	fc.constantFrom('presence:join', 'presence:update', 'presence:leave'),
	fc.constantFrom('presence:join', 'presence:update', 'presence:leave'),
	fc.constantFrom(
		'toString',
		'__proto__',
		'constructor',
		'hasOwnProperty',
		'valueOf',
		'session:ended',
		'presence:changed',
		'error'
	),
	fc.string({ maxLength: 24 })
);
const nearPayload = (committeeId: string) =>
	fc
		.record(
			{
				id: fc.oneof(fc.string({ maxLength: 70 }), fc.integer(), fc.constant(undefined)),
				committeeId: fc.oneof(
					fc.constant('$COMMITTEE'),
					fc.string({ maxLength: 70 }),
					fc.jsonValue({ maxDepth: 1 })
				),
				status: fc.oneof(
					fc.constantFrom('online', 'away', 'busy', ''),
					fc.anything({ maxDepth: 1 })
				),
				extra: fc.anything({ maxDepth: 1 })
			},
			{ requiredKeys: [] }
		)
		.map(
			(o) =>
				JSON.parse(
					JSON.stringify(o).replace('"$COMMITTEE"', JSON.stringify(committeeId))
				) as unknown
		);
/** Well-formed events with random ids and statuses: exercise permission, de-duplication and the handlers. */
const wellFormed = (committeeId: string) =>
	fc
		.oneof(
			fc.record({
				id: fc.string({ minLength: 1, maxLength: 8 }),
				committeeId: fc.constantFrom('$COMMITTEE', 'elsewhere')
			}),
			fc.record({
				id: fc.string({ minLength: 1, maxLength: 8 }),
				committeeId: fc.constantFrom('$COMMITTEE', 'elsewhere'),
				status: fc.constantFrom('online', 'away')
			})
		)
		.map(
			(o) =>
				JSON.parse(
					JSON.stringify(o).replace('"$COMMITTEE"', JSON.stringify(committeeId))
				) as unknown
		);
const eventArgs = (committeeId: string) =>
	fc.oneof(
		fc.tuple(wellFormed(committeeId)),
		fc.tuple(wellFormed(committeeId)),
		fc.tuple(nearPayload(committeeId)),
		fc.tuple(nearPayload(committeeId)),
		fc.tuple(fc.jsonValue({ maxDepth: 2 })),
		fc.tuple(fc.jsonValue({ maxDepth: 1 }), fc.jsonValue({ maxDepth: 1 })),
		fc.constant([] as unknown[])
	);
/** A socket.io event: a name, its arguments (some naming the committee), and whether an ack is asked for. */
export const sioEvent = (committeeId: string) =>
	fc.record({
		name: eventName,
		args: eventArgs(committeeId),
		withAck: fc.constantFrom(true, true, true, true, false)
	});

/** Mutations of real socket.io packets (engine.io "4" message + socket.io "2" event). */
export const rawPacket = fc.oneof(
	mutated(new TextEncoder().encode(`421["presence:join",{"id":"a","committeeId":"C"}]`)).map((b) =>
		Buffer.from(b).toString('latin1')
	),
	fc.string({ maxLength: 40 }).map((s) => `42${s}`),
	fc.string({ maxLength: 40 }).map((s) => `4${s}`),
	fc.string({ maxLength: 40 }),
	fc.jsonValue({ maxDepth: 2 }).map((v) => `42${JSON.stringify(v)}`),
	fc.jsonValue({ maxDepth: 2 }).map((v) => `427${JSON.stringify(['presence:update', v])}`),
	fc.constantFrom(
		'451-["presence:join",{"_placeholder":true,"num":0}]',
		'4999-["x"]',
		'42/admin,["x"]',
		'41',
		'40',
		'2',
		'3',
		'6',
		'1',
		'42["disconnect"]',
		'42[1,2,3]'
	),
	bytes(32).map((b) => Buffer.from(b))
);

export function checkResult(r: Result<unknown>, ev: unknown): string {
	if (!r || typeof r !== 'object' || typeof r.ok !== 'boolean')
		throw new Error(`not a Result: ${JSON.stringify(r)} for ${JSON.stringify(ev)}`);
	if (r.ok) return 'ok';
	if (
		!ERROR_CODES.includes(r.error.code) ||
		typeof r.error.message !== 'string' ||
		!r.error.message
	) {
		throw new Error(`bad error ${JSON.stringify(r)} for ${JSON.stringify(ev)}`);
	}
	return r.error.code;
}

/** A bare engine.io/socket.io client: connects to the main namespace, then sends raw packets. */
export class RawSio {
	closed = false;
	acks = new Set<number>();
	private constructor(readonly ws: WebSocket) {
		ws.on('close', () => (this.closed = true));
		ws.on('error', () => {});
		ws.on('message', (d: Buffer, isBinary) => {
			if (isBinary) return;
			const s = d.toString();
			if (s === '2') ws.send('3'); // engine.io ping
			const m = /^43(\d+)/.exec(s);
			if (m) this.acks.add(Number(m[1]));
		});
	}

	static async open(url: string, headers: Record<string, string>): Promise<RawSio> {
		const ws = new WebSocket(url, { headers });
		const conn = new RawSio(ws);
		const connected = new Promise<void>((resolve, reject) => {
			ws.on('message', (d: Buffer) => {
				const s = d.toString();
				if (s.startsWith('0')) ws.send('40');
				if (s.startsWith('40')) resolve();
				if (s.startsWith('44')) reject(new Error(`connect refused: ${s}`));
			});
			ws.once('unexpected-response', (_q, res) =>
				reject(new Error(`upgrade refused ${res.statusCode}`))
			);
		});
		await connected;
		return conn;
	}

	/** Send a packet, then an acknowledged event; wait for its ack or the close. */
	async exchange(packet: string | Buffer, n: number): Promise<void> {
		const ackId = 100_000 + n;
		this.ws.send(packet);
		this.ws.send(
			`42${ackId}["presence:update",{"id":"barrier-${n}","committeeId":"x","status":"online"}]`
		);
		// "41…" may leave the namespace while the connection stays: then nothing answers, rightly.
		const leaves = packet.toString().startsWith('41');
		const deadline = Date.now() + (leaves ? 1000 : BARRIER_MS);
		while (!this.acks.has(ackId) && !this.closed) {
			if (Date.now() > deadline) {
				if (leaves) {
					this.ws.terminate();
					this.closed = true;
					return;
				}
				throw new Error(
					`no answer within ${BARRIER_MS} ms after packet ${JSON.stringify(packet.toString())}`
				);
			}
			await new Promise((r) => setTimeout(r, 1));
		}
	}
}
