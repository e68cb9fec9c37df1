/**
 * The storms part's figures (for the summary table) and its Markdown (method, the per-storm
 * table, what each storm checked, the CPU of server and generator).
 */
import { pct } from './hall-shared';
import type { BenchResult, Figure, Measure } from './part';
import type { StormSamples, StormsResult } from './storms-shared';

/** /healthz p99 while a storm lasts (the issue's aim). */
const HEALTHZ_AIM_MS = 50;
/** A reconnect storm is back within this long. */
const BACK_AIM_MS = 2000;

export interface StormsShape {
	people: number;
	reconnect: number;
	pinned: boolean;
	spreadMs: number;
}

function measure(xs: number[]): Measure {
	const s = [...xs].sort((a, b) => a - b);
	return { p50: pct(s, 50), p95: pct(s, 95), p99: pct(s, 99), n: s.length };
}

const loopMeasure = (s: StormSamples): Measure => ({
	p50: s.loop.p50,
	p95: s.loop.p95,
	p99: s.loop.p99
});

const f = (x: number | undefined) =>
	x === undefined || Number.isNaN(x) ? '–' : x < 10 ? x.toFixed(2) : x.toFixed(0);
const pc = (x: number) => `${(x * 100).toFixed(0)}%`;

export function render(r: StormsResult, shape: StormsShape): BenchResult {
	const n = shape.people.toLocaleString('en');
	const idle = { what: '/healthz, idle server', ...measure(r.baseline.healthz) };
	const idleLoop = { what: 'event-loop delay, idle server', ...loopMeasure(r.baseline) };
	const storms: [string, StormSamples][] = [
		[`${n} people entering within ${shape.spreadMs / 1000} s`, r.join],
		[`${n} people leaving at once`, r.leave],
		[`${shape.reconnect} people dropping and coming back`, r.reconnect]
	];
	const figures: Figure[] = [];
	for (const [what, s] of storms) {
		const h = measure(s.healthz);
		figures.push({
			what: `/healthz during ${what}`,
			unit: 'ms',
			...h,
			baseline: idle,
			aim: `p99 < ${HEALTHZ_AIM_MS} ms`,
			met: (h.p99 ?? Infinity) < HEALTHZ_AIM_MS
		});
		figures.push({
			what: `event-loop delay during ${what}`,
			unit: 'ms',
			...loopMeasure(s),
			baseline: idleLoop
		});
	}
	figures.push(
		{ what: `hall:join ack, ${n} entering`, unit: 'ms', ...measure(r.join.acks) },
		{ what: `until all ${n} are in`, unit: 'ms', value: r.join.allDoneMs },
		{ what: `until the hall is empty, ${n} leaving`, unit: 'ms', value: r.leave.allDoneMs },
		{
			what: `hall:join ack, ${shape.reconnect} coming back`,
			unit: 'ms',
			...measure(r.reconnect.acks)
		},
		{
			what: `until all ${shape.reconnect} are back (drop → last re-entry)`,
			unit: 'ms',
			value: r.reconnect.allDoneMs,
			aim: `< ${BACK_AIM_MS} ms`,
			met: r.reconnect.allDoneMs < BACK_AIM_MS && r.reconnect.missing === 0
		}
	);
	return { figures, markdown: markdown(r, shape, storms) };
}

function markdown(r: StormsResult, shape: StormsShape, storms: [string, StormSamples][]): string {
	const row = (what: string, s: StormSamples) => {
		const h = measure(s.healthz);
		const a = s.acks.length ? measure(s.acks) : null;
		return (
			`| ${what} | ${s.healthz.length}${s.healthzFailures ? ` (${s.healthzFailures} failed)` : ''} | ${f(h.p50)} | ${f(h.p95)} | ${f(h.p99)} | ` +
			`${a ? `${f(a.p50)} / ${f(a.p99)}` : ''} | ${s.allDoneMs ? f(s.allDoneMs) : ''}` +
			`${s.missing ? ` (${s.missing} missing)` : ''} | ${f(s.loop.p50)} / ${f(s.loop.p99)} / ${f(s.loop.max)} | ` +
			`${pc(s.cpu.server)} / ${pc(s.cpu.generator)} |`
		);
	};
	const genMax = Math.max(...storms.map(([, s]) => s.cpu.generator));
	return [
		`Against the production entry (server/index.ts with the build, SQLite \`synchronous=FULL\`)` +
			`${shape.pinned ? ' on core 0 (`taskset -c 0`), the generator on core 1' : ' (NOT pinned: no taskset or one core)'}. ` +
			`Every person is a distinct resident of 滨河社区 with their own session and a real socket.io-client connection (websocket); ` +
			`the chair stays in the hall throughout and tells when everyone is in, gone or back. ` +
			`/healthz (the SvelteKit route, a database read) is polled one request at a time, 10 ms apart, from the storm's start until it is over (at least 2 s). ` +
			`Entering: arrivals spread evenly over ${shape.spreadMs / 1000} s, each sends \`hall:join\` on connect. Leaving: every client disconnects in the same tick. ` +
			`Reconnect: ${shape.reconnect} in the hall lose their transport at once (\`engine.close()\`, the server sees them go) and come back by socket.io-client's own reconnection ` +
			`(browser defaults: first try after 0.5–1.5 s), entering again on \`connect\`, while the chair moves the agenda. Times in ms, nearest-rank percentiles.`,
		'',
		'| storm | /healthz n | p50 | p95 | p99 | join ack p50 / p99 | all in / gone / back | loop delay p50 / p99 / max | CPU server / generator |',
		'| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
		row('idle server (baseline)', r.baseline),
		...storms.map(([what, s]) => row(what, s)),
		'',
		'Checked at the end of each storm: ' +
			storms.map(([what, s]) => `${what}: ${s.checks.join('; ')}`).join('. ') +
			'.',
		'',
		`The generator used at most ${pc(genMax)} of its core${genMax > 0.8 ? ' (above 80%: these figures partly measure the generator)' : ''}.` +
			(r.notes.length ? ` Notes: ${r.notes.join('; ')}.` : '')
	].join('\n');
}
