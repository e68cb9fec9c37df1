/**
 * Casting from the vote page with scripts: the ballot the panel checked goes to the page's own
 * `?/cast` action as the same form fields the panel posts without scripts, so both ways meet
 * one action and one service call.
 */
import { deserialize } from '$app/forms';
import type { Ballot } from '$lib/shared/votes';
import { ballotFields } from './ballot-fields';
import type { CastAnswer } from '$lib/components/votes/BallotForm.svelte';

/** Post the ballot to the page's `?/cast` action and say what it answered. */
export async function castHere(seat: string, ballot: Ballot, offline: string): Promise<CastAnswer> {
	let res: Response;
	try {
		res = await fetch('?/cast', {
			method: 'POST',
			body: ballotFields(seat, ballot),
			headers: { 'x-sveltekit-action': 'true', accept: 'application/json' }
		});
	} catch {
		return { ok: false, message: offline };
	}
	const result = deserialize(await res.text());
	if (result.type === 'success') {
		const cast = (result.data as { cast?: { trackingCode: string | null } } | undefined)?.cast;
		return { ok: true, trackingCode: cast?.trackingCode ?? null };
	}
	if (result.type === 'failure') {
		const data = result.data as { message?: string; errors?: Record<string, string[]> };
		const first = Object.values(data.errors ?? {})[0]?.[0];
		return { ok: false, message: first ?? data.message ?? offline };
	}
	return { ok: false, message: offline };
}
