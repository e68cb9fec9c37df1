import { endpoint } from '$lib/server/api/endpoint';
import * as api from '$lib/server/api/contracts/ratings';
import { resolutionTrace } from '$lib/server/insight/trace';
import { traceForApi } from '$lib/server/insight/trace-api';

export const GET = endpoint(api.resolutionTrace, ({ db, actor, params }) =>
	traceForApi(resolutionTrace(db, actor, params.id!))
);
