/** English — decisions' pages and panels, loaded only where they are shown (see decisions.zh-CN.ts). */
import type { decisionsZhCN } from './decisions.zh-CN';
import { votesEn } from './votes.en';
import { votesPagesEn } from './votes-pages.en';
import { votesHallEn } from './votes-hall.en';
import { votesRefusalsEn } from './votes-refusals.en';

export const decisionsEn: Record<keyof typeof decisionsZhCN, string> = {
	...votesEn,
	...votesPagesEn,
	...votesHallEn,
	...votesRefusalsEn
};
