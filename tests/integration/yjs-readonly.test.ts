/**
 * Promise 9: read-only is enforced by the server. A resident's connection to a unit's duty list
 * is read-only; writes sent on it with hand-built y-protocols frames change nothing stored or
 * loaded, reach no other client, and the connection keeps receiving the writers' updates.
 * The client is told: y-protocols' auth message "permission denied" (reason `read-only`) comes
 * before anything else, and once more (`read-only: edit dropped`) when it writes anyway.
 *
 * "Reaches no one" is checked with barriers rather than waits: the server handles a
 * connection's frames in order, so once the read-only client has its answer to a SyncStep1 sent
 * after the forged frames, the server has handled them; and a later writer update arriving at
 * the observer proves anything relayed before it has arrived too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import * as authProtocol from 'y-protocols/auth';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { startApp, type TestApp } from '../helpers/app';
import { connectDoc, waitFor, type TestDocClient } from '../helpers/yjs-client';
import { docUpdates, units } from '../../src/lib/server/db/schema';
import {
	forge,
	MESSAGE_AUTH,
	MESSAGE_SYNC,
	RawPeer,
	syncStep2Frame,
	updateFrame
} from '../helpers/raw-yjs-peer';
import { readStoredDoc } from '../../src/lib/server/docs/store';
import { YJS_DENIED } from '../../src/lib/shared/events';
import { DUTIES_TEXT } from '../../src/lib/shared/doc-names';

const dutiesOf = (peer: RawPeer) => peer.doc.getText(DUTIES_TEXT).toString();

let t: TestApp;
let docName: string;
let url: string;

function storedRows() {
	return t.db
		.select({ seq: docUpdates.seq, update: docUpdates.update })
		.from(docUpdates)
		.where(eq(docUpdates.docName, docName))
		.orderBy(asc(docUpdates.seq))
		.all()
		.map((r) => `${r.seq}:${Buffer.from(r.update).toString('base64')}`);
}

function liveDoc(): Y.Doc {
	const shared = t.app.realtime.yjs.docs.get(docName);
	if (!shared) throw new Error('document not loaded');
	return shared.doc;
}

const clientsIn = (doc: Y.Doc) => [...Y.decodeStateVector(Y.encodeStateVector(doc)).keys()];

beforeAll(async () => {
	t = await startApp();
	const unit = t.db.select().from(units).where(eq(units.name, '区城市管理局')).get()!;
	docName = `unit/${unit.id}/duties`;
	url = `${t.wsUrl}/yjs/${docName}`;
});
afterAll(() => t.close());

describe('read-only connections (hand-built frames)', () => {
	it('writes from a resident change nothing, reach no one, and the resident still receives updates', async () => {
		// A writer (the unit's liaison), an observer (the chair, read-only) and the resident.
		const writer: TestDocClient = connectDoc(t.wsUrl, docName, {
			cookie: t.cookie('liaison1'),
			origin: t.origin
		});
		const observer = new RawPeer(url, { cookie: t.cookie('chair'), origin: t.origin });
		const resident = new RawPeer(url, { cookie: t.cookie('resident1'), origin: t.origin });
		await Promise.all([writer.synced, observer.opened, resident.opened]);
		await Promise.all([observer.barrier(), resident.barrier()]);
		expect(dutiesOf(resident)).toContain('垃圾分类');

		const rowsBefore = storedRows();
		const svBefore = Y.encodeStateVector(liveDoc());
		const textBefore = liveDoc().getText(DUTIES_TEXT).toString();
		expect(rowsBefore.length).toBeGreaterThan(0);

		// Every kind of write, as Update and as SyncStep2 frames.
		const insert = forge(resident.doc, (d) => d.getText(DUTIES_TEXT).insert(0, 'EVIL-INSERT '));
		const append = forge(resident.doc, (d) =>
			d.getText(DUTIES_TEXT).insert(d.getText(DUTIES_TEXT).length, ' EVIL-APPEND')
		);
		const wipe = forge(resident.doc, (d) =>
			d.getText(DUTIES_TEXT).delete(0, d.getText(DUTIES_TEXT).length)
		);
		const format = forge(resident.doc, (d) => d.getText(DUTIES_TEXT).format(0, 3, { bold: true }));
		const newRoot = forge(resident.doc, (d) => d.getMap('meta').set('owner', 'resident1'));
		// A fresh doc's full state: content from a client id the server has never seen.
		const fresh = new Y.Doc();
		fresh.getText(DUTIES_TEXT).insert(0, 'EVIL-FRESH ');
		const forgedIds = [insert, append, wipe, format, newRoot]
			.map((f) => f.doc.clientID)
			.concat(fresh.clientID);

		resident.send(updateFrame(insert.update));
		resident.send(updateFrame(wipe.update));
		resident.send(updateFrame(format.update));
		resident.send(syncStep2Frame(append.doc, Y.encodeStateVector(resident.doc)));
		resident.send(syncStep2Frame(newRoot.doc));
		resident.send(syncStep2Frame(fresh));
		resident.send(updateFrame(Y.encodeStateAsUpdate(fresh)));
		// Some frames repeated after others, as a client retrying would.
		resident.send(updateFrame(insert.update));
		resident.send(syncStep2Frame(wipe.doc, Y.encodeStateVector(resident.doc)));
		await resident.barrier();

		// Nothing stored, nothing loaded, and the resident is still connected.
		expect(storedRows()).toEqual(rowsBefore);
		expect(Buffer.from(Y.encodeStateVector(liveDoc()))).toEqual(Buffer.from(svBefore));
		expect(liveDoc().getText(DUTIES_TEXT).toString()).toBe(textBefore);
		expect(liveDoc().share.has('meta')).toBe(false);
		expect(liveDoc().store.pendingStructs).toBeNull();
		expect(liveDoc().store.pendingDs).toBeNull();
		expect(resident.closed).toBeNull();
		expect(resident.ws.readyState).toBe(WebSocket.OPEN);

		// A writer edits after the forged frames; once the observer has it, anything relayed
		// before it would have arrived too.
		const observerUpdates = observer.updates;
		writer.doc.getText(DUTIES_TEXT).insert(0, 'WRITER-1 ');
		await waitFor(() => dutiesOf(observer).startsWith('WRITER-1 '));
		expect(observer.updates).toBe(observerUpdates + 1);
		expect(dutiesOf(observer)).not.toContain('EVIL');
		expect(writer.doc.getText(DUTIES_TEXT).toString()).not.toContain('EVIL');
		for (const id of forgedIds) {
			expect(clientsIn(observer.doc)).not.toContain(id);
			expect(clientsIn(writer.doc)).not.toContain(id);
			expect(clientsIn(liveDoc())).not.toContain(id);
		}
		expect(writer.doc.share.has('meta')).toBe(false);

		// The read-only connection still receives the writer's update.
		await waitFor(() => dutiesOf(resident).includes('WRITER-1 '));

		// What is stored is the writer's text and nothing of the resident's.
		const stored = readStoredDoc(t.db, docName);
		expect(stored.getText(DUTIES_TEXT).toString()).toBe(writer.doc.getText(DUTIES_TEXT).toString());
		expect(stored.getText(DUTIES_TEXT).toString()).not.toContain('EVIL');
		for (const id of forgedIds) expect(clientsIn(stored)).not.toContain(id);

		writer.destroy();
		observer.close();
		resident.close();
		await waitFor(() => t.app.realtime.yjs.docs.size === 0);
	});

	it('a read-only y-websocket client editing locally changes nothing on the server', async () => {
		const writer = connectDoc(t.wsUrl, docName, { cookie: t.cookie('admin'), origin: t.origin });
		const reader = connectDoc(t.wsUrl, docName, {
			cookie: t.cookie('resident2'),
			origin: t.origin
		});
		await Promise.all([writer.synced, reader.synced]);
		const rowsBefore = storedRows();

		// The provider sends this as an Update frame on its connection.
		reader.doc.getText(DUTIES_TEXT).insert(0, 'EVIL-PROVIDER ');
		const probe = new RawPeer(url, { cookie: t.cookie('resident3'), origin: t.origin });
		await probe.opened;
		// The reader's frame was sent before the probe connected; give the server the reader's
		// next frame as a barrier: an awareness-free SyncStep1 on the same connection.
		const ws = reader.provider.ws!;
		await new Promise<void>((resolve) => {
			const onMessage = (ev: { data: unknown }) => {
				const data = new Uint8Array(ev.data as ArrayBuffer);
				if (data[0] === MESSAGE_SYNC && data[1] === syncProtocol.messageYjsSyncStep2) {
					ws.removeEventListener('message', onMessage);
					resolve();
				}
			};
			ws.addEventListener('message', onMessage);
			const e = encoding.createEncoder();
			encoding.writeVarUint(e, MESSAGE_SYNC);
			syncProtocol.writeSyncStep1(e, reader.doc);
			ws.send(encoding.toUint8Array(e));
		});
		expect(storedRows()).toEqual(rowsBefore);
		expect(liveDoc().getText(DUTIES_TEXT).toString()).not.toContain('EVIL');

		writer.doc.getText(DUTIES_TEXT).insert(0, 'WRITER-2 ');
		await probe.barrier();
		await waitFor(() => dutiesOf(probe).startsWith('WRITER-2 '));
		expect(dutiesOf(probe)).not.toContain('EVIL');
		expect(writer.doc.getText(DUTIES_TEXT).toString()).not.toContain('EVIL');
		// The read-only client still gets the writer's edit (beside its own local, unsynced one).
		await waitFor(() => reader.doc.getText(DUTIES_TEXT).toString().includes('WRITER-2 '));
		expect(readStoredDoc(t.db, docName).getText(DUTIES_TEXT).toString()).not.toContain('EVIL');

		writer.destroy();
		reader.destroy();
		probe.close();
	});

	it('a reader is not listed among those editing: their awareness is dropped, and they still see the editors', async () => {
		const writer = connectDoc(t.wsUrl, docName, { cookie: t.cookie('admin'), origin: t.origin });
		const reader = connectDoc(t.wsUrl, docName, {
			cookie: t.cookie('resident2'),
			origin: t.origin
		});
		await Promise.all([writer.synced, reader.synced]);
		reader.provider.awareness.setLocalStateField('user', {
			id: t.userId('resident2'),
			name: '读者'
		});
		writer.provider.awareness.setLocalStateField('user', { id: t.userId('admin'), name: '秘书' });
		await waitFor(() =>
			[...reader.provider.awareness.getStates().values()].some(
				(s) => (s.user as { name?: string } | undefined)?.name === '秘书'
			)
		);
		// Barrier: once the reader has the answer to a SyncStep1 sent after its awareness, the server has handled that.
		const ws = reader.provider.ws!;
		await new Promise<void>((resolve) => {
			const onMessage = (ev: { data: unknown }) => {
				const data = new Uint8Array(ev.data as ArrayBuffer);
				if (data[0] === MESSAGE_SYNC && data[1] === syncProtocol.messageYjsSyncStep2) {
					ws.removeEventListener('message', onMessage);
					resolve();
				}
			};
			ws.addEventListener('message', onMessage);
			const e = encoding.createEncoder();
			encoding.writeVarUint(e, MESSAGE_SYNC);
			syncProtocol.writeSyncStep1(e, reader.doc);
			ws.send(encoding.toUint8Array(e));
		});
		const names = (states: Map<number, Record<string, unknown>>) =>
			[...states.values()].map((s) => (s.user as { name?: string } | undefined)?.name);
		expect(names(t.app.realtime.yjs.docs.get(docName)!.awareness.getStates())).toEqual(['秘书']);
		expect(names(writer.provider.awareness.getStates())).not.toContain('读者');
		writer.destroy();
		reader.destroy();
		await waitFor(() => t.app.realtime.yjs.docs.size === 0);
	});

	it('the same frames from a writer do change the document (the test can tell)', async () => {
		const writer = new RawPeer(url, { cookie: t.cookie('liaison1'), origin: t.origin });
		const observer = new RawPeer(url, { cookie: t.cookie('chair'), origin: t.origin });
		await Promise.all([writer.opened, observer.opened]);
		await Promise.all([writer.barrier(), observer.barrier()]);
		const rowsBefore = storedRows();
		const insert = forge(writer.doc, (d) => d.getText(DUTIES_TEXT).insert(0, 'RAW-WRITE '));
		writer.send(updateFrame(insert.update));
		const step2 = forge(insert.doc, (d) => d.getText(DUTIES_TEXT).insert(0, 'RAW-STEP2 '));
		writer.send(syncStep2Frame(step2.doc, Y.encodeStateVector(insert.doc)));
		await writer.barrier();
		expect(storedRows()).not.toEqual(rowsBefore);
		expect(liveDoc().getText(DUTIES_TEXT).toString()).toMatch(/^RAW-STEP2 RAW-WRITE /);
		await waitFor(() => dutiesOf(observer).startsWith('RAW-STEP2 RAW-WRITE '));
		writer.close();
		observer.close();
	});

	it('a read-only connection is told so before any state, and once more (only once) when it writes anyway; writers are told nothing', async () => {
		const writer = new RawPeer(url, { cookie: t.cookie('liaison1'), origin: t.origin });
		const reader = new RawPeer(url, { cookie: t.cookie('resident4'), origin: t.origin });
		await Promise.all([writer.opened, reader.opened]);
		await Promise.all([writer.barrier(), reader.barrier()]);
		expect(reader.types[0]).toBe(MESSAGE_AUTH);
		expect(reader.denied).toEqual([YJS_DENIED.readOnly]);
		expect(writer.types).not.toContain(MESSAGE_AUTH);
		expect(writer.denied).toEqual([]);

		// Three writes: told once that they were dropped, not three times.
		for (let i = 0; i < 3; i++) reader.write((d) => d.getText(DUTIES_TEXT).insert(0, `EVIL-${i} `));
		reader.send(syncStep2Frame(forge(reader.doc, (d) => d.getMap('meta').set('x', 1)).doc));
		await reader.barrier();
		expect(reader.denied).toEqual([YJS_DENIED.readOnly, YJS_DENIED.writeDropped]);
		expect(reader.closed).toBeNull();
		expect(liveDoc().getText(DUTIES_TEXT).toString()).not.toContain('EVIL');

		// The writer's own edits draw no such message.
		writer.write((d) => d.getText(DUTIES_TEXT).insert(0, 'FINE '));
		await writer.barrier();
		expect(writer.denied).toEqual([]);
		await waitFor(() => dutiesOf(reader).startsWith('FINE '));
		writer.close();
		reader.close();
		await waitFor(() => t.app.realtime.yjs.docs.size === 0);
	});

	it('a y-websocket provider on a read-only connection hears "permission denied" through its auth handler', async () => {
		const reader = connectDoc(t.wsUrl, docName, {
			cookie: t.cookie('resident5'),
			origin: t.origin
		});
		const reasons: string[] = [];
		// What src/lib/realtime/ydoc.svelte.ts installs: the provider's handler for auth messages
		// (installed before the socket opens: the provider connects on a later turn).
		reader.provider.messageHandlers[MESSAGE_AUTH] = (_enc, dec) =>
			authProtocol.readAuthMessage(dec, reader.doc, (_d, reason) => reasons.push(reason));
		await reader.synced;
		// Its answer to the server's SyncStep1 (a SyncStep2 with nothing new) is not an edit.
		const probe = new RawPeer(url, { cookie: t.cookie('resident6'), origin: t.origin });
		await probe.opened;
		await probe.barrier();
		expect(reasons).toEqual([YJS_DENIED.readOnly]);
		// A real local edit is.
		reader.doc.getText(DUTIES_TEXT).insert(0, 'LOCAL ');
		await waitFor(() => reasons.length > 1);
		expect(reasons).toEqual([YJS_DENIED.readOnly, YJS_DENIED.writeDropped]);
		probe.close();
		reader.destroy();
		await waitFor(() => t.app.realtime.yjs.docs.size === 0);
	});
});
