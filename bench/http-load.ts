/**
 * A closed-loop HTTP load generator (as autocannon does it, written out): `concurrency` workers
 * on keep-alive connections, each sending its next request when the last one's whole body has
 * arrived, for a fixed time. Every response is checked; each latency is send → last byte.
 */

export interface LoadResult {
	/** Latencies of the good responses, ms. */
	latencies: number[];
	/** Responses that failed the check, or requests that threw, by reason. */
	errors: Record<string, number>;
	wallMs: number;
	bytes: number;
}

export interface LoadTarget {
	url: string;
	headers: Record<string, string>;
	/** Why a response is not right (wrong status, missing text), or null when it is. */
	check(status: number, body: string): string | null;
}

export async function closedLoop(
	target: LoadTarget,
	concurrency: number,
	seconds: number
): Promise<LoadResult> {
	const out: LoadResult = { latencies: [], errors: {}, wallMs: 0, bytes: 0 };
	const t0 = performance.now();
	const end = t0 + seconds * 1000;
	const fail = (why: string) => (out.errors[why] = (out.errors[why] ?? 0) + 1);
	const worker = async () => {
		while (performance.now() < end) {
			const start = performance.now();
			try {
				const r = await fetch(target.url, { headers: target.headers, redirect: 'manual' });
				const body = await r.text();
				const took = performance.now() - start;
				const why = target.check(r.status, body);
				if (why) fail(why);
				else {
					out.latencies.push(took);
					out.bytes += body.length;
				}
			} catch (e) {
				fail(e instanceof Error ? e.message : String(e));
			}
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	out.wallMs = performance.now() - t0;
	return out;
}

/** Several runs of the same target as one. */
export function merged(results: LoadResult[]): LoadResult {
	const errors: Record<string, number> = {};
	for (const r of results)
		for (const [k, n] of Object.entries(r.errors)) errors[k] = (errors[k] ?? 0) + n;
	return {
		latencies: results.flatMap((r) => r.latencies),
		errors,
		wallMs: results.reduce((a, r) => a + r.wallMs, 0),
		bytes: results.reduce((a, r) => a + r.bytes, 0)
	};
}
