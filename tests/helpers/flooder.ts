/**
 * One abusive participant, in its own process (so that its sending loop does not slow the test
 * process, which times the others): signs into a hall and, while told "on" on stdin, sends raised
 * and lowered hands as fast as the socket takes them, up to WINDOW unanswered at once; closed by
 * the server, it connects again and goes on. On "quit" it prints what it was answered
 * (`{ "ok": n, "rate_limited": n, "disconnected": n, … }`) and exits.
 *
 * Run: node --import tsx tests/helpers/flooder.ts <url> <cookie> <meetingId>
 */
import readline from 'node:readline';
import { io } from 'socket.io-client';
import type { Result } from '../../src/lib/shared/result';

const [url, cookie, meetingId] = process.argv.slice(2) as [string, string, string];
const WINDOW = 400;
const answers: Record<string, number> = {};
let on = false;
let inFlight = 0;
let n = 0;
let quitting = false;

const s = io(url, {
	transports: ['websocket'],
	extraHeaders: { cookie, origin: url },
	reconnection: false,
	forceNew: true
});
s.on('connect_error', (err) => {
	console.error(`flooder could not connect: ${err.message}`);
	process.exit(1);
});
let joins = 0;
s.on('connect', async () => {
	// In the hall once. Joining again on every connection would also be let through 40 hands on
	// each (a fresh bucket): the person-wide limit's business, not this connection's.
	if (joins > 0) return pump();
	const joined = (await s
		.timeout(10_000)
		.emitWithAck('hall:join', { id: `flood-join-${joins}`, meetingId })
		.catch(() => null)) as Result<unknown> | null;
	if (!joined) return; // closed again before it was in: the next connect tries again
	if (!joined.ok) {
		console.error(`flooder could not join: ${JSON.stringify(joined)}`);
		process.exit(1);
	}
	joins++;
	console.log('ready');
});
// Closed for flooding: straight back in, and on with it.
s.on('disconnect', () => {
	inFlight = 0;
	answers.disconnected = (answers.disconnected ?? 0) + 1;
	if (!quitting) s.connect();
});

function pump(): void {
	while (on && inFlight < WINDOW) {
		inFlight++;
		n++;
		s.emit(
			'hall:hand',
			{ id: `flood-${n}`, meetingId, raise: n % 2 === 0 },
			(r: Result<unknown>) => {
				inFlight--;
				const key = r.ok ? 'ok' : r.error.code;
				answers[key] = (answers[key] ?? 0) + 1;
				if (on && inFlight < WINDOW / 2) setImmediate(pump);
			}
		);
	}
}

readline.createInterface({ input: process.stdin }).on('line', (line) => {
	if (line === 'on') {
		on = true;
		pump();
	} else if (line === 'off') on = false;
	else if (line === 'quit') {
		quitting = true;
		console.log(JSON.stringify({ sent: n, ...answers }));
		s.close();
		process.exit(0);
	}
});
