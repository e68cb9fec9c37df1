/**
 * Published worked examples, as ballot profiles, for the tests and the benchmark. Each names
 * where its figures come from; the tests check our counts against those figures.
 */
import type { RankedBallot, RankedVote } from './methods';

/** A profile: how many voters cast each ranking. */
export type Profile = [count: number, ranking: string[]][];

export function expand(profile: Profile): RankedBallot[] {
	return profile.flatMap(([count, ranking]) =>
		Array.from({ length: count }, () => ({ ranking: [...ranking] }))
	);
}

export function rankedVote(method: RankedVote['method'], ids: string[]): RankedVote {
	return { method, options: ids.map((id) => ({ id })) };
}

/**
 * The "Tennessee capital" example (Wikipedia: "Instant-runoff voting", "Borda count",
 * "Condorcet method"; electowiki.org/wiki/Effects_of_different_voting_systems_under_similar_circumstances),
 * with one voter per percent: Memphis 42, Nashville 26, Chattanooga 15, Knoxville 17.
 */
export const TENNESSEE: Profile = [
	[42, ['memphis', 'nashville', 'chattanooga', 'knoxville']],
	[26, ['nashville', 'chattanooga', 'knoxville', 'memphis']],
	[15, ['chattanooga', 'knoxville', 'nashville', 'memphis']],
	[17, ['knoxville', 'chattanooga', 'nashville', 'memphis']]
];
export const TENNESSEE_CITIES = ['memphis', 'nashville', 'chattanooga', 'knoxville'];

/**
 * Example 1 of Markus Schulze's method (Wikipedia: "Schulze method", section "Example"; also
 * electowiki.org/wiki/Schulze_method): 45 voters, 5 candidates.
 */
export const SCHULZE_45: Profile = [
	[5, ['A', 'C', 'B', 'E', 'D']],
	[5, ['A', 'D', 'E', 'C', 'B']],
	[8, ['B', 'E', 'D', 'A', 'C']],
	[3, ['C', 'A', 'B', 'E', 'D']],
	[7, ['C', 'A', 'E', 'B', 'D']],
	[2, ['C', 'B', 'A', 'D', 'E']],
	[7, ['D', 'C', 'E', 'B', 'A']],
	[8, ['E', 'B', 'A', 'D', 'C']]
];
