/**
 * The security matrix's socket table: every client event of the contract
 * (`clientEventSchemas` in src/lib/shared/events) × every role, and what its acknowledgement
 * must say. security-matrix.test.ts emits each cell over a real socket.io connection signed in
 * as the role, and fails when an event of the contract has no row.
 *
 * Layout of a row:
 * - `event`: the event name (`hall:ask`); `variant` tells several rows of one event apart.
 * - `allow`: the roles whose acknowledgement is `{ ok: true }`.
 * - `denied`: the error code every other role gets: `forbidden` (may see the hall or vote, may
 *   not act) or `not_found` (may not see it). Default `forbidden`.
 * - `except`: single cells that differ, with their reason.
 * - `passed`: error codes that, for an allowed role, still show the permission check was passed.
 * - `payload(w)`: the event's payload (without `id`, added per emit) with real ids. Rows that
 *   change something make a fresh target in it: every allowed cell gets its own; the refused
 *   cells share one (a refusal changes nothing).
 * - `before(w, s)`: what the role does first on its own socket `s` (enters the hall, joins the
 *   committee's presence).
 * The anonymous caller has no row of its own: a connection without a session is refused before
 * any event (checked once for the whole table).
 */
import type { Socket } from 'socket.io-client';
import type { ErrorCode } from '../../src/lib/shared/result';
import { emit } from '../helpers/votes';
import { newPoll, tiedPoll, uniq, type Who, type World } from '../helpers/matrix';

export type SocketOutcome = 'ok' | ErrorCode;

/** An event with its acknowledgement; generous, as the machine running the tests may be busy. */
export const ack = <T>(s: Socket, event: string, payload: Record<string, unknown>) =>
	emit<T>(s, event, payload, 20_000);

export interface SocketWorld extends World {
	/** member2 (U2, invited to the live meeting): asks the questions and writes the comments others act on. */
	author: Socket;
}

export interface SocketRow {
	event: string;
	variant?: string;
	allow: readonly Who[];
	denied?: ErrorCode;
	except?: Partial<Record<Who, SocketOutcome>>;
	passed?: { also: ErrorCode[]; why: string };
	payload: (w: SocketWorld) => Promise<Record<string, unknown>>;
	before?: (w: SocketWorld, s: Socket) => Promise<unknown>;
}

const ALL = ['admin', 'chair', 'member', 'liaison', 'recorder', 'supervisor', 'resident'] as const;
/** Those who run the live meeting or are invited to it (U1 is). */
const COMMITTEE_SIDE = ['admin', 'chair', 'member', 'liaison', 'recorder'] as const;
/** Everyone in the hall but the supervisor, who observes. */
const PARTICIPANTS = [...COMMITTEE_SIDE, 'resident'] as const;
const CHAIR = ['admin', 'chair'] as const;
const VOTE_MANAGERS = ['admin', 'chair', 'recorder'] as const;

/** Enter the live meeting's hall first (refused to nobody in the matrix: everyone may see it). */
const inHall = (w: World, s: Socket) => ack(s, 'hall:join', { meetingId: w.ids.liveMeeting });
const live = (w: World) => ({ meetingId: w.ids.liveMeeting });

async function question(w: SocketWorld): Promise<string> {
	const r = await ack<{ id: string }>(w.author, 'hall:ask', {
		meetingId: w.ids.liveMeeting,
		itemId: w.ids.liveItem,
		body: uniq('何时开工？')
	});
	if (!r.ok) throw new Error(`fixture hall:ask: ${r.error.code}`);
	return r.value.id;
}

async function comment(w: SocketWorld): Promise<string> {
	const r = await ack<{ id: string }>(w.author, 'hall:comment', {
		meetingId: w.ids.liveMeeting,
		itemId: w.ids.liveItem,
		body: uniq('赞成')
	});
	if (!r.ok) throw new Error(`fixture hall:comment: ${r.error.code}`);
	return r.value.id;
}

export const SOCKET_ROWS: SocketRow[] = [
	{
		event: 'presence:join',
		allow: ALL,
		payload: async (w) => ({ committeeId: w.ids.committee })
	},
	...(['presence:update', 'presence:leave'] as const).map((event): SocketRow => ({
		event,
		allow: ALL,
		before: (w, s) => ack(s, 'presence:join', { committeeId: w.ids.committee }),
		payload: async (w) => {
			const p = { committeeId: w.ids.committee };
			return event === 'presence:update' ? { ...p, status: 'away' } : p;
		}
	})),
	{
		event: 'hall:join',
		variant: 'live, public',
		allow: ALL,
		payload: async (w) => ({ meetingId: w.ids.liveMeeting })
	},
	{
		event: 'hall:join',
		variant: 'members only, U1 not invited',
		allow: ['admin', 'chair', 'recorder', 'supervisor'],
		denied: 'not_found',
		payload: async (w) => ({ meetingId: w.ids.closedDoors })
	},
	{
		event: 'hall:join',
		variant: "public, for another community's residents",
		allow: ['admin', 'chair', 'member', 'liaison', 'recorder', 'supervisor'],
		// The hall page tells such a resident why (they may know of the meeting from notices);
		// the socket answers as if there were no such meeting.
		denied: 'not_found',
		payload: async (w) => ({ meetingId: w.ids.otherCommunity })
	},
	{
		event: 'hall:leave',
		allow: ALL,
		// The scheduled meeting's hall, where people wait: leaving it touches nothing else here.
		before: (w, s) => ack(s, 'hall:join', { meetingId: w.ids.scheduled }),
		payload: async (w) => ({ meetingId: w.ids.scheduled })
	},
	{
		event: 'hall:checkIn',
		allow: COMMITTEE_SIDE,
		before: inHall,
		payload: async (w) => live(w)
	},
	{
		event: 'hall:hand',
		allow: COMMITTEE_SIDE,
		before: inHall,
		payload: async (w) => ({ ...live(w), raise: true })
	},
	{
		event: 'hall:hand',
		variant: 'point of order',
		allow: COMMITTEE_SIDE,
		before: inHall,
		payload: async (w) => ({ ...live(w), raise: true, pointOfOrder: true })
	},
	{
		event: 'hall:agenda',
		allow: CHAIR,
		before: inHall,
		payload: async (w) => ({ ...live(w), to: { itemId: w.ids.liveItem } })
	},
	{
		event: 'hall:floor',
		allow: CHAIR,
		before: inHall,
		payload: async (w) => ({ ...live(w), action: 'limit', seconds: 180 })
	},
	{
		event: 'hall:queue',
		allow: CHAIR,
		before: inHall,
		payload: async (w) => ({ ...live(w), action: 'clear' })
	},
	{
		event: 'hall:ask',
		allow: PARTICIPANTS,
		before: inHall,
		payload: async (w) => ({
			...live(w),
			itemId: w.ids.liveItem,
			body: uniq('预算多少？')
		})
	},
	{
		event: 'hall:upvote',
		allow: PARTICIPANTS,
		before: inHall,
		payload: async (w) => ({ ...live(w), questionId: await question(w) })
	},
	{
		event: 'hall:question',
		allow: CHAIR,
		before: inHall,
		payload: async (w) => ({
			...live(w),
			questionId: await question(w),
			action: 'pick'
		})
	},
	{
		event: 'hall:react',
		allow: PARTICIPANTS,
		before: inHall,
		payload: async (w) => ({
			...live(w),
			itemId: w.ids.liveItem,
			kind: 'support'
		})
	},
	{
		event: 'hall:comment',
		allow: PARTICIPANTS,
		before: inHall,
		payload: async (w) => ({
			...live(w),
			itemId: w.ids.liveItem,
			body: uniq('同意')
		})
	},
	{
		event: 'hall:moderate',
		allow: CHAIR,
		before: inHall,
		payload: async (w) => ({
			...live(w),
			commentId: await comment(w),
			action: 'pin'
		})
	},
	{
		event: 'vote:create',
		allow: VOTE_MANAGERS,
		payload: async () => ({
			input: {
				title: uniq('意见征询'),
				method: 'yna',
				secret: false,
				electorate: 'members',
				closesAt: new Date(Date.now() + 86_400_000).toISOString()
			}
		})
	},
	{
		event: 'vote:open',
		allow: VOTE_MANAGERS,
		except: { resident: 'not_found' },
		payload: async (w) => ({ voteId: await newPoll(w, 'draft') })
	},
	{
		event: 'vote:close',
		allow: VOTE_MANAGERS,
		except: { resident: 'not_found' },
		payload: async (w) => ({ voteId: await newPoll(w, 'open') })
	},
	{
		event: 'vote:cast',
		// A members' poll's roll: the voting members (the chair and the unit representatives).
		allow: ['chair', 'member'],
		except: { resident: 'not_found' },
		payload: async (w) => ({ voteId: await newPoll(w, 'open'), choice: 'yes' })
	},
	...(['vote:get', 'vote:roll'] as const).map((event): SocketRow => ({
		event,
		allow: [...COMMITTEE_SIDE, 'supervisor'],
		denied: 'not_found',
		payload: async (w) => ({ voteId: w.ids.poll })
	})),
	{
		event: 'vote:roomCount',
		allow: VOTE_MANAGERS,
		except: { resident: 'not_found' },
		passed: { also: ['conflict'], why: 'a poll between meetings has no room to count' },
		payload: async (w) => ({
			voteId: await newPoll(w, 'open'),
			seats: [`u:${w.ids.member2}`],
			counts: { yes: 1 }
		})
	},
	{
		event: 'vote:casting',
		allow: ['chair'],
		except: { resident: 'not_found' },
		payload: async (w) => {
			const t = await tiedPoll(w);
			return { voteId: t.id, optionId: t.optionId };
		}
	},
	{
		event: 'vote:revote',
		allow: VOTE_MANAGERS,
		except: { resident: 'not_found' },
		payload: async (w) => ({ voteId: (await tiedPoll(w)).id })
	}
];

/** The expected acknowledgement of one cell (the anonymous caller never gets this far). */
export function expectedAck(row: SocketRow, who: Who): SocketOutcome {
	if (row.except?.[who] !== undefined) return row.except[who]!;
	return row.allow.includes(who) ? 'ok' : (row.denied ?? 'forbidden');
}
