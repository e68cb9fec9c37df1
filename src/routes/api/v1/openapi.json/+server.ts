import { json } from '@sveltejs/kit';
import { openApiDocument } from '$lib/server/api/openapi';

export const GET = ({ url }) => json(openApiDocument(url.origin));
