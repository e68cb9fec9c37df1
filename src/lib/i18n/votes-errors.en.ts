/** English — what decisions answer when something is refused, and their notifications. */
import type { votesErrorsZhCN } from './votes-errors.zh-CN';

export const votesErrorsEn: Record<keyof typeof votesErrorsZhCN, string> = {
	'notif.vote.opened': 'The vote "{title}" is open: please vote',
	'notif.vote.reminder': 'The vote "{title}" closes soon ({before}) and you have not voted',
	'notif.vote.closed': 'The vote "{title}" is closed and its result published',

	'admin.voting': 'Voting',
	'admin.votePer': 'Votes per ballot',
	'admin.votePer.person': 'One vote per person',
	'admin.votePer.unit': "One vote per member unit (cast by the unit's representative)",
	'admin.votePer.hint': 'Applies to votes created from now on; existing votes keep theirs.',
	'admin.saveVoting': 'Save voting',

	'vote.outcome.adopted': 'Adopted',
	'vote.outcome.rejected': 'Not adopted',
	'vote.outcome.inquorate': 'Inquorate',
	'vote.outcome.tie': 'Tie'
};
