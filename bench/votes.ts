/**
 * Decisions (表决) under load: BENCH_VOTERS (1,000) voting members in one hall of the real server,
 * every one a real socket.io-client connection, signed in, in the hall and checked in. The chair
 * takes three votes (named yes/no/abstain, secret yes/no/abstain, secret ranked by Schulze); in
 * each every voter casts within one second. Measured against baselines in the same run: the same
 * voters' acknowledged round trips of an event that writes nothing, and the hall's own broadcast
 * of an agenda move to the same voters.
 *
 * Two child processes (started here, stopped here): the hall's server child (bench/hall-server.ts,
 * with BENCH_HALL_MEMBERS voters and no residents or editors) pinned to core 0, and
 * bench/votes-load.ts on core 1. BENCH_CPU_PROF=<dir> writes the server's CPU profile there.
 */
import os from 'node:os';
import path from 'node:path';
import { hasTaskset, message, start, stop, type Child } from './children';
import { pct, type PhaseCpu, type ServerReady } from './hall-shared';
import type { BenchContext, BenchPart, BenchResult, Figure } from './part';
import { percentiles } from './stats';
import type { AckRound, Fanout, VoteRun, VotesConfig, VotesResult } from './votes-shared';

const VOTERS = Number(process.env.BENCH_VOTERS || 1000);
const SPREAD_MS = 1000;
const AIM_ACK_P99_MS = 100;
const AIM_CLOSE_MS = 500;
const PART_BUDGET_MS = 600_000;

const ms = (x: number) => (Number.isNaN(x) ? '–' : x < 10 ? x.toFixed(2) : x.toFixed(1));
const pc = (x: number) => (Number.isNaN(x) ? '–' : `${(x * 100).toFixed(0)}%`);
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const p = (xs: number[], q: number) => pct(sorted(xs), q);
const max = (xs: number[]) => (xs.length ? Math.max(...xs) : NaN);
const x = (a: number, b: number) => (a / b).toFixed(1);

function countedOnce(r: VoteRun, voters: number): boolean {
	const { result: res, cast } = r;
	return (
		r.eligible === voters &&
		cast.acks.length === voters &&
		res.cast === voters &&
		res.valid === voters &&
		res.ballots === voters &&
		res.codesOnce === r.codes &&
		r.codes === voters
	);
}

function ackTable(runs: VoteRun[], voters: number): { lines: string[]; misses: string[] } {
	const misses: string[] = [];
	const lines = [
		'| vote | eligible | acked / refused | counted (result totals) | tracking codes found once in the published list | ack p50 | p95 | p99 | max | baseline p50 | p95 | p99 | × p50 | × p99 | p99 < 100 ms |',
		'| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: |'
	];
	for (const r of runs) {
		const a = r.cast.acks;
		const b = r.baseline.acks;
		const once = countedOnce(r, voters);
		const ok = p(a, 99) < AIM_ACK_P99_MS && once;
		if (!ok) misses.push(`ack p99, ${r.kind.label}`);
		const refused = r.cast.failed
			? `${r.cast.failed} (${Object.entries(r.cast.errors)
					.map(([k, n]) => `${k} ${n}`)
					.join(', ')})`
			: '0';
		lines.push(
			`| ${r.kind.label} | ${r.eligible} | ${a.length} / ${refused} | ${r.result.cast} (valid ${r.result.valid}, ${r.result.ballots} in the list)${once ? '' : ' **mismatch**'} | ${r.result.codesOnce} of ${r.codes} | ${ms(p(a, 50))} | ${ms(p(a, 95))} | ${ms(p(a, 99))} | ${ms(max(a))} | ${ms(p(b, 50))} | ${ms(p(b, 95))} | ${ms(p(b, 99))} | ${x(p(a, 50), p(b, 50))} | ${x(p(a, 99), p(b, 99))} | ${ok ? 'yes' : '**no**'} |`
		);
	}
	return { lines, misses };
}

function fanRow(label: string, f: Fanout, base?: Fanout): string {
	const cols = [ms(p(f.all, 50)), ms(p(f.all, 99)), ms(max(f.all)), ms(f.ackMs)];
	const b = base ? [ms(p(base.all, 50)), ms(p(base.all, 99)), ms(max(base.all))] : ['', '', ''];
	const ratios = base ? [x(p(f.all, 50), p(base.all, 50)), x(max(f.all), max(base.all))] : ['', ''];
	return `| ${label} | ${f.all.length}${f.missing ? ` (**${f.missing} missing**)` : ''} | ${cols.join(' | ')} | ${b.join(' | ')} | ${ratios.join(' | ')} |`;
}

function closeTable(runs: VoteRun[]): { lines: string[]; misses: string[] } {
	const misses: string[] = [];
	const lines = [
		"| event | receipts | p50 | p99 | max (every voter has it) | chair's ack | baseline p50 | p99 | max | × p50 | × max | max < 500 ms |",
		'| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: |'
	];
	for (const r of runs) {
		const ok = max(r.close.all) < AIM_CLOSE_MS && !r.close.missing;
		if (!ok) misses.push(`close to everyone, ${r.kind.label}`);
		lines.push(
			`${fanRow(`close → \`vote:changed\` (closed), ${r.kind.label}`, r.close, r.move)} ${ok ? 'yes' : '**no**'} |`
		);
	}
	for (const r of runs)
		lines.push(`${fanRow(`open → \`vote:changed\` (open), ${r.kind.label}`, r.opened)} |`);
	for (const r of runs)
		lines.push(
			`${fanRow(`baseline: agenda move → \`hall:state\`, before ${r.kind.label}'s close`, r.move)} |`
		);
	return { lines, misses };
}

function cpuTable(runs: VoteRun[]): string[] {
	const row = (label: string, c: PhaseCpu) =>
		`| ${label} | ${(c.wallMs / 1000).toFixed(2)} | ${pc(c.server)} | ${pc(c.generator)} |`;
	const lines = [
		'| phase | wall s | app server CPU | generator CPU |',
		'| --- | ---: | ---: | ---: |'
	];
	for (const r of runs) {
		lines.push(row(`baseline round, ${r.kind.label}`, r.baseline.cpu));
		lines.push(row(`casting round, ${r.kind.label}`, r.cast.cpu));
		lines.push(row(`close, ${r.kind.label}`, r.close.cpu));
	}
	return lines;
}

function emitNote(name: string, round: AckRound | Fanout, event: string): string {
	const e = round.emits[event] ?? [];
	return e.length
		? `${name}: ${e.length} × \`${event}\`, p50 ${ms(p(e, 50))} ms, max ${ms(max(e))} ms`
		: `${name}: no \`${event}\``;
}

function render(r: VotesResult, server: ServerReady, pinned: boolean, partMs: number): string {
	const acks = ackTable(r.runs, r.voters);
	const close = closeTable(r.runs);
	const misses = [...acks.misses, ...close.misses];
	const genMax = Math.max(...r.runs.flatMap((v) => [v.cast.cpu.generator, v.close.cpu.generator]));
	const out: string[] = [];
	out.push(
		`${r.voters} voting members (made in the bench's own database: a user, role \`member\` of one of the three units the demo public meeting invites, one vote per person, a session each) ` +
			`connect to the real server as socket.io-client, join the meeting's hall (\`hall:join\`) and check in (\`hall:checkIn\`); the chair is connected too but not checked in, so the roll of each vote (electorate \`present\`) is exactly the ${r.voters}. ` +
			`The server (server/app.ts, real socket.io and SQLite with \`synchronous=FULL\`) runs in its own process${pinned ? ' on core 0' : ''}, the load generator in another${pinned ? ' on core 1' : ''}. ` +
			`For each vote the chair creates and opens it, then: **baseline round**: every voter sends \`hall:checkIn\` again (already checked in: one read of their attendance row, no write, no broadcast; the same person-level retry memory as \`vote:cast\`), the ${r.voters} sends spread evenly over ${SPREAD_MS / 1000} s; ` +
			`**casting round**: every voter sends \`vote:cast\` spread the same way, each timed from the send to the acknowledgement with its tracking code (given only after the ballot is durable); ` +
			`**baseline broadcast**: the chair moves the agenda (\`hall:agenda\`), timed to \`hall:state\` at every voter; **close**: the chair sends \`vote:close\`, timed to \`vote:changed\` with status closed at every voter. ` +
			`The named vote has live results on (the running count is read from the box for every coalesced count). ` +
			`"Counted" checks the frozen result the close returns: its totals, its published ballot list, and every acknowledged tracking code found there exactly once. ` +
			`Times in ms, nearest-rank percentiles over the voters; × is the ratio to the baseline. Aims: ack p99 < ${AIM_ACK_P99_MS} ms with every ballot counted exactly once; the result at every voter (the max) < ${AIM_CLOSE_MS} ms after the close.`
	);
	out.push('', ...acks.lines, '', ...close.lines, '', ...cpuTable(r.runs), '');
	out.push(
		"Server side (the hub's broadcast, timed by the server script): " +
			r.runs
				.map(
					(v) =>
						`${v.kind.label}: ${emitNote('casting', v.cast, 'vote:count')}, ${v.countFrames} reached one voter, the last showing ${v.lastCountMin} of ${r.voters} at the lowest; ${emitNote('close', v.close, 'vote:changed')}; the close's answer to the chair ${(v.result.bytes / 1024).toFixed(0)} KiB (result with the ballot list), outcome ${v.result.outcome}`
				)
				.join('. ') +
			'.'
	);
	out.push('');
	out.push(
		`Connecting ${r.voters} voters (25 at a time) took ${(r.connectMs / 1000).toFixed(1)} s, their join and check-in ${(r.joinMs / 1000).toFixed(1)} s; server setup (migrations, demo seed, ${server.members.length} members, going live) ${(server.setupMs / 1000).toFixed(1)} s; the part took ${(partMs / 1000).toFixed(0)} s. ` +
			(genMax > 0.8
				? `The load generator used up to ${pc(genMax)} of its core: above 80%, so the figures partly measure the generator. `
				: `The load generator used at most ${pc(genMax)} of its core during the casting and the closes. `) +
			(pinned ? '' : 'Server and generator were NOT pinned to separate cores. ') +
			(misses.length ? `Missed the aims: ${misses.join('; ')}.` : 'Every vote met the aims.') +
			(r.notes.length ? ` Notes: ${r.notes.join('; ')}.` : '')
	);
	return out.join('\n');
}

async function run({ dataDir }: BenchContext): Promise<BenchResult> {
	const t0 = performance.now();
	const pinned = hasTaskset() && os.availableParallelism() >= 2;
	const env = {
		DATA_DIR: path.join(dataDir, 'app'),
		BENCH_HALL_RESIDENTS: '0',
		BENCH_HALL_EDITORS: '0',
		BENCH_HALL_MEMBERS: String(VOTERS)
	};
	const prof = process.env.BENCH_CPU_PROF;
	const flags = prof ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(prof)}`] : [];
	const spawned = performance.now();
	const server = start('hall-server.ts', pinned ? 0 : null, env, flags);
	let load: Child | null = null;
	const giveUp = setTimeout(() => {
		for (const c of [server, load]) c?.proc.kill('SIGKILL');
	}, PART_BUDGET_MS);
	try {
		const ready = await message<ServerReady>(server, 'hall-server', 120_000);
		ready.setupMs = performance.now() - spawned;
		console.log(
			`server ready on :${ready.port} in ${(ready.setupMs / 1000).toFixed(1)} s (${ready.members.length} members)`
		);
		load = start('votes-load.ts', pinned ? 1 : null);
		const cfg: VotesConfig = {
			type: 'config',
			appPort: ready.port,
			meetingId: ready.meetingId,
			chair: ready.chair,
			voters: ready.members,
			spreadMs: SPREAD_MS,
			receiptTimeoutMs: 30_000
		};
		const result = message<VotesResult>(load, 'votes-load', PART_BUDGET_MS - 10_000, (m) =>
			console.log(`  ${m.text}`)
		);
		load.proc.send(cfg);
		const r = await result;
		return { figures: figuresOf(r), markdown: render(r, ready, pinned, performance.now() - t0) };
	} finally {
		clearTimeout(giveUp);
		await Promise.all([server, load].filter((c): c is Child => !!c).map(stop));
	}
}

/** Per vote: the casting acks against the no-write round, and the close reaching every voter. */
function figuresOf(r: VotesResult): Figure[] {
	return r.runs.flatMap((v): Figure[] => [
		{
			what: `vote:cast ack, ${r.voters} voters in 1 s, ${v.kind.label}`,
			unit: 'ms',
			...percentiles(v.cast.acks),
			baseline: {
				what: 'no-write round trip (hall:checkIn again)',
				...percentiles(v.baseline.acks)
			},
			aim: `p99 < ${AIM_ACK_P99_MS} ms, every ballot counted once`,
			met: p(v.cast.acks, 99) < AIM_ACK_P99_MS && countedOnce(v, r.voters)
		},
		{
			what: `close → result at every voter (max), ${v.kind.label}`,
			unit: 'ms',
			value: max(v.close.all),
			baseline: { what: 'agenda move → every voter (max)', value: max(v.move.all) },
			aim: `max < ${AIM_CLOSE_MS} ms`,
			met: max(v.close.all) < AIM_CLOSE_MS && !v.close.missing
		}
	]);
}

export const part: BenchPart = {
	describe:
		'decisions (表决) under load, against the real server in its own process on its own core: 1,000 voting members in one hall over socket.io, signed in and checked in; ' +
		'for a named and a secret yes/no/abstain vote and a secret ranked one, all 1,000 cast within one second — every ballot counted exactly once, ack latency against a no-write round trip of the same clients, ' +
		"and the time from the chair's close to the result at every voter against the hall's own agenda-move broadcast.",
	run
};
