/** Single choice and multiple choice (up to k): the most marks wins; a shared lead is a tie. */
import { decide, leaders, zeroed } from './leaders';
import type {
	MethodOutcome,
	MultipleBallot,
	MultipleVote,
	PluralityDetail,
	SingleBallot,
	SingleVote
} from './methods';

export function countSingle(
	vote: SingleVote,
	ballots: readonly SingleBallot[]
): MethodOutcome<PluralityDetail> {
	const ids = vote.options.map((o) => o.id);
	const counts = zeroed(ids);
	for (const b of ballots) counts[b.choice]!++;
	const detail: PluralityDetail = {
		method: 'single',
		counts,
		marks: ballots.length,
		maxChoices: 1
	};
	return decide(
		leaders(ids, (id) => counts[id]!),
		ballots.length > 0,
		detail
	);
}

export function countMultiple(
	vote: MultipleVote,
	ballots: readonly MultipleBallot[]
): MethodOutcome<PluralityDetail> {
	const ids = vote.options.map((o) => o.id);
	const counts = zeroed(ids);
	let marks = 0;
	for (const b of ballots) {
		for (const c of b.choices) counts[c]!++;
		marks += b.choices.length;
	}
	const maxChoices = vote.maxChoices ?? ids.length;
	const detail: PluralityDetail = { method: 'multiple', counts, marks, maxChoices };
	return decide(
		leaders(ids, (id) => counts[id]!),
		ballots.length > 0,
		detail
	);
}
