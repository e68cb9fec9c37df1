/**
 * Instant runoff. Each round every ballot counts for its highest-ranked option still in the
 * count; a ballot with none left is exhausted (and stays so). An option with more than half of
 * the continuing ballots wins. Otherwise the option with the fewest votes is excluded. When
 * several share the fewest votes:
 *
 * 1. Together: if their votes added up are fewer than those of the next option, they are all
 *    excluded at once, since excluding them one by one in any order ends in the same place.
 * 2. Earlier rounds: otherwise the tie is broken by the most recent earlier round in which their
 *    votes differed, excluding the one with the fewest there (narrowing the group as needed).
 * 3. Unresolved: if they were level in every earlier round, no count can choose; the result is a
 *    tie naming them, for the chair's casting vote or a re-vote.
 *
 * When every option still in the count has the same votes and none has a majority, that is a
 * tie for first: earlier rounds never decide the winner.
 */
import type { IrvDetail, IrvRound, MethodOutcome, RankedBallot, RankedVote } from './methods';

interface Exclusion {
	excluded: number[];
	rule: NonNullable<IrvRound['exclusionRule']>;
	decidedByRound?: number;
}

/** Whom to exclude among `tied` (level on the fewest votes), or null when nothing can decide. */
function chooseExclusion(
	tied: number[],
	counts: number[],
	continuing: number[],
	history: number[][]
): Exclusion | null {
	if (tied.length === 1) return { excluded: tied, rule: 'fewest' };
	const together = tied.reduce((s, i) => s + counts[i]!, 0);
	const next = Math.min(...continuing.filter((i) => !tied.includes(i)).map((i) => counts[i]!));
	if (together < next) return { excluded: tied, rule: 'together' };
	let group = tied;
	for (let r = history.length - 1; r >= 0; r--) {
		const earlier = history[r]!;
		const fewest = Math.min(...group.map((i) => earlier[i]!));
		const lowest = group.filter((i) => earlier[i] === fewest);
		if (lowest.length < group.length) group = lowest;
		if (group.length === 1)
			return { excluded: group, rule: 'earlier-round', decidedByRound: r + 1 };
	}
	return null;
}

export function countIrv(
	vote: RankedVote,
	ballots: readonly RankedBallot[]
): MethodOutcome<IrvDetail> {
	const ids = vote.options.map((o) => o.id);
	const n = ids.length;
	const index = new Map(ids.map((id, i) => [id, i]));
	const rankings = ballots.map((b) => b.ranking.map((id) => index.get(id)!));
	const inCount = new Array<boolean>(n).fill(true);
	// Where each ballot's current choice sits in its ranking; only ever moves forward.
	const cursor = new Array<number>(rankings.length).fill(0);
	const history: number[][] = [];
	const rounds: IrvRound[] = [];
	const detail: IrvDetail = { method: 'irv', rounds };
	if (ballots.length === 0) return { outcome: 'rejected', winner: null, tiedOptions: [], detail };

	for (;;) {
		const counts = new Array<number>(n).fill(0);
		let exhausted = 0;
		rankings.forEach((r, b) => {
			let c = cursor[b]!;
			while (c < r.length && !inCount[r[c]!]) c++;
			cursor[b] = c;
			if (c < r.length) counts[r[c]!]!++;
			else exhausted++;
		});
		const continuingOptions = ids.map((_, i) => i).filter((i) => inCount[i]);
		const continuing = ballots.length - exhausted;
		const round: IrvRound = {
			round: rounds.length + 1,
			counts: Object.fromEntries(continuingOptions.map((i) => [ids[i]!, counts[i]!])),
			continuing,
			exhausted,
			majority: Math.floor(continuing / 2) + 1,
			excluded: []
		};
		rounds.push(round);

		const top = Math.max(...continuingOptions.map((i) => counts[i]!));
		const leader = continuingOptions.filter((i) => counts[i] === top);
		if (leader.length === 1 && top >= round.majority) {
			return { outcome: 'adopted', winner: ids[leader[0]!]!, tiedOptions: [], detail };
		}
		if (leader.length === continuingOptions.length) {
			const options = leader.map((i) => ids[i]!);
			detail.unresolved = { kind: 'first', round: round.round, options };
			return { outcome: 'tie', winner: null, tiedOptions: options, detail };
		}
		const fewest = Math.min(...continuingOptions.map((i) => counts[i]!));
		const tied = continuingOptions.filter((i) => counts[i] === fewest);
		const exclusion = chooseExclusion(tied, counts, continuingOptions, history);
		if (!exclusion) {
			const options = tied.map((i) => ids[i]!);
			detail.unresolved = { kind: 'exclusion', round: round.round, options };
			return { outcome: 'tie', winner: null, tiedOptions: options, detail };
		}
		round.excluded = exclusion.excluded.map((i) => ids[i]!);
		if (tied.length > 1) {
			round.exclusionRule = exclusion.rule;
			if (exclusion.decidedByRound) round.decidedByRound = exclusion.decidedByRound;
		}
		for (const i of exclusion.excluded) inCount[i] = false;
		history.push(counts);
	}
}
