/**
 * Preparing a vote: in a meeting (on an agenda item, often on a motion) or as an asynchronous
 * poll between meetings. The vote is a draft until it opens; what it asks and how it is counted
 * are fixed from then on.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db';
import { newId } from '../db/ids';
import { committees, communities, motions, votes } from '../db/schema';
import { AppError, forbidden, notFound } from '../errors';
import { audit, committeeChain } from '../platform/audit';
import { decisionScope } from './access';
import { placeIn } from './motions';
import { can, type Actor } from '../../shared/permissions';
import type { VoteInput } from '../../shared/schemas/votes';
import {
	YNA_CHOICES,
	type Quorum,
	type Threshold,
	type VoteSpec
} from '../../shared/votes/methods';
import { voteSpecSchema } from '../../shared/votes/schemas';

function quorumOf(q: VoteInput['quorum']): Quorum | undefined {
	if (q === undefined) return undefined;
	return typeof q === 'number' ? { kind: 'count', count: q } : q;
}

function thresholdOf(t: VoteInput['threshold']): Threshold | undefined {
	if (t === undefined) return undefined;
	return typeof t === 'string' ? { kind: t, abstentionsInBase: false } : t;
}

/** What the counting core needs; option ids are made here (yes/no/abstain for a motion). */
export function buildSpec(input: VoteInput): VoteSpec {
	const quorum = quorumOf(input.quorum);
	if (input.method === 'yna') {
		const optionIds = Object.fromEntries(YNA_CHOICES.map((c) => [c, c]));
		return voteSpecSchema.parse({
			method: 'yna',
			quorum,
			threshold: thresholdOf(input.threshold),
			optionIds
		});
	}
	const options = (input.options ?? []).map((o) => ({ id: newId(), label: o.label }));
	const spec =
		input.method === 'multiple'
			? { method: input.method, quorum, options, maxChoices: input.maxChoices }
			: { method: input.method, quorum, options };
	const r = voteSpecSchema.safeParse(spec);
	if (!r.success) throw new AppError(422, 'err.validation', { options: ['err.vote.spec'] });
	return r.data;
}

function checkCommunities(db: Db, committeeId: string, ids: string[]) {
	if (!ids.length) return;
	const found = db
		.select({ id: communities.id })
		.from(communities)
		.where(and(eq(communities.committeeId, committeeId), inArray(communities.id, ids)))
		.all();
	if (found.length !== new Set(ids).size)
		throw new AppError(422, 'err.validation', { communityIds: ['err.choose'] });
}

export function createVote(
	db: Db,
	actor: Actor,
	input: VoteInput,
	opts: { revoteOf?: string } = {}
) {
	const place = placeIn(db, actor, input);
	if (!can(actor, 'vote.manage', decisionScope(db, place.committeeId, place.meetingId)))
		throw forbidden();
	let itemId = place.itemId;
	if (input.motionId) {
		const m = db.select().from(motions).where(eq(motions.id, input.motionId)).get();
		if (!m || m.committeeId !== place.committeeId) throw notFound();
		if (m.meetingId !== place.meetingId)
			throw new AppError(422, 'err.validation', { motionId: ['err.vote.motionElsewhere'] });
		if (!['draft', 'tie'].includes(m.status)) throw new AppError(409, 'err.motion.decided');
		itemId ??= m.itemId;
	}
	if (input.closesAt && input.closesAt.getTime() <= Date.now())
		throw new AppError(422, 'err.validation', { closesAt: ['err.vote.closesInPast'] });
	checkCommunities(db, place.committeeId, input.communityIds ?? []);
	const committee = db.select().from(committees).where(eq(committees.id, place.committeeId)).get();
	if (!committee) throw notFound();
	const spec = buildSpec(input);
	const id = newId();
	db.transaction((tx) => {
		tx.insert(votes)
			.values({
				id,
				committeeId: place.committeeId,
				meetingId: place.meetingId,
				itemId,
				motionId: input.motionId ?? null,
				title: input.title,
				method: input.method,
				spec,
				secret: input.secret,
				trackingCodes: input.trackingCodes,
				liveResults: !input.secret && input.liveResults,
				electorate: input.electorate,
				communityIds: input.communityIds ?? [],
				per: committee.votePer,
				closesAt: input.closesAt ?? null,
				revoteOf: opts.revoteOf ?? null,
				createdBy: actor.userId,
				createdAt: new Date()
			})
			.run();
		audit(
			tx,
			actor.userId,
			'vote.create',
			id,
			{ title: input.title, method: input.method, secret: input.secret },
			committeeChain(place.committeeId)
		);
	});
	return id;
}
