/**
 * Minutes of a live meeting over the Yjs endpoint: who writes, who reads, who cannot open them,
 * and how finalising and approving freeze them; residents read approved minutes only.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { RawPeer } from '../helpers/raw-yjs-peer';
import { waitFor } from '../helpers/yjs-client';
import { readStoredDoc } from '../../src/lib/server/docs/store';
import {
	approveMinutes,
	compareVersion,
	finaliseMinutes,
	getMinutes,
	listVersions,
	saveVersion
} from '../../src/lib/server/minutes/minutes';
import { YJS_CLOSE } from '../../src/lib/shared/events';
import { minutesDoc } from '../../src/lib/shared/doc-names';
import {
	t,
	codeOf,
	actorOf,
	newMeeting,
	useHallApp,
	writeMinutes,
	textOf,
	appendParagraph
} from '../helpers/hall';

useHallApp();

describe('5. minutes over the Yjs endpoint', () => {
	let m: { id: string; items: string[] };
	let name: string;
	let url: string;
	const headers = (login: string) => ({ cookie: t.cookie(login), origin: t.origin });
	/** What is stored, in a form compaction does not change: the text (with attributes) and the state vector. */
	const storedState = () => {
		const doc = readStoredDoc(t.db, name);
		const s = `${textOf(doc)}|${Buffer.from(Y.encodeStateVector(doc)).toString('base64')}`;
		doc.destroy();
		return s;
	};
	const storedText = () => {
		const doc = readStoredDoc(t.db, name);
		const s = textOf(doc);
		doc.destroy();
		return s;
	};
	/** The HTTP status the upgrade is answered with (101 when let in). */
	const upgradeStatus = (login: string) =>
		new Promise<number>((resolve) => {
			const ws = new WebSocket(url, { headers: headers(login) });
			ws.once('open', () => {
				ws.close();
				resolve(101);
			});
			ws.once('unexpected-response', (_req, res) => {
				resolve(res.statusCode ?? 0);
				ws.terminate();
			});
			ws.once('error', () => resolve(-1));
		});
	const open = async (login: string) => {
		const p = new RawPeer(url, headers(login));
		await p.opened;
		await p.barrier();
		return p;
	};

	beforeAll(() => {
		m = newMeeting({ visibility: 'public', units: 3, items: 2 });
		name = minutesDoc(m.id);
		url = `${t.wsUrl}/yjs/${name}`;
	});

	it('the recorder and the chair write during the meeting; a member reads only; residents and outsiders cannot open it', async () => {
		const recorder = await open('recorder');
		const chair = await open('chair');
		// Started with one heading per agenda item.
		expect(textOf(recorder.doc)).toContain('议题 1');
		expect(textOf(recorder.doc)).toContain('议题 2');

		writeMinutes(recorder, (f) => appendParagraph(f, 'RECORDER-1 河道清淤由区城管局牵头'));
		await recorder.barrier();
		writeMinutes(chair, (f) => appendParagraph(f, 'CHAIR-1 下次会议听取进展'));
		await chair.barrier();
		expect(storedText()).toContain('RECORDER-1');
		expect(storedText()).toContain('CHAIR-1');
		await waitFor(() => textOf(recorder.doc).includes('CHAIR-1'));

		// An invited member: let in read-only. Its write is dropped, it still receives the writers'.
		const member = await open('member1');
		expect(textOf(member.doc)).toContain('RECORDER-1');
		const stored = storedState();
		writeMinutes(member, (f) => appendParagraph(f, 'MEMBER-EVIL'));
		writeMinutes(member, (f) => f.delete(0, f.length));
		await member.barrier();
		expect(storedState()).toBe(stored);
		expect(storedText()).not.toContain('MEMBER-EVIL');
		expect(storedText()).toContain('RECORDER-1');
		expect(member.closed).toBeNull();
		writeMinutes(recorder, (f) => appendParagraph(f, 'RECORDER-2'));
		await recorder.barrier();
		await waitFor(() => textOf(member.doc).includes('RECORDER-2'));
		expect(textOf(chair.doc)).not.toContain('MEMBER-EVIL');

		// Residents (of the meeting's community or not) and uninvited members cannot open live minutes.
		for (const login of ['resident3', 'resident1', 'member4', 'liaison5'])
			expect(await upgradeStatus(login), login).toBe(403);
		expect(codeOf(() => getMinutes(t.db, actorOf('resident3'), m.id))).toBe('not_found');
		// The supervisor reads along.
		expect(await upgradeStatus('supervisor')).toBe(101);
		for (const p of [recorder, chair, member]) p.close();
	});

	it('finalised by the recorder and approved by the chair: frozen for everyone, readable by the public audience', async () => {
		const recorder = await open('recorder');
		const member = await open('member1');
		expect(finaliseMinutes(t.db, actorOf('recorder'), m.id).status).toBe('finalised');
		// Writers are sent off to reconnect; readers too, to be let in anew.
		await waitFor(() => recorder.closed !== null && member.closed !== null);
		expect(recorder.closed).toBe(YJS_CLOSE.accessChanged);
		// Finalised: nobody writes, the residents still cannot read.
		const stored = storedState();
		const rec2 = await open('recorder');
		writeMinutes(rec2, (f) => appendParagraph(f, 'AFTER-FINALISE'));
		await rec2.barrier();
		expect(storedState()).toBe(stored);
		expect(await upgradeStatus('resident3')).toBe(403);

		expect(approveMinutes(t.db, actorOf('chair'), m.id).status).toBe('approved');
		await waitFor(() => rec2.closed !== null);
		// The public audience reads approved minutes; other communities still cannot.
		const resident = await open('resident3');
		expect(textOf(resident.doc)).toContain('RECORDER-2');
		expect(getMinutes(t.db, actorOf('resident3'), m.id).html).toContain('RECORDER-2');
		expect(await upgradeStatus('resident1')).toBe(403);
		expect(codeOf(() => getMinutes(t.db, actorOf('resident1'), m.id))).toBe('not_found');

		// Frozen: the recorder's and the chair's writes are dropped, like the resident's.
		const rec3 = await open('recorder');
		const chair = await open('chair');
		writeMinutes(rec3, (f) => appendParagraph(f, 'AFTER-APPROVAL'));
		writeMinutes(chair, (f) => f.delete(0, f.length));
		writeMinutes(resident, (f) => appendParagraph(f, 'RESIDENT-EVIL'));
		await Promise.all([rec3.barrier(), chair.barrier(), resident.barrier()]);
		expect(storedState()).toBe(stored);
		expect(storedText()).not.toMatch(/AFTER-|RESIDENT-EVIL/);
		expect(storedText()).toContain('RECORDER-2');
		expect(getMinutes(t.db, actorOf('chair'), m.id)).toMatchObject({
			status: 'approved',
			canEdit: false,
			canFinalise: false,
			canApprove: false
		});
		for (const p of [rec2, rec3, chair, resident]) p.close();
	});
});

describe('minutes seen by residents', () => {
	it('residents read approved minutes but not the drafts behind them; the committee’s side compares versions', () => {
		const m = newMeeting({ visibility: 'public', units: 1, items: 1 });
		const v = saveVersion(t.db, actorOf('recorder'), m.id, '初稿');
		finaliseMinutes(t.db, actorOf('recorder'), m.id);
		approveMinutes(t.db, actorOf('chair'), m.id);
		expect(getMinutes(t.db, actorOf('resident3'), m.id)).toMatchObject({
			status: 'approved',
			canSeeVersions: false
		});
		expect(codeOf(() => listVersions(t.db, actorOf('resident3'), m.id))).toBe('forbidden');
		expect(codeOf(() => compareVersion(t.db, actorOf('resident3'), m.id, v.id))).toBe('forbidden');
		expect(listVersions(t.db, actorOf('member1'), m.id).length).toBeGreaterThan(0);
		expect(codeOf(() => compareVersion(t.db, actorOf('supervisor'), m.id, v.id))).toBe('ok');
	});
});
