import { endpoint } from '$lib/server/api/endpoint';
import { supportNeed, withdrawSupport } from '$lib/server/api/contracts/needs';
import * as needs from '$lib/server/needs';

export const POST = endpoint(supportNeed, ({ db, actor, params }) =>
	needs.supportNeed(db, actor, params.id!)
);
export const DELETE = endpoint(withdrawSupport, ({ db, actor, params }) =>
	needs.withdrawSupport(db, actor, params.id!)
);
