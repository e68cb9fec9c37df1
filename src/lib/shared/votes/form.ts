/**
 * A ballot as an HTML form sends it, so the voting panel works before its scripts load and the
 * same fields mean the same thing to the form action and to the panel's script: `choice`
 * (yna, single), `choices` repeated (multiple), `ranking` repeated in rank order, blanks
 * skipped (ranked), `score.<optionId>` (score). What comes out is checked by `parseBallot`.
 */
import type { VoteSpec } from './methods';
import type { VoteView } from './view';

/** The fields a form posts: FormData, or URLSearchParams from a body read by hand. */
interface FormFields {
	get(name: string): FormDataEntryValue | null;
	getAll(name: string): FormDataEntryValue[];
}

const text = (v: FormDataEntryValue | null) => (typeof v === 'string' ? v : '');

/** The ballot a posted form holds, unchecked: hand it to `parseBallot` before counting it. */
export function ballotFromForm(
	vote: Pick<VoteView, 'method' | 'options'>,
	form: FormFields
): unknown {
	switch (vote.method) {
		case 'yna':
		case 'single':
			return { choice: text(form.get('choice')) };
		case 'multiple':
			return { choices: form.getAll('choices').map(text) };
		case 'score': {
			const scores: Record<string, number> = {};
			for (const o of vote.options) {
				const v = text(form.get(`score.${o.id}`));
				// A blank stays out, so the card is refused as incomplete rather than read as 0.
				if (v !== '') scores[o.id] = Number(v);
			}
			return { scores };
		}
		default:
			return { ranking: form.getAll('ranking').map(text).filter(Boolean) };
	}
}

/** How the counting core reads a vote as the view shows it (yna options are yes, no, abstain). */
export function specOf(vote: VoteView): VoteSpec {
	const quorum = vote.quorum ?? undefined;
	if (vote.method === 'yna') {
		const [yes, no, abstain] = vote.options.map((o) => o.id);
		return {
			method: 'yna',
			quorum,
			threshold: vote.threshold ?? undefined,
			optionIds: { yes, no, abstain }
		};
	}
	const options = vote.options.map((o) => ({ id: o.id, label: o.label }));
	if (vote.method === 'multiple')
		return { method: 'multiple', quorum, options, maxChoices: vote.maxChoices ?? undefined };
	return { method: vote.method, quorum, options };
}
