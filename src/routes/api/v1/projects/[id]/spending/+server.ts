import { endpoint } from '$lib/server/api/endpoint';
import * as api from '$lib/server/api/contracts/projects';
import { AppError } from '$lib/server/errors';
import * as projects from '$lib/server/projects';
import { fenToYuan } from '$lib/shared/projects/money';
import { spendingInput } from '$lib/shared/schemas/projects';
import { parseInput } from '$lib/server/errors';
import { parseJsonBody, refuseBadText } from '$lib/server/http/text';

export const GET = endpoint(api.listSpending, ({ db, actor, params }) => {
	const p = projects.getProject(db, actor, params.id!);
	return {
		items: p.spending.map(projects.spendingForApi),
		nextCursor: null,
		budget: fenToYuan(p.budget),
		spent: fenToYuan(p.spent),
		remaining: fenToYuan(p.remaining)
	};
});

const MAX_JSON = 64 * 1024;

/** The entry's fields: JSON, or a multipart form that may also carry the receipt. */
async function readEntry(request: Request): Promise<{ fields: unknown; form: FormData | null }> {
	const type = request.headers.get('content-type') ?? '';
	if (/^multipart\/form-data\b/i.test(type)) {
		let form: FormData;
		try {
			form = await request.formData();
		} catch {
			throw new AppError(400, 'err.malformed');
		}
		const text = (k: string) => {
			const v = form.get(k);
			return typeof v === 'string' ? v : undefined;
		};
		const fields = { amount: text('amount'), item: text('item'), spentOn: text('spentOn') };
		refuseBadText(fields);
		return { fields, form };
	}
	if (!/^application\/json\b/i.test(type)) throw new AppError(400, 'err.malformed');
	const raw = new Uint8Array(await request.arrayBuffer());
	if (raw.byteLength > MAX_JSON) throw new AppError(413, 'err.tooLarge');
	return { fields: parseJsonBody(raw), form: null };
}

export const POST = endpoint(api.recordSpending, async ({ db, actor, params, event }) => {
	// 404 before reading a large body for a project the caller cannot see.
	projects.getProject(db, actor, params.id!);
	const { fields, form } = await readEntry(event.request);
	// Fields are checked before a receipt is stored, so a wrong amount leaves no file behind.
	const input = parseInput(spendingInput, fields);
	const receipt = form ? await projects.readReceiptUpload(form) : null;
	let id: string;
	try {
		id = projects.recordSpending(db, actor, params.id!, input, receipt);
	} catch (err) {
		if (receipt) projects.removeReceipt(receipt.file);
		throw err;
	}
	const entry = projects.listSpending(db, actor, params.id!).find((s) => s.id === id)!;
	return projects.spendingForApi(entry);
});
