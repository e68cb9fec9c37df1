/**
 * The votes benchmark's load generator child, pinned by bench/votes.ts to its own core. Every
 * voter and the chair is a real socket.io-client connection signed in by its session cookie;
 * the voters join the hall and check in (签到), so a vote for those present has them all on its
 * roll. For each vote the chair opens, in this order:
 *
 * 1. the baseline round: every voter checks in again (`hall:checkIn`, acknowledged, no write),
 *    the sends spread evenly over one second;
 * 2. the casting round: every voter casts (`vote:cast`), spread the same way;
 * 3. the baseline broadcast: the chair moves the agenda, timed to `hall:state` at every voter;
 * 4. the close: the chair closes, timed to `vote:changed` (closed) at every voter; the result the
 *    close returns is checked against the acknowledged ballots.
 *
 * Times are process.hrtime.bigint() in this one process.
 */
import type { Socket } from 'socket.io-client';
import { nowMs, sleep, type PhaseCpu } from './hall-shared';
import type { Progress } from './children';
import { emitAck, getJson, PhaseClock, pool, sioClient, Tracker, type Ack } from './load-kit';
import type { AckRound, Fanout, VoteKind, VoteRun, VotesConfig, VotesResult } from './votes-shared';
import type { VoteView } from '../src/lib/shared/votes/view';

type Out = VotesResult | Progress | { type: 'error'; message: string };
const send = (m: Out) => process.send!(m);
const log = (text: string) => send({ type: 'progress', text });

const KINDS: VoteKind[] = [
	{ label: 'named yes/no/abstain', method: 'yna', secret: false, liveResults: true },
	{ label: 'secret yes/no/abstain', method: 'yna', secret: true, liveResults: false },
	{
		label: 'secret ranked (Schulze, 8 options)',
		method: 'schulze',
		secret: true,
		liveResults: false,
		options: ['东门', '西门', '南门', '北门', '河道', '公园', '广场', '车棚'].map(
			(p) => `${p}改造方案`
		)
	}
];

/** mulberry32: the same rankings every run. */
function generator(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function ballotOf(v: VoteView, i: number, random: () => number): Record<string, unknown> {
	if (v.method === 'yna')
		return { choice: (['yes', 'yes', 'no', 'yes', 'abstain'] as const)[i % 5] };
	const order = v.options.map((o) => o.id);
	for (let k = order.length - 1; k > 0; k--) {
		const j = Math.floor(random() * (k + 1));
		[order[k], order[j]] = [order[j]!, order[k]!];
	}
	return { ranking: order };
}

async function run(cfg: VotesConfig): Promise<VotesResult> {
	const app = `http://127.0.0.1:${cfg.appPort}`;
	const { meetingId } = cfg;
	const notes: string[] = [];
	const take = () => getJson<Record<string, number[]>>(`${app}/__bench/emits`);
	const must = <T>(what: string, r: Ack<T>): T => {
		if (!r.ok) throw new Error(`${what}: ${JSON.stringify(r)}`);
		return r.value!;
	};

	// --- the chair and the voters connect, join the hall and check in ---------------------------
	const chair = sioClient(app, cfg.chair);
	let version = must(
		'chair hall:join',
		await emitAck<{ state: { version: number } }>(chair, 'hall:join', { id: 'join', meetingId })
	).state.version;
	chair.on('hall:state', (s: { version: number }) => (version = Math.max(version, s.version)));

	const moves = new Tracker();
	const fans = new Tracker();
	/** The vote whose `vote:changed` is being waited for, and the status that counts. */
	let watching: { id: string; status: string } | null = null;
	const lastCount: number[] = [];
	let countFrames = 0;
	const voters: Socket[] = [];
	const tc = nowMs();
	await pool(cfg.voters, 25, 120_000, async (cookie, i) => {
		const s = sioClient(app, cookie);
		await new Promise<void>((resolve, reject) => {
			s.once('connect', resolve);
			s.once('connect_error', reject);
		});
		s.on('hall:state', (st: { version: number }) => moves.receipt(st.version));
		s.on('vote:changed', (v: VoteView) => {
			if (watching && v.id === watching.id && v.status === watching.status) fans.receipt(1);
		});
		s.on('vote:count', (c: { counts: { cast: number } }) => {
			lastCount[i] = c.counts.cast;
			if (i === 0) countFrames++;
		});
		voters[i] = s;
	});
	const connectMs = nowMs() - tc;
	if (voters.filter(Boolean).length !== cfg.voters.length)
		throw new Error(
			`only ${voters.filter(Boolean).length} of ${cfg.voters.length} voters connected`
		);
	log(`${voters.length} voters connected in ${(connectMs / 1000).toFixed(1)} s`);
	const tj = nowMs();
	await pool(voters, 25, 180_000, async (s) => {
		must('hall:join', await emitAck(s, 'hall:join', { id: 'join', meetingId }, 30_000));
		must('hall:checkIn', await emitAck(s, 'hall:checkIn', { id: 'checkin', meetingId }, 30_000));
	});
	const joinMs = nowMs() - tj;
	log(`${voters.length} voters in the hall and checked in after ${(joinMs / 1000).toFixed(1)} s`);
	await sleep(1000); // the last presence broadcasts land

	/** Every voter sends once, spread evenly over the window; each send timed to its ack. */
	const round = async (
		payload: (i: number) => [event: string, body: Record<string, unknown>],
		onAck: (i: number, value: unknown) => void = () => {}
	): Promise<AckRound> => {
		await take();
		const clock = new PhaseClock([app]);
		await clock.start();
		const acks: number[] = [];
		const errors: Record<string, number> = {};
		let failed = 0;
		let first = Infinity;
		let last = 0;
		let lastAck = 0;
		const t0 = nowMs() + 20;
		await Promise.all(
			voters.map(
				(s, i) =>
					new Promise<void>((resolve) => {
						const [event, body] = payload(i);
						setTimeout(
							() => {
								const sent = nowMs();
								first = Math.min(first, sent);
								last = Math.max(last, sent);
								emitAck(s, event, body, cfg.receiptTimeoutMs)
									.then((r) => {
										const at = nowMs();
										lastAck = Math.max(lastAck, at);
										if (r.ok) {
											acks.push(at - sent);
											onAck(i, r.value);
										} else {
											failed++;
											const code = r.error?.code ?? '?';
											errors[code] = (errors[code] ?? 0) + 1;
										}
									})
									.catch(() => {
										failed++;
										errors.timeout = (errors.timeout ?? 0) + 1;
									})
									.finally(resolve);
							},
							Math.max(0, t0 + (i * cfg.spreadMs) / voters.length - nowMs())
						);
					})
			)
		);
		const cpu = await clock.stop();
		return {
			acks,
			failed,
			errors,
			spreadMs: last - first,
			wallMs: lastAck - first,
			cpu,
			emits: await take()
		};
	};

	/** The chair does something that every voter should hear about; timed to each voter. */
	const fanout = async (
		tracker: Tracker,
		key: number,
		act: () => Promise<Ack<unknown>>,
		check: (value: unknown) => void = () => {}
	): Promise<Fanout> => {
		await take();
		const clock = new PhaseClock([app]);
		await clock.start();
		const all: number[] = [];
		tracker.arm(key, voters.length, all);
		const r = await act();
		const ackMs = nowMs() - tracker.t0;
		check(must('chair', r));
		const { missing } = await tracker.wait(cfg.receiptTimeoutMs);
		const cpu: PhaseCpu = await clock.stop();
		return { all, missing, ackMs, cpu, emits: await take() };
	};

	// Warm the paths (JIT, prepared statements) before anything is timed: one agenda move.
	let dir: 'next' | 'previous' = 'next';
	const move = () => {
		const to = dir;
		dir = dir === 'next' ? 'previous' : 'next';
		return fanout(
			moves,
			version + 1,
			() =>
				emitAck(
					chair,
					'hall:agenda',
					{ id: `move${version}`, meetingId, to },
					cfg.receiptTimeoutMs
				),
			(v) => {
				if ((v as { version: number }).version !== moves.version)
					throw new Error(`hall:agenda answered ${JSON.stringify(v)}, expected ${moves.version}`);
			}
		);
	};
	await move();

	const runs: VoteRun[] = [];
	for (const [k, kind] of KINDS.entries()) {
		const input = {
			title: `基准表决 ${k + 1}：${kind.label}`,
			meetingId,
			method: kind.method,
			secret: kind.secret,
			liveResults: kind.liveResults,
			electorate: 'present',
			...(kind.options ? { options: kind.options.map((label) => ({ label })) } : {})
		};
		const draft = must(
			'vote:create',
			await emitAck<VoteView>(chair, 'vote:create', { id: `create${k}`, input })
		);
		let vote = draft;
		watching = { id: draft.id, status: 'open' };
		const opened = await fanout(
			fans,
			1,
			() => emitAck(chair, 'vote:open', { id: `open${k}`, voteId: draft.id }, cfg.receiptTimeoutMs),
			(v) => (vote = v as VoteView)
		);
		log(`${kind.label}: open, ${vote.counts.eligible} eligible`);
		await sleep(300);

		const baseline = await round((i) => ['hall:checkIn', { id: `again${k}-${i}`, meetingId }]);
		await sleep(300);

		const random = generator(20260 + k);
		const ballots = voters.map((_, i) => ballotOf(vote, i, random));
		const codes: string[] = [];
		lastCount.fill(0);
		countFrames = 0;
		const cast = await round(
			(i) => ['vote:cast', { id: `cast${k}-${i}`, voteId: vote.id, ...ballots[i] }],
			(_, v) => {
				const code = (v as { trackingCode: string | null }).trackingCode;
				if (code) codes.push(code);
			}
		);
		log(`${kind.label}: ${cast.acks.length} ballots acknowledged, ${cast.failed} refused`);
		await sleep(600); // the coalesced count's last message lands
		const lastCountMin = Math.min(...voters.map((_, i) => lastCount[i] ?? 0));
		const frames = countFrames;

		const moved = await move();
		await sleep(300);

		let closed: VoteView | null = null;
		let bytes = 0;
		watching = { id: vote.id, status: 'closed' };
		const close = await fanout(
			fans,
			1,
			() =>
				emitAck(chair, 'vote:close', { id: `close${k}`, voteId: vote.id }, cfg.receiptTimeoutMs),
			(v) => {
				closed = v as VoteView;
				bytes = Buffer.byteLength(JSON.stringify(v));
			}
		);
		watching = null;
		const result = closed!.result!;
		const published = new Map<string, number>();
		for (const b of result.ballots)
			if (b.trackingCode) published.set(b.trackingCode, (published.get(b.trackingCode) ?? 0) + 1);
		const seen = codes.map((c) => published.get(c) ?? 0);
		runs.push({
			kind,
			eligible: vote.counts.eligible,
			present: vote.counts.present,
			opened,
			baseline,
			cast,
			codes: codes.length,
			lastCountMin,
			countFrames: frames,
			move: moved,
			close,
			result: {
				cast: result.totals.cast,
				valid: result.totals.valid,
				ballots: result.ballots.length,
				codesOnce: seen.filter((n) => n === 1).length,
				codesTwice: seen.filter((n) => n > 1).length,
				codesMissing: seen.filter((n) => n === 0).length,
				outcome: result.outcome,
				winner: result.winner,
				bytes
			}
		});
		log(
			`${kind.label}: closed, ${result.totals.cast} counted, ${close.missing} voters missed the result`
		);
		await sleep(500);
	}

	chair.close();
	for (const s of voters) s.close();
	return { type: 'result', voters: voters.length, connectMs, joinMs, runs, notes };
}

process.once('message', (cfg: VotesConfig) => {
	void run(cfg)
		.catch((e: unknown): Out => ({
			type: 'error',
			message: e instanceof Error ? (e.stack ?? e.message) : String(e)
		}))
		// Exit only once the (large) result has been handed to the parent.
		.then((m) => process.send!(m, undefined, {}, () => setTimeout(() => process.exit(0), 200)));
});
