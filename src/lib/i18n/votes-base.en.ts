/** English — the few decisions' words every page may show; the rest load with the pages that need them (decisions.en.ts). */
import type { votesBaseZhCN } from './votes-base.zh-CN';

export const votesBaseEn: Record<keyof typeof votesBaseZhCN, string> = {
	'nav.votes': 'Votes',
	'nav.resolutions': 'Resolutions',
	'home.card.votes': 'Polls between meetings, and votes waiting for you',
	'home.card.resolutions': 'Adopted resolutions and the needs they answer',
	'votes.meeting.heading': 'Votes and resolutions',
	'votes.meeting.votes': "This meeting's votes",
	'votes.meeting.resolutions': "This meeting's resolutions",
	'votes.need.resolutions': 'Resolutions answering this need',
	'hall.tab.votes': 'Votes',
	'hall.votes.yourTurn': 'Please vote: {title}',
	'hall.votes.opened': 'Vote opened: {title}',
	'hall.votes.closedNews': 'Vote closed: {title}, result: {outcome}',
	'hall.votes.goVote': 'Go and vote',
	'hall.insertVoteResult': 'Insert vote result',
	'hall.insertVoteWhich': 'Vote to insert'
};
