/**
 * What the hall says in its live region: the floor (who speaks, the person's own place in the
 * queue, for the chair who joins it), quorum reached or lost, the current item, and what others
 * add (questions, comments on the item shown). Only changes are said, never the state on entry.
 */
import type { MessageKey } from '$lib/i18n';
import type { HallClient } from '$lib/realtime/hall.svelte';
import type { Announcer } from '$lib/state/announcer.svelte';

interface Options {
	hall: HallClient;
	announcer: Announcer;
	t: (key: MessageKey, params?: Record<string, string | number>) => string;
	userId: string;
	chair: boolean;
	shownItem: () => string | null;
	itemTitle: (id: string) => string;
}

const brief = (s: string) => (s.length > 80 ? `${s.slice(0, 80)}…` : s);

/** Start announcing; returns a function that stops. */
export function announceChanges({
	hall,
	announcer,
	t,
	userId,
	chair,
	shownItem,
	itemTitle
}: Options): () => void {
	const say = (key: MessageKey, params?: Record<string, string | number>) =>
		announcer.say(t(key, params));
	let speaker = hall.state?.speaker?.userId ?? null;
	let item = hall.state?.itemId ?? null;
	let quorumMet = hall.attendance.quorumMet;
	let queue = hall.state?.queue.map((q) => q.userId) ?? [];
	let place = queue.indexOf(userId) + 1;

	const stopEffects = $effect.root(() => {
		$effect(() => {
			const s = hall.state;
			if (!s) return;
			if ((s.speaker?.userId ?? null) !== speaker) {
				speaker = s.speaker?.userId ?? null;
				if (s.speaker)
					say(s.speaker.userId === userId ? 'hall.youSpeak' : 'hall.announce.speaker', {
						name: s.speaker.name
					});
				else say('hall.announce.speechEnded');
			}
			if (s.itemId !== item) {
				item = s.itemId;
				if (item) say('hall.announce.item', { title: itemTitle(item) });
			}
			const ids = s.queue.map((q) => q.userId);
			const nowPlace = ids.indexOf(userId) + 1;
			if (nowPlace !== place) {
				// Leaving the queue for the floor is said above, as the floor.
				if (nowPlace > 0) say('hall.yourPlace', { n: nowPlace });
				else if (s.speaker?.userId !== userId) say('hall.announce.handLowered');
				place = nowPlace;
			}
			if (chair) {
				for (const q of s.queue)
					if (!queue.includes(q.userId))
						say(q.pointOfOrder ? 'hall.announce.pointOfOrder' : 'hall.announce.handRaised', {
							name: q.name,
							n: s.queue.length
						});
			}
			queue = ids;
		});
		$effect(() => {
			const met = hall.attendance.quorumMet;
			if (met !== quorumMet) {
				quorumMet = met;
				say(met ? 'hall.quorumMet' : 'hall.quorumNotMet');
			}
		});
	});
	const stopNews = hall.onNews((news) => {
		if (news.kind === 'question' && news.question.authorId !== userId)
			say('hall.announce.question', {
				name: news.question.authorName,
				body: brief(news.question.body)
			});
		if (
			news.kind === 'comment' &&
			news.comment.authorId !== userId &&
			news.comment.itemId === shownItem()
		)
			say('hall.announce.comment', {
				name: news.comment.authorName,
				body: brief(news.comment.body)
			});
	});
	return () => {
		stopEffects();
		stopNews();
	};
}
