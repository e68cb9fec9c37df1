import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startApp, type TestApp } from '../helpers/app';
import { connectDoc, waitFor } from '../helpers/yjs-client';
import { units } from '../../src/lib/server/db/schema';
import { readStoredDoc } from '../../src/lib/server/docs/store';

let t: TestApp;
let doc: string;

beforeAll(async () => {
	t = await startApp();
	const unit = t.db.select().from(units).where(eq(units.name, '区城市管理局')).get()!;
	doc = `unit/${unit.id}/duties`;
});
afterAll(() => t.close());

describe('Yjs document sync', () => {
	it('two writers converge and the database holds the result', async () => {
		const a = connectDoc(t.wsUrl, doc, { cookie: t.cookie('admin'), origin: t.origin });
		const b = connectDoc(t.wsUrl, doc, { cookie: t.cookie('liaison1'), origin: t.origin });
		await Promise.all([a.synced, b.synced]);
		expect(a.doc.getText('duties').toString()).toContain('垃圾分类');
		a.doc.getText('duties').insert(0, 'A');
		b.doc.getText('duties').insert(0, 'B');
		await waitFor(
			() =>
				a.doc.getText('duties').toString() === b.doc.getText('duties').toString() &&
				a.doc.getText('duties').length > 30
		);
		const stored = readStoredDoc(t.db, doc).getText('duties').toString();
		expect(stored).toBe(a.doc.getText('duties').toString());
		a.destroy();
		b.destroy();
	});
});
