/**
 * One abusive participant, in its own process (so that its sending loop does not slow the test
 * process, which times the others): signs into a hall and, while told "on" on stdin, sends raised
 * and lowered hands as fast as the socket takes them, up to WINDOW unanswered at once. On "quit"
 * it prints what it was answered (`{ "ok": n, "rate_limited": n, … }`) and exits.
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
s.on('connect', async () => {
	const joined = (await s
		.timeout(10_000)
		.emitWithAck('hall:join', { id: 'flood-join', meetingId })) as Result<unknown>;
	if (!joined.ok) {
		console.error(`flooder could not join: ${JSON.stringify(joined)}`);
		process.exit(1);
	}
	console.log('ready');
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
		console.log(JSON.stringify({ sent: n, ...answers }));
		s.close();
		process.exit(0);
	}
});
