import { endpoint } from '$lib/server/api/endpoint';
import { getMinutesMarkdown } from '$lib/server/api/contracts/hall';
import { fileResponse } from '$lib/server/http/files';
import { markdownFile } from '$lib/server/minutes/export';

export const GET = endpoint(getMinutesMarkdown, ({ db, actor, params, event }) =>
	fileResponse(markdownFile(db, actor, params.id!, event.locals.locale))
);
