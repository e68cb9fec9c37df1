/**
 * A meeting's votes as one browser sees them: the list the page loaded, kept current by
 * `vote:changed` and `vote:count`, with the viewer's seats in each open or closed vote (whether
 * their ballot was counted, their tracking code). After every reconnect the list is read again
 * and each open vote asked for afresh, so a voter whose connection dropped while casting learns
 * whether their ballot was counted.
 */
import type { ClientEventName, ClientEventPayload, ClientEventResults } from '../shared/events';
import type { Result } from '../shared/result';
import type { Ballot } from '../shared/votes/methods';
import type { MySeat, VoteView } from '../shared/votes/view';
import { applyChanged, applyCount, isBehind } from './vote-listeners';
import { connection, emitEvent } from './socket.svelte';

export type CastAnswer = { ok: true; trackingCode: string | null } | { ok: false; message: string };

export class VotesClient {
	votes = $state<VoteView[]>([]);
	/** The viewer's seats per vote id (empty: not on the roll, or a draft). */
	seats = $state<Record<string, MySeat[]>>({});
	error = $state('');
	readonly meetingId: string;
	#off: (() => void)[] = [];
	#onChange: (v: VoteView, before: VoteView | undefined) => void = () => {};

	constructor(meetingId: string, votes: VoteView[], seats: Record<string, MySeat[]>) {
		this.meetingId = meetingId;
		this.votes = votes;
		this.seats = seats;
	}

	/** Follow the meeting's votes; `onChange` hears of a vote that opened, closed or was decided. */
	connect(onChange?: (v: VoteView, before: VoteView | undefined) => void): () => void {
		if (onChange) this.#onChange = onChange;
		const socket = connection.socket;
		const changed = (v: VoteView) => {
			const before = this.votes.find((x) => x.id === v.id);
			if (!applyChanged(this, v)) return;
			// Opened: the viewer's seats are fixed now. Closed: fetch the ballot list and one's codes.
			if (v.status !== 'draft') void this.refresh(v.id);
			this.#onChange(v, before);
		};
		const counted = (c: Parameters<typeof applyCount>[1]) => applyCount(this, c);
		// Events reach this page only once it is in the hall's room: whatever happened before
		// (since the page loaded, or while offline) is read again on every connection.
		const catchUp = () => void this.#catchUp();
		socket.on('vote:changed', changed);
		socket.on('vote:count', counted);
		socket.on('connect', catchUp);
		this.#off.push(
			() => socket.off('vote:changed', changed),
			() => socket.off('vote:count', counted),
			() => socket.off('connect', catchUp)
		);
		if (socket.connected) catchUp();
		return () => {
			for (const off of this.#off) off();
			this.#off = [];
		};
	}

	/** What was missed while offline: new votes, and for open ones whether one's ballot was counted. */
	async #catchUp() {
		const res = await fetch(`/api/v1/votes?meeting=${encodeURIComponent(this.meetingId)}`).catch(
			() => null
		);
		if (res?.ok) {
			const { items } = (await res.json()) as { items: VoteView[] };
			for (const v of items) {
				const before = this.votes.find((x) => x.id === v.id);
				if (applyChanged(this, v)) this.#onChange(v, before);
			}
		}
		await Promise.all(this.votes.filter((v) => v.status === 'open').map((v) => this.refresh(v.id)));
	}

	/** Ask for one vote afresh, with the viewer's seats (and, once closed, the ballot list). */
	async refresh(voteId: string): Promise<void> {
		const r = await emitEvent('vote:get', { voteId });
		if (!r.ok) return;
		const v = r.value.vote;
		if (!this.votes.some((x) => x.id === voteId)) applyChanged(this, v);
		// The fuller answer (ballot list, counts) replaces what is shown, unless a later state arrived meanwhile.
		else this.votes = this.votes.map((x) => (x.id === voteId && !isBehind(v, x) ? v : x));
		this.seats = { ...this.seats, [voteId]: r.value.seats };
	}

	async cast(voteId: string, seat: string, ballot: Ballot): Promise<CastAnswer> {
		const r = await emitEvent('vote:cast', { voteId, seat, ...ballot });
		if (!r.ok) {
			// Already counted (a retry after a dropped connection): show what the server holds.
			void this.refresh(voteId);
			return { ok: false, message: r.error.message || '…' };
		}
		this.seats = {
			...this.seats,
			[voteId]: (this.seats[voteId] ?? []).map((s) =>
				s.seat === seat
					? { ...s, status: 'cast', castAt: Date.now(), trackingCode: r.value.trackingCode }
					: s
			)
		};
		return { ok: true, trackingCode: r.value.trackingCode };
	}

	/** A chair's or recorder's action; a refusal is kept to show in the person's language. */
	async act<E extends ClientEventName>(
		event: E,
		payload: Omit<ClientEventPayload<E>, 'id'>
	): Promise<Result<ClientEventResults[E]>> {
		const r = await emitEvent(event, payload);
		this.error = r.ok ? '' : r.error.message || '…';
		return r;
	}

	/** Put a vote the page got from an action's answer into the list. */
	put(v: VoteView): void {
		const before = this.votes.find((x) => x.id === v.id);
		if (applyChanged(this, v)) this.#onChange(v, before);
	}
}
