/**
 * Schulze (beatpath), as Markus Schulze defines it with "winning votes": d[i][j] counts the
 * ballots ranking i above j (an unranked option sits below every ranked one, level with the
 * other unranked ones); a link i→j has strength d[i][j] when d[i][j] > d[j][i], otherwise there
 * is no link; p[i][j] is the strength of the strongest path (its weakest link) from i to j.
 * The winners are the options x with p[x][y] ≥ p[y][x] for every y; more than one is a tie.
 */
import { decide } from './leaders';
import type { MethodOutcome, RankedBallot, RankedVote, SchulzeDetail } from './methods';

function square(n: number): number[][] {
	return Array.from({ length: n }, () => new Array<number>(n).fill(0));
}

/** d[i][j]: ballots ranking option i above option j. */
export function pairwiseTable(
	ids: readonly string[],
	ballots: readonly RankedBallot[]
): number[][] {
	const n = ids.length;
	const index = new Map(ids.map((id, i) => [id, i]));
	const d = square(n);
	const position = new Array<number>(n);
	for (const b of ballots) {
		position.fill(n); // unranked: below every ranked option
		b.ranking.forEach((id, pos) => (position[index.get(id)!] = pos));
		for (let i = 0; i < n; i++) {
			const row = d[i]!;
			const pi = position[i]!;
			if (pi === n) continue;
			for (let j = 0; j < n; j++) if (pi < position[j]!) row[j]!++;
		}
	}
	return d;
}

/** p[i][j], by the widest-path variant of Floyd–Warshall given in Schulze's paper. */
export function strongestPaths(d: readonly number[][]): number[][] {
	const n = d.length;
	const p = square(n);
	for (let i = 0; i < n; i++)
		for (let j = 0; j < n; j++) if (i !== j && d[i]![j]! > d[j]![i]!) p[i]![j] = d[i]![j]!;
	for (let i = 0; i < n; i++)
		for (let j = 0; j < n; j++) {
			if (i === j) continue;
			for (let k = 0; k < n; k++) {
				if (i === k || j === k) continue;
				const via = Math.min(p[j]![i]!, p[i]![k]!);
				if (via > p[j]![k]!) p[j]![k] = via;
			}
		}
	return p;
}

/** Best first: repeatedly take the options no remaining option beats by the strongest paths. */
function rankByPaths(ids: readonly string[], p: readonly number[][]): string[][] {
	const left = new Set(ids.map((_, i) => i));
	const out: string[][] = [];
	while (left.size > 0) {
		const top = [...left].filter((x) => [...left].every((y) => p[x]![y]! >= p[y]![x]!));
		out.push(top.map((i) => ids[i]!));
		for (const i of top) left.delete(i);
	}
	return out;
}

export function countSchulze(
	vote: RankedVote,
	ballots: readonly RankedBallot[]
): MethodOutcome<SchulzeDetail> {
	const ids = vote.options.map((o) => o.id);
	const pairwise = pairwiseTable(ids, ballots);
	const paths = strongestPaths(pairwise);
	const ranking = rankByPaths(ids, paths);
	const winners = ranking[0] ?? [];
	const condorcet = ids.findIndex((_, x) =>
		ids.every((_, y) => x === y || pairwise[x]![y]! > pairwise[y]![x]!)
	);
	const detail: SchulzeDetail = {
		method: 'schulze',
		order: ids,
		pairwise,
		paths,
		winners,
		condorcetWinner: condorcet >= 0 ? ids[condorcet]! : null,
		ranking
	};
	return decide(winners, ballots.length > 0, detail);
}
