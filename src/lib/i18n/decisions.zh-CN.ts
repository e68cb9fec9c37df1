/**
 * 简体中文 — decisions' pages and panels: votes, ballots, results, motions, resolutions. Loaded
 * only by the pages that show them (and by the hall once it has a vote), so every other page's
 * first load does not carry them.
 */
import { votesZhCN } from './votes.zh-CN';
import { votesPagesZhCN } from './votes-pages.zh-CN';
import { votesHallZhCN } from './votes-hall.zh-CN';
import { votesRefusalsZhCN } from './votes-refusals.zh-CN';

export const decisionsZhCN = {
	...votesZhCN,
	...votesPagesZhCN,
	...votesHallZhCN,
	...votesRefusalsZhCN
} as const;
