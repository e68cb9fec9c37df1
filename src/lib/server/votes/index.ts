/** Decisions: motions, votes, ballots, proxies and resolutions — one namespace for the entry points. */
export { createMotion, amendMotion, getMotion, listMotions } from './motions';
export { createVote } from './create';
export { openVote, closeVote, castingVote, revote, deleteDraft } from './lifecycle';
export { castBallot, recordRoomCount, type CastInput, type CastReceipt } from './cast';
export { castBallotBatched } from './cast-batch';
export {
	getVote,
	listMeetingVotes,
	listPolls,
	mySeats,
	rollView,
	toVoteView,
	myVoteHistory,
	myOpenVotes
} from './view';
export { listResolutions, getResolution, type ResolutionFilter } from './resolutions';
export { giveProxy, withdrawProxy, listProxies } from './proxies';
export { voteFor } from './access';
export { voteForApi, resultForApi, seatsForApi, motionForApi, resolutionForApi } from './api-view';
