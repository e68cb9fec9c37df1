/**
 * A vote in words: ballots, outcomes, the quorum and threshold checks. Pure, so the voting
 * panel, the result page, the minutes' "insert vote result" and notifications all say the same
 * thing. Sentences are message keys with their parameters; `say` fills one in.
 */
import type { MessageKey } from '../../i18n';
import {
	YNA_CHOICES,
	type Ballot,
	type Method,
	type Outcome,
	type Quorum,
	type QuorumCheck,
	type Threshold,
	type ThresholdCheck,
	type YnaChoice
} from './methods';
import type { TieDecision, VoteView } from './view';

export type T = (key: MessageKey, params?: Record<string, string | number>) => string;

/** A sentence not yet in a language: its message key and what fills it. */
export interface Phrase {
	key: MessageKey;
	params: Record<string, string | number>;
}

export const say = (t: T, p: Phrase): string => t(p.key, p.params);

/** What a label needs to know of a vote. */
export type VoteOptions = Pick<VoteView, 'method' | 'options'>;

/**
 * Which of yes/no/abstain an id stands for. A yna vote's options are yes, no, abstain in that
 * order (the API creates them so); counts and ballots use the answers themselves as keys.
 */
export function ynaChoiceOf(vote: VoteOptions, id: string): YnaChoice | null {
	if ((YNA_CHOICES as readonly string[]).includes(id)) return id as YnaChoice;
	const i = vote.options.findIndex((o) => o.id === id);
	return i >= 0 ? (YNA_CHOICES[i] ?? null) : null;
}

/** An option's label; for yes/no/abstain the words of the shown language. */
export function optionLabel(vote: VoteOptions, id: string, t: T): string {
	if (vote.method === 'yna') {
		const c = ynaChoiceOf(vote, id);
		if (c) return t(`vote.yna.${c}`);
	}
	return vote.options.find((o) => o.id === id)?.label ?? id;
}

export const listOf = (t: T, items: string[]): string => items.join(t('vote.listSep'));

/** A ballot in words: "赞成", "A", "A、B", "A > C > B", "A 5 分、B 3 分". */
export function describeBallot(vote: VoteOptions, ballot: Ballot, t: T): string {
	const label = (id: string) => optionLabel(vote, id, t);
	if ('choice' in ballot) return label(ballot.choice);
	if ('choices' in ballot) return listOf(t, ballot.choices.map(label));
	if ('ranking' in ballot) return ballot.ranking.map(label).join(' > ');
	// Scores in the vote's option order, so two cards read alike.
	return listOf(
		t,
		vote.options
			.filter((o) => o.id in ballot.scores)
			.map((o) => t('vote.scoreOf', { option: label(o.id), score: ballot.scores[o.id]! }))
	);
}

export const outcomeKey = (outcome: Outcome): MessageKey => `vote.outcome.${outcome}`;
export const methodKey = (method: Method): MessageKey => `vote.method.${method}`;

function shareWords(t: T, numerator: number, denominator: number): string {
	return numerator * 2 === denominator ? t('vote.share.half') : `${numerator}/${denominator}`;
}

/**
 * The threshold check as sentences: what is needed, of what base, how many yes votes it takes
 * and how many there were; then whether abstentions count toward the base, when the base is
 * the votes cast.
 */
export function thresholdPhrases(
	check: ThresholdCheck,
	threshold: Threshold | null,
	yes: number,
	t: T
): Phrase[] {
	const ofEligible =
		check.kind === 'absolute' || (threshold?.kind === 'fraction' && threshold.of === 'eligible');
	const params = {
		base: check.base,
		required: check.required,
		yes,
		share: shareWords(t, check.numerator, check.denominator),
		met: t(check.met ? 'vote.check.met' : 'vote.check.notMet')
	};
	const more = check.comparison === 'more-than';
	let key: MessageKey;
	if (check.kind === 'simple' && !check.abstentionsInBase) key = 'vote.threshold.simple';
	else if (ofEligible) key = more ? 'vote.threshold.eligibleMore' : 'vote.threshold.eligibleLeast';
	else key = more ? 'vote.threshold.castMore' : 'vote.threshold.castLeast';
	const phrases: Phrase[] = [{ key, params }];
	if (!ofEligible)
		phrases.push({
			key: check.abstentionsInBase ? 'vote.threshold.abstainIn' : 'vote.threshold.abstainOut',
			params: {}
		});
	return phrases;
}

/** The quorum check as a sentence: none, a head count, or a share of those eligible. */
export function quorumPhrase(
	check: QuorumCheck,
	quorum: Quorum | null,
	eligible: number,
	t: T
): Phrase {
	const met = t(check.met ? 'vote.check.met' : 'vote.check.notMet');
	const params = { required: check.required, participation: check.participation, eligible, met };
	if (check.kind === 'none' || !quorum) return { key: 'vote.quorum.none', params };
	if (quorum.kind === 'count') return { key: 'vote.quorum.count', params };
	return {
		key: 'vote.quorum.share',
		params: { ...params, share: shareWords(t, quorum.numerator, quorum.denominator) }
	};
}

/**
 * The show-of-hands count for a count's key: counts are keyed by option id, except yes/no/abstain
 * which are keyed by the answer (the recorder's counts may use either).
 */
export function roomCountFor(vote: VoteView, key: string): number {
	const room = vote.result?.roomCounts;
	if (!room) return 0;
	if (key in room) return room[key]!;
	if (vote.method === 'yna') {
		const i = YNA_CHOICES.indexOf(key as YnaChoice);
		const id = vote.options[i]?.id;
		if (id && id in room) return room[id]!;
	}
	return 0;
}

/** Ballots counted by show of hands in the room, in all. */
export function roomTotal(vote: VoteView): number {
	return Object.values(vote.result?.roomCounts ?? {}).reduce((a, b) => a + b, 0);
}

const ranked = (t: T, vote: VoteOptions, tiers: string[][]) =>
	tiers.map((tier) => tier.map((id) => optionLabel(vote, id, t)).join(' = ')).join(' > ');

/** The figures by option, in a line: votes, points, means, or the ranking. */
export function figuresLine(vote: VoteView, t: T): string {
	const d = vote.result?.detail;
	if (!d) return '';
	const label = (id: string) => optionLabel(vote, id, t);
	const each = (record: Record<string, number>, key: MessageKey) =>
		listOf(
			t,
			Object.entries(record).map(([id, n]) => t(key, { option: label(id), n: round2(n) }))
		);
	switch (d.method) {
		case 'yna':
		case 'single':
		case 'multiple':
			return each(d.counts, 'vote.countOf');
		case 'borda':
			return each(d.points, 'vote.pointsOf');
		case 'score':
			return listOf(
				t,
				Object.keys(d.means).map((id) =>
					t('vote.meanOf', {
						option: label(id),
						mean: round2(d.means[id]!),
						median: round2(d.medians[id]!)
					})
				)
			);
		case 'irv': {
			const last = d.rounds[d.rounds.length - 1];
			return t('vote.irv.summary', {
				rounds: d.rounds.length,
				list: last ? each(last.counts, 'vote.countOf') : ''
			});
		}
		case 'schulze':
			return t('vote.schulze.summary', { list: ranked(t, vote, d.ranking) });
	}
}

export const round2 = (n: number): number => Math.round(n * 100) / 100;

/**
 * The paragraph the minutes' "insert vote result" inserts: title, method, outcome, winner,
 * counts, the checks, a tie's decision, and for a named vote who voted what. A secret vote
 * gives totals only.
 */
export function resultAsMinutesText(vote: VoteView, t: T): string {
	const r = vote.result;
	const kind = t(vote.secret ? 'vote.kind.secret' : 'vote.kind.named');
	const head = t('vote.minutes.head', {
		title: vote.title,
		method: t(methodKey(vote.method)),
		kind
	});
	if (!r) return head;
	const sentence = (s: string) => t('vote.minutes.sentence', { s });
	const parts = [head, sentence(t('vote.result.outcome', { outcome: t(outcomeKey(r.outcome)) }))];
	if (r.winner && vote.method !== 'yna')
		parts.push(sentence(t('vote.result.winner', { option: optionLabel(vote, r.winner, t) })));
	parts.push(
		sentence(
			t('vote.minutes.totals', {
				eligible: r.totals.eligible,
				cast: r.totals.cast,
				valid: r.totals.valid
			})
		)
	);
	const room = roomTotal(vote);
	if (r.roomCounts)
		parts.push(sentence(t('vote.minutes.room', { room, online: r.totals.cast - room })));
	parts.push(sentence(figuresLine(vote, t)));
	parts.push(sentence(say(t, quorumPhrase(r.quorum, vote.quorum, r.totals.eligible, t))));
	if (r.detail.method === 'yna')
		for (const p of thresholdPhrases(r.detail.threshold, vote.threshold, r.detail.counts.yes, t))
			parts.push(sentence(say(t, p)));
	if (r.outcome === 'tie') {
		const tied = listOf(
			t,
			r.tiedOptions.map((id) => optionLabel(vote, id, t))
		);
		parts.push(sentence(t('vote.result.tied', { options: tied })));
	}
	if (vote.decision) parts.push(sentence(say(t, decisionPhrase(vote, vote.decision, t))));
	if (!vote.secret && r.named.length > 0) {
		const who = r.named.map((n) =>
			t('vote.minutes.namedOne', {
				name: n.name,
				choice: n.ballot ? describeBallot(vote, n.ballot, t) : t('vote.ballot.none')
			})
		);
		parts.push(sentence(t('vote.minutes.named', { list: listOf(t, who) })));
	}
	return parts.reduce((a, b) => t('vote.minutes.join', { a, b }));
}

/** What was done about a tie: the chair's casting vote, or a new vote. */
export function decisionPhrase(vote: VoteView, d: TieDecision, t: T): Phrase {
	if (d.kind === 'casting')
		return {
			key: 'vote.decision.casting',
			params: { name: d.byName, option: optionLabel(vote, d.optionId, t) }
		};
	return { key: 'vote.decision.revote', params: {} };
}
