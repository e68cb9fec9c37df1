/** The counting core for decisions: pure, isomorphic, no I/O. */
export { tally } from './tally';
export {
	parseBallot,
	ballotSchema,
	voteSpecSchema,
	quorumSchema,
	thresholdSchema
} from './schemas';
export type { BallotIssue, BallotParse } from './schemas';
export * from './methods';
