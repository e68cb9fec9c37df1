/**
 * The security matrix's table: every HTTP API operation (method + path below /api/v1) × every
 * role, and what each must answer. security-matrix.test.ts runs every cell against the built
 * server and fails when a route exists that no row covers.
 *
 * Layout of a row:
 * - `op`: the operation as the OpenAPI document names it (`POST /needs/{id}/accept`). An
 *   operation may have several rows (`variant` tells them apart), e.g. a meeting everyone sees
 *   and one hidden from most.
 * - `allow`: the roles answered 2xx (the demo accounts of WHO in tests/helpers/matrix.ts: the
 *   secretary is `admin`; member and liaison act for the same unit U1).
 * - `denied`: what every other signed-in role gets: 403 (may know it exists, may not act) or 404
 *   (may not see it: answered as if it did not exist). Default 403.
 * - `anonymous`: what a caller with no session gets. Default 401.
 * - `except`: single cells that differ from the above, each with its reason beside it.
 * - `passed`: statuses that, for an allowed role, still show the permission check was passed
 *   (the service refused for the state of things), with the reason. Used only where a fresh
 *   target per role cannot be made; every such row says why.
 * - `req(w, who)`: the request: a path with real ids and a valid body. Rows that change
 *   something make a fresh target here: every allowed cell gets its own, the refused cells share
 *   one (a refusal changes nothing), so no cell depends on another. `perCell`: the request
 *   depends on who calls (their own session), so every cell asks for its own.
 */
import {
	inDays,
	newMeeting,
	newNeed,
	newPerson,
	newPoll,
	newProject,
	newResource,
	newSummons,
	newTask,
	newNotice,
	must,
	photoForm,
	sessionCookie,
	tiedPoll,
	uniq,
	type Who,
	type World
} from '../helpers/matrix';

export type Outcome = 'ok' | 400 | 401 | 403 | 404 | 409 | 422;

export interface Req {
	path: string;
	body?: unknown;
	/** A multipart body instead of JSON. */
	form?: FormData;
	/** A session of its own instead of the role's (e.g. signing out). */
	cookie?: string;
}

export interface Row {
	op: string;
	variant?: string;
	allow: readonly Who[];
	denied?: 403 | 404;
	anonymous?: Outcome;
	except?: Partial<Record<Who, Outcome>>;
	passed?: { also: number[]; why: string };
	perCell?: boolean;
	req: (w: World, who: Who) => Req | Promise<Req>;
}

const SIGNED_IN = [
	'admin',
	'chair',
	'member',
	'liaison',
	'recorder',
	'supervisor',
	'resident'
] as const;
/** Everyone with a role but residents. */
const STAFF = ['admin', 'chair', 'member', 'liaison', 'recorder', 'supervisor'] as const;
/** Those who act for unit U1. */
const UNIT = ['member', 'liaison'] as const;
const EVERYONE = ['anonymous', ...SIGNED_IN] as const;

const get = (path: string) => () => ({ path });

export const ACCOUNT_ROWS: Row[] = [
	{
		op: 'POST /auth/login',
		allow: EVERYONE,
		anonymous: 'ok',
		req: () => ({ path: '/auth/login', body: { login: 'resident3', password: 'yiting-demo' } })
	},
	{
		op: 'POST /auth/register',
		allow: EVERYONE,
		anonymous: 'ok',
		req: () => ({
			path: '/auth/register',
			body: {
				inviteCode: 'HEPING26',
				login: uniq('reg'),
				displayName: '新居民',
				password: 'yiting-demo-1'
			}
		})
	},
	{
		op: 'POST /auth/logout',
		allow: SIGNED_IN,
		perCell: true,
		// A session of its own: the role's session is used by every other cell.
		req: (w, who) => ({ path: '/auth/logout', cookie: sessionFor(w, who) })
	},
	{ op: 'GET /me', allow: SIGNED_IN, req: get('/me') },
	{ op: 'PATCH /me', allow: SIGNED_IN, req: () => ({ path: '/me', body: { elderMode: false } }) },
	{ op: 'GET /me/votes', allow: SIGNED_IN, req: get('/me/votes') },
	{ op: 'GET /tokens', allow: SIGNED_IN, req: get('/tokens') },
	{
		op: 'POST /tokens',
		allow: SIGNED_IN,
		req: () => ({ path: '/tokens', body: { name: uniq('token') } })
	},
	{
		op: 'DELETE /tokens/{id}',
		variant: "the secretary's own token",
		allow: ['admin'],
		// Someone else's token is not theirs to see.
		denied: 404,
		req: async (w) => {
			const t = await must(w, 'admin', 'POST', '/tokens', { name: uniq('token') });
			return { path: `/tokens/${t.id}` };
		}
	},
	{ op: 'GET /notifications', allow: SIGNED_IN, req: get('/notifications') },
	{
		op: 'POST /notifications/read',
		allow: SIGNED_IN,
		req: () => ({ path: '/notifications/read', body: { ids: [] } })
	},
	{ op: 'POST /calendar/token', allow: SIGNED_IN, req: () => ({ path: '/calendar/token' }) },
	// A person's own password and sessions: being signed in is the whole permission. Changing a
	// password or ending "all other" sessions would end the role's shared session, so every
	// cell acts as a fresh person of its own (the signed-out cell sends no cookie).
	{
		op: 'POST /me/password',
		allow: SIGNED_IN,
		perCell: true,
		req: async (w, who) => ({
			path: '/me/password',
			cookie: await ownPerson(w, who),
			body: { currentPassword: 'yiting-demo-1', newPassword: 'yiting-demo-2-changed' }
		})
	},
	{ op: 'GET /me/sessions', allow: SIGNED_IN, req: get('/me/sessions') },
	{
		op: 'DELETE /me/sessions',
		allow: SIGNED_IN,
		perCell: true,
		req: async (w, who) => ({ path: '/me/sessions', cookie: await ownPerson(w, who) })
	},
	{
		op: 'DELETE /me/sessions/{id}',
		allow: SIGNED_IN,
		perCell: true,
		req: async (w, who) => {
			if (who === 'anonymous') return { path: '/me/sessions/x', cookie: '' };
			const person = await newPerson(w, true);
			const current = sessionCookie(w.db, person.id);
			sessionCookie(w.db, person.id);
			const r = await fetch(`${w.url}/api/v1/me/sessions`, { headers: { cookie: current } });
			const { items } = (await r.json()) as { items: { id: string; current: boolean }[] };
			const other = items.find((i) => !i.current)!;
			return { path: `/me/sessions/${other.id}`, cookie: current };
		}
	},
	{
		op: 'POST /people/{id}/password-reset',
		allow: ['admin'],
		req: async (w) => ({ path: `/people/${(await newPerson(w, true)).id}/password-reset` })
	},
	{
		op: 'POST /auth/reset',
		// A reset link is the permission: whoever holds it, signed in or not.
		allow: EVERYONE,
		anonymous: 'ok',
		perCell: true,
		req: async (w) => {
			const person = await newPerson(w, true);
			const link = await must(w, 'admin', 'POST', `/people/${person.id}/password-reset`);
			return {
				path: '/auth/reset',
				body: { token: link.token, newPassword: 'yiting-demo-2-reset' }
			};
		}
	}
];

/** A session of a fresh person of the committee (none for the anonymous caller). */
async function ownPerson(w: World, who: Who): Promise<string> {
	if (who === 'anonymous') return '';
	return sessionCookie(w.db, (await newPerson(w, true)).id);
}

/** A fresh session of the role's demo account (none for the anonymous caller). */
function sessionFor(w: World, who: Who): string {
	return who === 'anonymous' ? '' : sessionCookie(w.db, w.ids.user[who]);
}

export const ORG_ROWS: Row[] = [
	{ op: 'GET /committee', allow: SIGNED_IN, req: get('/committee') },
	{
		op: 'PATCH /committee',
		allow: ['admin'],
		// The demo committee's own setting: the cell changes nothing the others rely on.
		req: () => ({ path: '/committee', body: { votePer: 'person' } })
	},
	{ op: 'GET /communities', allow: SIGNED_IN, req: get('/communities') },
	{
		op: 'POST /communities',
		allow: ['admin'],
		req: () => ({ path: '/communities', body: { name: uniq('社区') } })
	},
	{
		op: 'POST /grids',
		allow: ['admin'],
		req: (w) => ({ path: '/grids', body: { communityId: w.ids.community, name: uniq('网格') } })
	},
	{ op: 'GET /invites', allow: ['admin'], req: get('/invites') },
	{
		op: 'POST /invites',
		allow: ['admin'],
		req: (w) => ({ path: '/invites', body: { communityId: w.ids.community } })
	},
	{
		op: 'DELETE /invites/{id}',
		allow: ['admin'],
		req: async (w) => {
			const i = await must(w, 'admin', 'POST', '/invites', { communityId: w.ids.community });
			return { path: `/invites/${i.id}` };
		}
	},
	{ op: 'GET /people', allow: ['admin', 'supervisor'], req: get('/people') },
	{
		op: 'POST /people',
		allow: ['admin'],
		req: () => ({
			path: '/people',
			body: { login: uniq('person'), displayName: '新成员', password: 'yiting-demo-1' }
		})
	},
	{
		op: 'POST /roles',
		allow: ['admin'],
		req: async (w) => ({
			path: '/roles',
			body: { userId: (await newPerson(w)).id, role: 'resident', communityId: w.ids.community }
		})
	},
	{
		op: 'DELETE /roles/{id}',
		allow: ['admin'],
		req: async (w) => ({ path: `/roles/${(await newPerson(w, true)).roleId}` })
	},
	{ op: 'GET /units', allow: SIGNED_IN, req: get('/units') },
	{
		op: 'POST /units',
		allow: ['admin'],
		req: () => ({ path: '/units', body: { name: uniq('成员单位'), type: 'company' } })
	},
	{ op: 'GET /units/{id}', allow: SIGNED_IN, req: (w) => ({ path: `/units/${w.ids.u1}` }) },
	{
		op: 'PATCH /units/{id}',
		// Name, type and contact are the secretary's; the unit's liaison keeps its duty list (a document).
		allow: ['admin'],
		req: (w) => ({ path: `/units/${w.ids.u1}`, body: { contactName: '联系人1' } })
	},
	{ op: 'GET /units/standings', allow: STAFF, req: get('/units/standings') }
];

export const NEED_ROWS: Row[] = [
	{ op: 'GET /needs/categories', allow: SIGNED_IN, req: get('/needs/categories') },
	{ op: 'GET /needs', allow: SIGNED_IN, req: get('/needs') },
	{
		op: 'POST /needs',
		allow: ['admin', 'liaison', 'resident'],
		req: (w) => ({
			path: '/needs',
			body: { title: uniq('楼道灯坏了'), description: '请尽快修理。', category: w.ids.category }
		})
	},
	{
		op: 'POST /needs/proxy',
		allow: ['admin', 'liaison'],
		req: (w) => ({
			path: '/needs/proxy',
			body: {
				title: uniq('电话反映'),
				description: '居民来电反映。',
				category: w.ids.category,
				contactPhone: '13800138000',
				contactName: '张阿姨',
				channel: 'phone'
			}
		})
	},
	{
		op: 'GET /needs/{id}',
		variant: 'public',
		allow: SIGNED_IN,
		req: (w) => ({ path: `/needs/${w.ids.need}` })
	},
	{
		op: 'GET /needs/{id}',
		variant: 'private',
		allow: ['admin', 'liaison', 'supervisor'],
		denied: 404,
		req: (w) => ({ path: `/needs/${w.ids.privateNeed}` })
	},
	...(['accept', 'decline', 'merge', 'reveal-phone'] as const).map((verb): Row => ({
		op: `POST /needs/{id}/${verb}`,
		allow: ['admin', 'liaison'],
		req: async (w) => {
			const id = await newNeed(w);
			const body = {
				accept: undefined,
				decline: { reason: '不属于本委员会职责' },
				merge: { intoId: w.ids.need },
				'reveal-phone': { reason: '上门核实' }
			}[verb];
			return { path: `/needs/${id}/${verb}`, body };
		}
	})),
	{
		op: 'POST /needs/{id}/photos',
		// The submitter (resident2, not in the matrix) and the staff who handle needs.
		allow: ['admin', 'liaison'],
		req: async (w) => ({ path: `/needs/${await newNeed(w)}/photos`, form: await photoForm() })
	},
	{
		op: 'POST /needs/{id}/support',
		allow: ['resident'],
		req: async (w) => ({ path: `/needs/${await newNeed(w)}/support` })
	},
	{
		op: 'DELETE /needs/{id}/support',
		allow: ['resident'],
		// Only a support that exists can be withdrawn: staff never supported, so there is none.
		except: {
			admin: 409,
			chair: 409,
			member: 409,
			liaison: 409,
			recorder: 409,
			supervisor: 409
		},
		req: async (w, who) => {
			const id = await newNeed(w);
			if (who === 'resident') await must(w, who, 'POST', `/needs/${id}/support`);
			return { path: `/needs/${id}/support` };
		}
	},
	{
		op: 'GET /needs/{id}/trace',
		allow: SIGNED_IN,
		req: (w) => ({ path: `/needs/${w.ids.need}/trace` })
	},
	{
		op: 'GET /needs/{id}/ratings',
		// Whoever sees the need (residents see no rater's name but their own).
		allow: SIGNED_IN,
		req: (w) => ({ path: `/needs/${w.ids.need}/ratings` })
	},
	{
		op: 'GET /needs/{id}/resources',
		allow: STAFF,
		req: (w) => ({ path: `/needs/${w.ids.need}/resources` })
	},
	{
		op: 'POST /needs/{id}/rating',
		// Entered for a resident by those who enter needs for residents; the need has no finished
		// task yet, so an allowed caller is stopped by the need's state.
		allow: ['admin', 'liaison'],
		passed: { also: [409], why: 'the need is not done yet: nothing to rate' },
		req: (w) => ({
			path: `/needs/${w.ids.need}/rating`,
			// For its submitter (resident2), as told by phone.
			body: { score: 5, userId: w.resident2Id, channel: 'phone' }
		})
	},
	{
		op: 'POST /needs/{id}/reopen',
		allow: ['admin'],
		passed: { also: [409], why: 'only a done need can be reopened' },
		req: (w) => ({ path: `/needs/${w.ids.need}/reopen`, body: { reason: '居民不满意' } })
	}
];

export const MEETING_ROWS: Row[] = [
	{ op: 'GET /meetings', allow: SIGNED_IN, req: get('/meetings') },
	{
		op: 'POST /meetings',
		allow: ['admin', 'chair'],
		req: () => ({
			path: '/meetings',
			body: {
				type: 'monthly_joint',
				title: uniq('月度联席会议'),
				startsAt: inDays(2),
				endsAt: inDays(2.1)
			}
		})
	},
	{
		op: 'GET /meetings/{id}',
		variant: 'live, public',
		allow: SIGNED_IN,
		req: (w) => ({ path: `/meetings/${w.ids.liveMeeting}` })
	},
	{
		op: 'GET /meetings/{id}',
		variant: 'members only, U1 not invited',
		allow: ['admin', 'chair', 'recorder', 'supervisor'],
		denied: 404,
		req: (w) => ({ path: `/meetings/${w.ids.closedDoors}` })
	},
	{
		op: 'PATCH /meetings/{id}',
		allow: ['admin', 'chair'],
		req: (w) => ({ path: `/meetings/${w.ids.scheduled}`, body: { place: '街道会议室' } })
	},
	{
		op: 'GET /meetings/{id}/agenda',
		allow: SIGNED_IN,
		req: (w) => ({ path: `/meetings/${w.ids.scheduled}/agenda` })
	},
	{
		op: 'POST /meetings/{id}/agenda/needs',
		// Those who handle needs or run the meeting, and who may edit its agenda: a liaison
		// handles needs but does not edit agendas; an invited member edits the agenda but does
		// not decide which needs go on it.
		allow: ['admin', 'chair'],
		req: async (w) => ({
			path: `/meetings/${w.ids.scheduled}/agenda/needs`,
			body: { needIds: [await newNeed(w, {}, true)], title: uniq('议题') }
		})
	},
	{
		op: 'POST /meetings/{id}/start',
		allow: ['admin', 'chair'],
		req: async (w) => ({ path: `/meetings/${await newMeeting(w, 'scheduled')}/start` })
	},
	{
		op: 'POST /meetings/{id}/close',
		allow: ['admin', 'chair'],
		req: async (w) => ({ path: `/meetings/${await newMeeting(w, 'live')}/close` })
	},
	...(['attendance', 'hall', 'questions', 'speeches', 'motions'] as const).map((what): Row => ({
		op: `GET /meetings/{id}/${what}`,
		allow: SIGNED_IN,
		req: (w) => ({ path: `/meetings/${w.ids.liveMeeting}/${what}` })
	})),
	...(['minutes', 'minutes.md'] as const).map((what): Row => ({
		op: `GET /meetings/{id}/${what}`,
		// Draft minutes: those running the meeting and those invited; residents wait for approval
		// (and are answered as if there were none yet).
		allow: STAFF,
		denied: 404,
		req: (w) => ({ path: `/meetings/${w.ids.liveMeeting}/${what}` })
	})),
	{
		op: 'GET /meetings/{id}/proxies',
		// Who holds whose vote: whoever may see the meeting.
		allow: SIGNED_IN,
		req: (w) => ({ path: `/meetings/${w.ids.liveMeeting}/proxies` })
	},
	{
		op: 'PUT /meetings/{id}/proxy',
		// A voting member invited to the meeting (or the chair) hands their vote to another member.
		allow: ['chair', 'member'],
		req: async (w) => ({
			path: `/meetings/${await newMeeting(w, 'live')}/proxy`,
			body: { toUserId: w.ids.member2 }
		})
	},
	{
		op: 'DELETE /meetings/{id}/proxy',
		allow: ['chair', 'member'],
		req: async (w, who) => {
			const id = await newMeeting(w, 'live');
			if (who === 'chair' || who === 'member')
				await must(w, who, 'PUT', `/meetings/${id}/proxy`, { toUserId: w.ids.member2 });
			return { path: `/meetings/${id}/proxy` };
		}
	}
];

export const VOTE_ROWS: Row[] = [
	{ op: 'GET /votes', allow: SIGNED_IN, req: get('/votes') },
	{
		op: 'POST /votes',
		allow: ['admin', 'chair', 'recorder'],
		req: () => ({
			path: '/votes',
			body: {
				title: uniq('意见征询'),
				method: 'yna',
				secret: false,
				electorate: 'members',
				closesAt: inDays(1)
			}
		})
	},
	{
		op: 'GET /votes/{id}',
		variant: "members' poll",
		allow: STAFF,
		denied: 404,
		req: (w) => ({ path: `/votes/${w.ids.poll}` })
	},
	{
		op: 'GET /votes/{id}',
		variant: "residents' poll",
		allow: SIGNED_IN,
		req: async (w) => ({ path: `/votes/${await newPoll(w, 'open', { electorate: 'residents' })}` })
	},
	{
		op: 'POST /votes/{id}/ballots',
		variant: "residents' poll",
		// The roll is the committee's residents: staff are not on it.
		allow: ['resident'],
		req: async (w) => ({
			path: `/votes/${await newPoll(w, 'open', { electorate: 'residents' })}/ballots`,
			body: { choice: 'yes' }
		})
	},
	{
		op: 'GET /votes/{id}/roll',
		allow: STAFF,
		denied: 404,
		req: (w) => ({ path: `/votes/${w.ids.poll}/roll` })
	},
	{
		op: 'DELETE /votes/{id}',
		allow: ['admin', 'chair', 'recorder'],
		// Residents do not see a members' poll.
		except: { resident: 404 },
		req: async (w) => ({ path: `/votes/${await newPoll(w, 'draft')}` })
	},
	{
		op: 'POST /votes/{id}/open',
		allow: ['admin', 'chair', 'recorder'],
		// Residents do not see a members' poll.
		except: { resident: 404 },
		req: async (w) => ({ path: `/votes/${await newPoll(w, 'draft')}/open` })
	},
	{
		op: 'POST /votes/{id}/close',
		allow: ['admin', 'chair', 'recorder'],
		// Residents do not see a members' poll.
		except: { resident: 404 },
		req: async (w) => ({ path: `/votes/${await newPoll(w, 'open')}/close` })
	},
	{
		op: 'POST /votes/{id}/ballots',
		// A members' poll's roll: the voting members (the chair and the unit representatives).
		allow: ['chair', 'member'],
		except: { resident: 404 },
		req: async (w) => ({
			path: `/votes/${await newPoll(w, 'open')}/ballots`,
			body: { choice: 'yes' }
		})
	},
	{
		op: 'POST /votes/{id}/casting-vote',
		allow: ['chair'],
		except: { resident: 404 },
		req: async (w) => {
			const t = await tiedPoll(w);
			return { path: `/votes/${t.id}/casting-vote`, body: { optionId: t.optionId } };
		}
	},
	{
		op: 'POST /votes/{id}/revote',
		allow: ['admin', 'chair', 'recorder'],
		except: { resident: 404 },
		req: async (w) => ({ path: `/votes/${(await tiedPoll(w)).id}/revote` })
	},
	{
		op: 'POST /votes/{id}/room-count',
		allow: ['admin', 'chair', 'recorder'],
		passed: { also: [409], why: 'a poll between meetings has no room to count' },
		except: { resident: 404 },
		req: async (w) => ({
			path: `/votes/${await newPoll(w, 'open')}/room-count`,
			body: { seats: [`u:${w.ids.member2}`], counts: { yes: 1 } }
		})
	},
	{
		op: 'POST /motions',
		allow: ['admin', 'chair', 'recorder'],
		req: (w) => ({
			path: '/motions',
			body: { title: uniq('动议'), text: '动议全文。', meetingId: w.ids.liveMeeting }
		})
	},
	{ op: 'GET /motions/{id}', allow: SIGNED_IN, req: (w) => ({ path: `/motions/${w.ids.motion}` }) },
	{
		op: 'PATCH /motions/{id}',
		allow: ['admin', 'chair', 'recorder'],
		req: (w) => ({ path: `/motions/${w.ids.motion}`, body: { text: uniq('动议全文（修改）') } })
	},
	{ op: 'GET /resolutions', allow: SIGNED_IN, req: get('/resolutions') },
	{
		op: 'GET /resolutions/{id}',
		allow: SIGNED_IN,
		req: (w) => ({ path: `/resolutions/${w.ids.resolution}` })
	},
	{
		op: 'GET /resolutions/{id}/trace',
		allow: SIGNED_IN,
		req: (w) => ({ path: `/resolutions/${w.ids.resolution}/trace` })
	}
];

export const TASK_ROWS: Row[] = [
	{ op: 'GET /tasks', allow: SIGNED_IN, req: get('/tasks') },
	{
		op: 'POST /tasks',
		allow: ['admin'],
		req: (w) => ({
			path: '/tasks',
			body: { title: uniq('任务'), leadUnitId: w.ids.u1, dueAt: inDays(14) }
		})
	},
	{
		op: 'GET /tasks/{id}',
		// A task answering no need or public resolution: residents do not see it.
		allow: STAFF,
		denied: 404,
		req: (w) => ({ path: `/tasks/${w.ids.task}` })
	},
	{
		op: 'GET /tasks/{id}',
		variant: 'answering a public need',
		allow: SIGNED_IN,
		req: async (w) => {
			const t = await must(w, 'admin', 'POST', '/tasks', {
				title: uniq('处理需求'),
				leadUnitId: w.ids.u1,
				dueAt: inDays(14),
				needIds: [await newNeed(w, {}, true)]
			});
			return { path: `/tasks/${t.id}` };
		}
	},
	{
		op: 'GET /tasks/{id}/ratings',
		allow: STAFF,
		denied: 404,
		req: (w) => ({ path: `/tasks/${w.ids.task}/ratings` })
	},
	{
		op: 'PATCH /tasks/{id}',
		allow: ['admin'],
		except: { resident: 404 },
		req: (w) => ({ path: `/tasks/${w.ids.task}`, body: { description: uniq('说明') } })
	},
	...(
		[
			['accept', 'pending', UNIT, undefined],
			['return', 'pending', UNIT, { reason: '不属于本单位职责' }],
			['reports', 'accepted', UNIT, { progress: 30, text: '已开始' }],
			['submit', 'accepted', UNIT, undefined],
			['cancel', 'pending', ['admin'], { reason: '情况已变化' }],
			['approve', 'submitted', ['admin'], undefined],
			['reject', 'submitted', ['admin'], { reason: '材料不全' }]
		] as const
	).map(([verb, stage, allow, body]): Row => ({
		op: `POST /tasks/{id}/${verb}`,
		allow,
		except: { resident: 404 },
		req: async (w) => ({ path: `/tasks/${await newTask(w, stage)}/${verb}`, body })
	})),
	{ op: 'GET /summons', allow: STAFF, req: get('/summons') },
	{
		op: 'POST /summons',
		allow: ['admin'],
		req: (w) => ({
			path: '/summons',
			body: { title: uniq('召集'), unitIds: [w.ids.u1], respondHours: 24 }
		})
	},
	{
		op: 'GET /summons/{id}',
		allow: STAFF,
		denied: 404,
		req: (w) => ({ path: `/summons/${w.ids.summons}` })
	},
	{
		op: 'POST /summons/{id}/respond',
		allow: UNIT,
		except: { resident: 404 },
		req: async (w) => ({
			path: `/summons/${await newSummons(w)}/respond`,
			body: { unitId: w.ids.u1, response: '可以参加' }
		})
	}
];

export const OVERSIGHT_ROWS: Row[] = [
	{ op: 'GET /supervision', allow: ['admin', 'chair', 'supervisor'], req: get('/supervision') },
	{
		op: 'GET /dashboard',
		allow: ['admin', 'chair', 'recorder', 'supervisor'],
		req: get('/dashboard')
	},
	{
		op: 'GET /notices',
		// The notices the caller may read: an empty list for those who may read none.
		allow: SIGNED_IN,
		req: get('/notices')
	},
	{
		op: 'POST /notices',
		allow: ['admin', 'supervisor'],
		except: { resident: 404 },
		req: (w) => ({
			path: '/notices',
			body: { taskId: w.ids.task, unitId: w.ids.u1, text: '请说明进度', replyBy: inDays(3) }
		})
	},
	{
		op: 'GET /notices/{id}',
		allow: ['admin', 'chair', 'supervisor', 'member', 'liaison'],
		denied: 404,
		req: (w) => ({ path: `/notices/${w.ids.notice}` })
	},
	{
		op: 'POST /notices/{id}/reply',
		allow: UNIT,
		// Those who may not read the notice are answered as if there were none.
		except: { resident: 404, recorder: 404 },
		req: async (w) => ({ path: `/notices/${await newNotice(w)}/reply`, body: { text: '正在推进' } })
	},
	{
		op: 'GET /units/{id}/resources',
		allow: STAFF,
		// Resources are the committee staff's: hidden from residents.
		except: { resident: 404 },
		req: (w) => ({ path: `/units/${w.ids.u1}/resources` })
	},
	{
		op: 'POST /units/{id}/resources',
		allow: ['admin', ...UNIT],
		// Resources are the committee staff's: hidden from residents.
		except: { resident: 404 },
		req: (w) => ({
			path: `/units/${w.ids.u1}/resources`,
			body: { kind: 'equipment', name: uniq('投影仪') }
		})
	},
	{
		op: 'PATCH /resources/{id}',
		allow: ['admin', ...UNIT],
		// Resources are the committee staff's: hidden from residents.
		except: { resident: 404 },
		req: (w) => ({ path: `/resources/${w.ids.resource}`, body: { note: uniq('备注') } })
	},
	{
		op: 'DELETE /resources/{id}',
		allow: ['admin', ...UNIT],
		// Resources are the committee staff's: hidden from residents.
		except: { resident: 404 },
		req: async (w) => ({ path: `/resources/${await newResource(w)}` })
	},
	{ op: 'GET /projects', allow: SIGNED_IN, req: get('/projects') },
	{
		op: 'POST /projects',
		allow: ['admin'],
		req: () => ({
			path: '/projects',
			body: { title: uniq('为民办实事'), quarter: '2027-Q1', budget: 5000 }
		})
	},
	{
		op: 'GET /projects/{id}',
		allow: SIGNED_IN,
		req: (w) => ({ path: `/projects/${w.ids.project}` })
	},
	{
		op: 'PATCH /projects/{id}',
		allow: ['admin'],
		// A draft project is the secretary's alone: hidden from everyone else.
		denied: 404,
		req: async (w) => ({
			path: `/projects/${await newProject(w, 'draft')}`,
			body: { description: '修改说明' }
		})
	},
	{
		op: 'POST /projects/{id}/publish',
		allow: ['admin'],
		// A draft project is the secretary's alone: hidden from everyone else.
		denied: 404,
		req: async (w) => ({ path: `/projects/${await newProject(w, 'draft')}/publish` })
	},
	{
		op: 'POST /projects/{id}/claim',
		allow: UNIT,
		req: async (w) => ({
			path: `/projects/${await newProject(w, 'published')}/claim`,
			body: { unitId: w.ids.u1 }
		})
	},
	{
		op: 'GET /projects/{id}/spending',
		allow: SIGNED_IN,
		req: (w) => ({ path: `/projects/${w.ids.claimedProject}/spending` })
	},
	{
		op: 'POST /projects/{id}/spending',
		allow: ['admin', ...UNIT],
		req: (w) => ({
			path: `/projects/${w.ids.claimedProject}/spending`,
			body: { amount: '100.50', item: uniq('材料费'), spentOn: '2026-11-20' }
		})
	}
];

/**
 * The same operations on another unit's things (U2's): member1 and liaison1 act for U1 only,
 * whatever id or `unitId` they send.
 */
export const OTHER_UNIT_ROWS: Row[] = [
	...(
		[
			['accept', 'pending'],
			['reports', 'accepted'],
			['submit', 'accepted']
		] as const
	).map(([verb, stage]): Row => ({
		op: `POST /tasks/{id}/${verb}`,
		variant: "another unit's task",
		allow: [],
		except: { resident: 404 },
		req: async (w) => ({
			path: `/tasks/${await newTask(w, stage, 'u2')}/${verb}`,
			body: verb === 'reports' ? { progress: 30, text: '已开始' } : undefined
		})
	})),
	{
		op: 'POST /summons/{id}/respond',
		variant: 'summons to another unit',
		allow: [],
		except: { resident: 404 },
		req: async (w) => ({
			path: `/summons/${await newSummons(w, 'u2')}/respond`,
			body: { unitId: w.ids.u2, response: '可以参加' }
		})
	},
	{
		op: 'POST /summons/{id}/respond',
		variant: 'summons to both units, answered for the other',
		allow: [],
		except: { resident: 404 },
		req: async (w) => {
			const s = await must(w, 'admin', 'POST', '/summons', {
				title: uniq('召集'),
				unitIds: [w.ids.u1, w.ids.u2],
				respondHours: 24
			});
			return { path: `/summons/${s.id}/respond`, body: { unitId: w.ids.u2, response: '可以' } };
		}
	},
	{
		op: 'POST /notices/{id}/reply',
		variant: 'notice to another unit',
		allow: [],
		// A unit reads only its own notices: another unit's is answered as if there were none.
		except: { resident: 404, recorder: 404, member: 404, liaison: 404 },
		req: async (w) => ({
			path: `/notices/${await newNotice(w, 'u2')}/reply`,
			body: { text: '收到' }
		})
	},
	{
		op: 'POST /units/{id}/resources',
		variant: "another unit's list",
		allow: ['admin'],
		except: { resident: 404 },
		req: (w) => ({
			path: `/units/${w.ids.u2}/resources`,
			body: { kind: 'equipment', name: uniq('音响') }
		})
	},
	{
		op: 'PATCH /resources/{id}',
		variant: "another unit's resource",
		allow: ['admin'],
		except: { resident: 404 },
		req: async (w) => ({ path: `/resources/${await newResource(w, 'u2')}`, body: { note: '改' } })
	},
	{
		op: 'DELETE /resources/{id}',
		variant: "another unit's resource",
		allow: ['admin'],
		except: { resident: 404 },
		req: async (w) => ({ path: `/resources/${await newResource(w, 'u2')}` })
	},
	{
		op: 'POST /projects/{id}/claim',
		variant: 'for another unit',
		allow: [],
		req: async (w) => ({
			path: `/projects/${await newProject(w, 'published')}/claim`,
			body: { unitId: w.ids.u2 }
		})
	},
	{
		op: 'POST /projects/{id}/spending',
		variant: 'project claimed by another unit',
		allow: ['admin'],
		req: async (w) => ({
			path: `/projects/${await newProject(w, 'claimed', 'u2')}/spending`,
			body: { amount: '10', item: uniq('材料费'), spentOn: '2026-11-20' }
		})
	},
	{
		op: 'POST /votes/{id}/ballots',
		variant: "in another member's seat",
		allow: [],
		except: { resident: 404 },
		req: async (w) => ({
			path: `/votes/${await newPoll(w, 'open')}/ballots`,
			body: { choice: 'yes', seat: `u:${w.ids.member2}` }
		})
	},
	{
		op: 'GET /meetings/{id}/minutes',
		variant: 'members only, U1 not invited',
		allow: ['admin', 'chair', 'recorder', 'supervisor'],
		denied: 404,
		req: (w) => ({ path: `/meetings/${w.ids.closedDoors}/minutes` })
	},
	{
		op: 'GET /meetings/{id}',
		variant: "public, for another community's residents",
		allow: ['admin', 'chair', 'member', 'liaison', 'recorder', 'supervisor'],
		denied: 404,
		req: (w) => ({ path: `/meetings/${w.ids.otherCommunity}` })
	},
	{
		op: 'GET /needs/{id}/trace',
		variant: 'private',
		allow: ['admin', 'liaison', 'supervisor'],
		denied: 404,
		req: (w) => ({ path: `/needs/${w.ids.privateNeed}/trace` })
	}
];

export const OTHER_ROWS: Row[] = [
	{ op: 'GET /openapi.json', allow: EVERYONE, anonymous: 'ok', req: get('/openapi.json') },
	...(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const).map((m): Row => ({
		op: `${m} /{...rest}`,
		// Unknown API paths: problem+json 404 for everyone, signed in or not.
		allow: [],
		denied: 404,
		anonymous: 404,
		req: () => ({ path: '/no-such-thing', body: m === 'GET' ? undefined : {} })
	}))
];

export const ROWS: Row[] = [
	...ACCOUNT_ROWS,
	...ORG_ROWS,
	...NEED_ROWS,
	...MEETING_ROWS,
	...VOTE_ROWS,
	...TASK_ROWS,
	...OVERSIGHT_ROWS,
	...OTHER_UNIT_ROWS,
	...OTHER_ROWS
];

/** The expected outcome of one cell. */
export function expected(row: Row, who: Who): Outcome {
	if (row.except?.[who] !== undefined) return row.except[who]!;
	if (who === 'anonymous') return row.anonymous ?? 401;
	return row.allow.includes(who) ? 'ok' : (row.denied ?? 403);
}
