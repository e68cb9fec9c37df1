/**
 * A checked ballot as the voting panel's form fields, so a scripted cast posts exactly what the
 * same form posts without scripts (the inverse of `ballotFromForm`).
 */
import type { Ballot } from '$lib/shared/votes';

/** The form fields `ballotFromForm` reads back into this ballot. */
export function ballotFields(seat: string, ballot: Ballot): FormData {
	const form = new FormData();
	form.set('seat', seat);
	if ('choice' in ballot) form.set('choice', ballot.choice);
	else if ('choices' in ballot) for (const c of ballot.choices) form.append('choices', c);
	else if ('ranking' in ballot) for (const r of ballot.ranking) form.append('ranking', r);
	else
		for (const [id, score] of Object.entries(ballot.scores)) form.set(`score.${id}`, String(score));
	return form;
}
