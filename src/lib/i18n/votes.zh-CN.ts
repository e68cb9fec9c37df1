/** 简体中文 — decisions: motions, votes, ballots, resolutions. Spread into the main catalogue. */
export const votesZhCN = {
	'vote.title': '表决'
} as const;
