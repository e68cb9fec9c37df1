/**
 * The one entry point: count a closed vote. Each ballot is checked against the vote again (a
 * ballot that fails is counted as invalid, never as a choice), the method counts the rest, and
 * quorum decides whether the count stands. The detail is returned even when inquorate, so the
 * figures can still be shown.
 */
import { countBorda } from './borda';
import { countIrv } from './irv';
import type {
	Ballot,
	Detail,
	MethodOutcome,
	MultipleBallot,
	RankedBallot,
	ScoreBallot,
	SingleBallot,
	TallyResult,
	VoteSpec,
	YnaBallot
} from './methods';
import { countMultiple, countSingle } from './plurality';
import { ballotSchema } from './schemas';
import { countSchulze } from './schulze';
import { countScore } from './score';
import { checkQuorum } from './thresholds';
import { countYna } from './yna';

function count(vote: VoteSpec, valid: Ballot[], eligible: number): MethodOutcome<Detail> {
	// The ballots were checked against this vote's schema, so each has this method's shape.
	switch (vote.method) {
		case 'yna':
			return countYna(vote, valid as YnaBallot[], eligible);
		case 'single':
			return countSingle(vote, valid as SingleBallot[]);
		case 'multiple':
			return countMultiple(vote, valid as MultipleBallot[]);
		case 'irv':
			return countIrv(vote, valid as RankedBallot[]);
		case 'borda':
			return countBorda(vote, valid as RankedBallot[]);
		case 'schulze':
			return countSchulze(vote, valid as RankedBallot[]);
		case 'score':
			return countScore(vote, valid as ScoreBallot[]);
	}
}

/**
 * Count `ballots` for `vote` with `eligibleCount` voters on the roll. Never throws on a bad
 * ballot: it is left out and counted in `totals.invalid`.
 */
export function tally(
	vote: VoteSpec,
	ballots: readonly unknown[],
	eligibleCount: number
): TallyResult {
	const schema = ballotSchema(vote);
	const valid: Ballot[] = [];
	for (const b of ballots) {
		const r = schema.safeParse(b);
		if (r.success) valid.push(r.data);
	}
	const abstentions =
		vote.method === 'yna' ? (valid as YnaBallot[]).filter((b) => b.choice === 'abstain').length : 0;
	const counted = count(vote, valid, eligibleCount);
	const quorum = checkQuorum(vote.quorum, valid.length, eligibleCount);
	const totals = {
		eligible: eligibleCount,
		cast: ballots.length,
		valid: valid.length,
		invalid: ballots.length - valid.length,
		abstentions
	};
	const base = { method: vote.method, totals, quorum, detail: counted.detail };
	if (!quorum.met) return { ...base, outcome: 'inquorate', winner: null, tiedOptions: [] };
	return {
		...base,
		outcome: counted.outcome,
		winner: counted.winner,
		tiedOptions: counted.tiedOptions
	};
}
