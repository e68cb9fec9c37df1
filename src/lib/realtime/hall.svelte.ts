/**
 * The hall as one browser sees it: entered over the shared socket.io connection, kept current
 * by the server's events, and entered again (with a fresh snapshot) after every reconnect, so
 * a dropped connection never leaves a stale view. Actions carry ids; a retry is applied once.
 */
import type { ClientEventName, ClientEventPayload, ClientEventResults } from '../shared/events';
import type {
	AttendanceSummary,
	CommentView,
	HallSnapshot,
	HallState,
	Participant,
	QuestionView,
	ReactionCounts,
	ReactionKind
} from '../shared/hall';
import type { Result } from '../shared/result';
import type { AgendaItem } from '../shared/schemas/meetings';
import { HALL_SERVER_EVENTS, hallListeners, type HallNews } from './hall-listeners';
import { connection, emitEvent } from './socket.svelte';

export type { HallNews } from './hall-listeners';

export class HallClient {
	state = $state<HallState | null>(null);
	participants = $state<Participant[]>([]);
	attendance = $state<AttendanceSummary>({ inHall: 0, present: 0, quorum: 0, quorumMet: false });
	questions = $state<QuestionView[]>([]);
	comments = $state<CommentView[]>([]);
	reactions = $state<Record<string, ReactionCounts>>({});
	upvoted = $state<string[]>([]);
	myReactions = $state<Record<string, ReactionKind>>({});
	/** Server clock minus ours, so every device counts down the same speech. */
	clockOffset = $state(0);
	error = $state('');
	minutesStatus = $state<'draft' | 'finalised' | 'approved' | null>(null);
	/** The agenda as the server last sent it (null until it changes after the page loaded). */
	agenda = $state<AgendaItem[] | null>(null);

	readonly meetingId: string;
	#off: (() => void)[] = [];
	// Listeners, not state: a plain Set on purpose.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#news = new Set<(news: HallNews) => void>();

	constructor(meetingId: string, initial?: HallSnapshot) {
		this.meetingId = meetingId;
		if (initial) this.#apply(initial);
	}

	/** Enter the hall now and after every reconnect. Returns a function that leaves it. */
	connect(): () => void {
		const socket = connection.socket;
		const join = () => void this.#join();
		const listeners = hallListeners(this, (news) => this.#tell(news));
		socket.on('connect', join);
		this.#off.push(() => socket.off('connect', join));
		for (const event of HALL_SERVER_EVENTS) {
			socket.on(event, listeners[event]);
			this.#off.push(() => socket.off(event, listeners[event]));
		}
		if (socket.connected) void this.#join();
		return () => {
			for (const off of this.#off) off();
			this.#off = [];
			if (socket.connected) void emitEvent('hall:leave', { meetingId: this.meetingId });
		};
	}

	/** Be told of what others add (a question, a comment), e.g. to announce it. Returns a function that stops it. */
	onNews(fn: (news: HallNews) => void): () => void {
		this.#news.add(fn);
		return () => this.#news.delete(fn);
	}

	#tell(news: HallNews) {
		for (const fn of this.#news) fn(news);
	}

	async #join() {
		const r = await emitEvent('hall:join', { meetingId: this.meetingId });
		if (r.ok) this.#apply(r.value);
		else this.error = r.error.message;
	}

	#apply(s: HallSnapshot) {
		this.state = s.state;
		this.participants = s.participants;
		this.attendance = s.attendance;
		this.questions = s.questions;
		this.comments = s.comments;
		this.reactions = s.reactions;
		this.upvoted = s.mine.upvoted;
		this.myReactions = s.mine.reactions;
		this.clockOffset = s.serverNow - Date.now();
		this.error = '';
	}

	/** Now on the server's clock. */
	now(): number {
		return Date.now() + this.clockOffset;
	}

	/** Send an action; a refusal is shown in the person's language (the server translates it). */
	async act<E extends ClientEventName>(
		event: E,
		payload: Omit<ClientEventPayload<E>, 'id'>
	): Promise<Result<ClientEventResults[E]>> {
		const r = await emitEvent(event, payload);
		this.error = r.ok ? '' : r.error.message || '…';
		return r;
	}

	/** Upvote a question, or take one's upvote back when it is already there. */
	async upvote(questionId: string) {
		const up = !this.upvoted.includes(questionId);
		const r = await this.act('hall:upvote', { meetingId: this.meetingId, questionId, up });
		if (r.ok)
			this.upvoted = up
				? [...this.upvoted, questionId]
				: this.upvoted.filter((id) => id !== questionId);
	}

	async react(itemId: string, kind: ReactionKind) {
		const next = this.myReactions[itemId] === kind ? null : kind;
		const r = await this.act('hall:react', { meetingId: this.meetingId, itemId, kind: next });
		if (r.ok) {
			const { [itemId]: _, ...rest } = this.myReactions;
			this.myReactions = next ? { ...rest, [itemId]: next } : rest;
			this.reactions = { ...this.reactions, [itemId]: r.value.counts };
		}
	}
}
