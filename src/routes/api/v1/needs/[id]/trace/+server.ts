import { endpoint } from '$lib/server/api/endpoint';
import * as api from '$lib/server/api/contracts/ratings';
import { needTrace } from '$lib/server/insight/trace';
import { traceForApi } from '$lib/server/insight/trace-api';

export const GET = endpoint(api.needTrace, ({ db, actor, params }) =>
	traceForApi(needTrace(db, actor, params.id!))
);
