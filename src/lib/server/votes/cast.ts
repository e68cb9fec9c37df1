/**
 * Casting a ballot, and counting hands in the room. One ballot per seat is enforced by the
 * database: the seat's roll row is marked cast by a conditional update in the same transaction
 * that puts the ballot in the box, so of any number of simultaneous casts exactly one lands and
 * the others are told "already voted". The transaction commits (synchronous = FULL) before the
 * voter is answered: an acknowledged ballot survives a crash.
 *
 * For a secret vote nothing written here joins the voter to the choice: the roll row gets the
 * time and who cast, the box gets the choice under a random id, the audit chain gets the seat
 * without the choice, and the voter's tracking code is sealed on their own roll row.
 */
import { and, eq } from 'drizzle-orm';
import type { Db, DbLike } from '../db';
import { voteRoll, type VoteRow } from '../db/schema';
import { statement } from '../db/statements';
import { AppError, forbidden, notFound } from '../errors';
import { audit, voteChain } from '../platform/audit';
import { voteFor } from './access';
import { voteStatus, voteWithScope } from './open-votes';
import { ballotId, sealReceipt, trackingCode } from './receipt';
import { personSeat, rollRows, seatsOf } from './roll';
import { countChanged } from './broadcast';
import { can, type Actor } from '../../shared/permissions';
import { parseBallot } from '../../shared/votes';
import type { Ballot, VoteSpec } from '../../shared/votes/methods';
import type { BallotOrigin } from '../../shared/votes/view';

export interface CastInput {
	seat?: string;
	choice?: unknown;
	choices?: unknown;
	ranking?: unknown;
	scores?: unknown;
}

export interface CastReceipt {
	voteId: string;
	seat: string;
	trackingCode: string | null;
}

const mustBeOpen = (v: Pick<VoteRow, 'status'>) => {
	if (v.status === 'closed') throw new AppError(409, 'err.vote.closed');
	if (v.status !== 'open') throw new AppError(409, 'err.vote.notOpen');
};

function ballotOf(v: VoteRow, input: CastInput): Ballot {
	const { seat: _seat, ...rest } = input;
	const body = Object.fromEntries(Object.entries(rest).filter(([, x]) => x !== undefined));
	const parsed = parseBallot(v.spec as VoteSpec, body);
	if (!parsed.ok) {
		const fields: Record<string, ['err.ballot.invalid']> = {};
		for (const i of parsed.issues) fields[i.path || 'ballot'] = ['err.ballot.invalid'];
		throw new AppError(422, 'err.ballot.invalid', fields);
	}
	return parsed.ballot;
}

type Seat = { seat: string; proxyId: string | null; castAt: unknown };

/**
 * `seatsOf` where seats are people, by a statement prepared once, and by index: one's own seat
 * by its key, the seats handed to one by the proxy index (`seatsOf`'s OR reads the whole roll).
 */
function mySeats(db: DbLike, v: VoteRow, userId: string): Seat[] {
	if (v.per === 'unit') return seatsOf(db, v, userId);
	return statement(
		db,
		`SELECT seat, cast_at AS castAt, proxy_id AS proxyId FROM vote_roll
		 WHERE vote_id = ? AND seat = ? AND user_id = ? AND proxy_id IS NULL
		 UNION ALL
		 SELECT seat, cast_at AS castAt, proxy_id AS proxyId FROM vote_roll
		 WHERE proxy_id = ? AND vote_id = ?`
	).all(v.id, personSeat(userId), userId, userId, v.id) as Seat[];
}

/** The seat this cast is for: the one asked for, or the voter's only (or own) seat. */
function pickSeat(db: DbLike, v: VoteRow, actor: Actor, wanted?: string): Seat {
	const mine = mySeats(db, v, actor.userId);
	if (wanted) {
		const s = mine.find((r) => r.seat === wanted);
		if (!s) throw new AppError(403, 'err.vote.notEligible');
		return s;
	}
	const own =
		mine.find((r) => r.seat === personSeat(actor.userId)) ??
		(mine.length === 1 ? mine[0] : undefined);
	if (own) return own;
	if (mine.length > 1) throw new AppError(422, 'err.validation', { seat: ['err.vote.whichSeat'] });
	// Handed one's vote to someone else for this meeting: they cast it.
	const given = db
		.select({ proxyId: voteRoll.proxyId })
		.from(voteRoll)
		.where(and(eq(voteRoll.voteId, v.id), eq(voteRoll.seat, personSeat(actor.userId))))
		.get();
	if (given?.proxyId) throw new AppError(409, 'err.vote.proxyGiven');
	throw new AppError(403, 'err.vote.notEligible');
}

/** Put one ballot in the box and mark its seat (inside the caller's write transaction). */
function drop(
	tx: DbLike,
	v: VoteRow,
	seat: string,
	castBy: string,
	ballot: Ballot,
	origin: BallotOrigin,
	withCode: boolean
): string | null {
	const id = ballotId();
	let code = withCode ? trackingCode() : null;
	// The roll says whose seat a proxy cast; a box that said which ballot it was would say how
	// that seat voted. In a secret vote a proxy's ballot goes in like anyone's.
	const boxed = v.secret && origin === 'proxy' ? 'online' : origin;
	for (let attempt = 1; ; attempt++) {
		try {
			statement(
				tx,
				'INSERT INTO ballot (id, vote_id, choice, tracking_code, origin) VALUES (?, ?, ?, ?, ?)'
			).run(id, v.id, JSON.stringify(ballot), code, boxed);
			break;
		} catch (err) {
			// Two ballots of one vote drew the same code (about once in two million votes of a
			// thousand ballots): the unique index refuses the second, which draws again.
			if (!code || attempt > 3 || (err as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE')
				throw err;
			code = trackingCode();
		}
	}
	// One conditional update marks the seat and links what may be linked; when it finds the seat
	// already cast, the throw takes the ballot above back out with the transaction.
	const marked = statement(
		tx,
		`UPDATE vote_roll SET cast_at = ?, cast_by = ?, origin = ?, ballot_id = ?, receipt = ?
		 WHERE vote_id = ? AND seat = ? AND cast_at IS NULL`
	).run(
		Date.now(),
		castBy,
		origin,
		v.secret || origin === 'room' ? null : id,
		code ? sealReceipt(code, v.id, seat) : null,
		v.id,
		seat
	);
	if (marked.changes !== 1) throw new AppError(409, 'err.vote.alreadyVoted');
	return code;
}

/** A cast checked and ready to write: the vote, the seat and the ballot. */
export interface PreparedCast {
	v: VoteRow;
	actor: Actor;
	seat: string;
	ballot: Ballot;
	origin: BallotOrigin;
}

/** Everything about a cast that can be refused before writing (404, 403, 409, 422). */
export function prepareCast(db: Db, actor: Actor, voteId: string, input: CastInput): PreparedCast {
	// voteFor's checks, on the vote and scope kept while the vote is open.
	const { v, scope } = voteWithScope(db, voteId);
	if (!can(actor, 'vote.view', scope)) throw notFound();
	if (!can(actor, 'vote.cast', scope)) throw forbidden();
	mustBeOpen(v);
	const ballot = ballotOf(v, input);
	const seat = pickSeat(db, v, actor, input.seat);
	if (seat.castAt) throw new AppError(409, 'err.vote.alreadyVoted');
	const origin: BallotOrigin = seat.proxyId === actor.userId ? 'proxy' : 'online';
	return { v, actor, seat: seat.seat, ballot, origin };
}

/** Write a prepared cast (inside a write transaction): the box, the roll, the audit chain. */
export function writeCast(tx: DbLike, c: PreparedCast): CastReceipt {
	const { v, actor, seat, ballot, origin } = c;
	// Checked again under the write lock: a close that won the race leaves this ballot out.
	mustBeOpen({ status: voteStatus(tx, v.id) });
	const code = drop(tx, v, seat, actor.userId, ballot, origin, v.trackingCodes);
	audit(
		tx,
		actor.userId,
		'vote.cast',
		v.id,
		v.secret ? { seat } : { seat, ballot, origin },
		voteChain(v.id)
	);
	return { voteId: v.id, seat, trackingCode: code };
}

export function castBallot(db: Db, actor: Actor, voteId: string, input: CastInput): CastReceipt {
	const c = prepareCast(db, actor, voteId, input);
	const receipt = db.transaction((tx) => writeCast(tx, c), { behavior: 'immediate' });
	countChanged(db, c.v);
	return receipt;
}

/**
 * A show of hands in the room (现场举手): the recorder names the seats of those who voted there
 * and enters the count for each answer. Those seats are marked as voted in the room (they cannot
 * also vote online) and the counts go into the box as ballots without codes.
 */
export function recordRoomCount(
	db: Db,
	actor: Actor,
	voteId: string,
	input: { seats: string[]; counts: Record<string, number> }
): { inRoom: number } {
	const v = voteFor(db, actor, voteId, 'vote.countRoom');
	mustBeOpen(v);
	if (v.method !== 'yna' && v.method !== 'single') throw new AppError(422, 'err.vote.roomMethod');
	const seats = [...new Set(input.seats)];
	const total = Object.values(input.counts).reduce((a, b) => a + b, 0);
	if (total !== seats.length)
		throw new AppError(
			422,
			'err.validation',
			{ counts: ['err.vote.roomCountMismatch'] },
			{ seats: seats.length, total }
		);
	const ballotsIn: Ballot[] = [];
	for (const [choice, n] of Object.entries(input.counts)) {
		const b = ballotOf(v, { choice });
		for (let i = 0; i < n; i++) ballotsIn.push(b);
	}
	const rows = rollRows(db, voteId, seats);
	if (rows.length !== seats.length)
		throw new AppError(422, 'err.validation', { seats: ['err.vote.notOnRoll'] });
	db.transaction(
		(tx) => {
			mustBeOpen({ status: voteStatus(tx, voteId) });
			// Seats and ballots are not paired: a show of hands is a count, not a list.
			seats.forEach((seat, i) => drop(tx, v, seat, actor.userId, ballotsIn[i]!, 'room', false));
			audit(
				tx,
				actor.userId,
				'vote.roomCount',
				voteId,
				{ seats, counts: input.counts },
				voteChain(voteId)
			);
		},
		{ behavior: 'immediate' }
	);
	countChanged(db, v);
	return { inRoom: seats.length };
}
