/** English — decisions: motions, votes, ballots, resolutions. Must have every key of votes.zh-CN. */
import type { votesZhCN } from './votes.zh-CN';

export const votesEn: Record<keyof typeof votesZhCN, string> = {
	'vote.title': 'Vote'
};
