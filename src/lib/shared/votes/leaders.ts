/** Small helpers the methods share: option order, zeroed counts, and who leads. */
import type { MethodOutcome, Detail } from './methods';

/** A record with every option at zero, in option order. */
export function zeroed(ids: readonly string[]): Record<string, number> {
	const out: Record<string, number> = {};
	for (const id of ids) out[id] = 0;
	return out;
}

/** The options with the highest value, in option order. */
export function leaders(ids: readonly string[], value: (id: string) => number): string[] {
	let best = -Infinity;
	let top: string[] = [];
	for (const id of ids) {
		const v = value(id);
		if (v > best) {
			best = v;
			top = [id];
		} else if (v === best) top.push(id);
	}
	return top;
}

/** One leader wins; several leaders are a tie; no ballots at all adopt nothing. */
export function decide<D extends Detail>(
	top: string[],
	anyBallots: boolean,
	detail: D
): MethodOutcome<D> {
	if (!anyBallots || top.length === 0)
		return { outcome: 'rejected', winner: null, tiedOptions: [], detail };
	if (top.length === 1) return { outcome: 'adopted', winner: top[0]!, tiedOptions: [], detail };
	return { outcome: 'tie', winner: null, tiedOptions: top, detail };
}
