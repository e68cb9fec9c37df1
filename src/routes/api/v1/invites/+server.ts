import { endpoint } from '$lib/server/api/endpoint';
import { createInvite, listInvites } from '$lib/server/api/contracts/org';
import * as org from '$lib/server/org/org';

type Invite = ReturnType<typeof org.listInvites>[number];
const out = ({
	committeeId: _c,
	createdBy: _b,
	createdAt: _a,
	...i
}: Omit<Invite, 'communityName'>) => i;

export const GET = endpoint(listInvites, ({ db, actor }) => ({
	items: org
		.listInvites(db, actor, org.committeeOf(actor))
		.map(({ communityName: _, ...i }) => out(i)),
	nextCursor: null
}));
export const POST = endpoint(createInvite, ({ db, actor, body }) =>
	out(org.createInvite(db, actor, org.committeeOf(actor), body))
);
