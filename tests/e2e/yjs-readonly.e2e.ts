/**
 * When the server says a shared document is read-only for this connection (y-protocols' auth
 * message "permission denied", e.g. after the person's access changed while the page was open),
 * the editor locks and says so, even though the page was rendered for a writer. The server's
 * side (who is told, and when) is tested in tests/integration/yjs-readonly.test.ts; here the
 * message is added to the real server's stream, so only the browser's reaction is under test.
 */
import { expect, test } from '@playwright/test';
import { openPerson, openUnit, signIn, syncedDutyList } from './helpers';

const UNIT = '区城市管理局'; // liaison1's unit: the page is rendered for a writer

/** `[2 auth][0 permission denied][varstring reason]`, as server/yjs/protocol.ts encodes it. */
function permissionDenied(reason: string): Buffer {
	const text = Buffer.from(reason, 'utf8');
	return Buffer.concat([Buffer.from([2, 0, text.length]), text]);
}

for (const denied of [true, false]) {
	test(`a writer's duty list ${denied ? 'locks and says read-only when the server says so' : 'stays editable without the message (the test can tell)'}`, async ({
		browser
	}) => {
		const liaison = await openPerson(browser);
		await signIn(liaison.page, 'liaison1');
		await liaison.page.routeWebSocket(/\/yjs\//, (ws) => {
			const server = ws.connectToServer();
			if (denied) ws.send(permissionDenied('read-only'));
			void server;
		});
		await openUnit(liaison.page, UNIT);
		const duties = await syncedDutyList(liaison.page);
		const note = liaison.page.getByTestId('doc-readonly');
		if (denied) {
			await expect(note).toBeVisible();
			await expect(note).toHaveText(/只读|Read-only/);
			await expect(duties).toHaveAttribute('readonly', '');
			const before = await duties.inputValue();
			await duties.press('End').catch(() => {});
			await duties.pressSequentially('X', { delay: 10 }).catch(() => {});
			await expect(duties).toHaveValue(before);
		} else {
			await expect(note).toHaveCount(0);
			await expect(duties).not.toHaveAttribute('readonly', '');
		}
		await liaison.context.close();
	});
}
