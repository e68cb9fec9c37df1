/**
 * The minutes as a record: a section per agenda item, versions saved, compared and restored,
 * announcements when a meeting goes live and its minutes are approved, and exports.
 */
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { RawPeer } from '../helpers/raw-yjs-peer';
import { waitFor } from '../helpers/yjs-client';
import JSZip from 'jszip';
import { minutes as minutesTable } from '../../src/lib/server/db/schema';
import { getHub } from '../../src/lib/server/platform/hub';
import { readStoredDoc } from '../../src/lib/server/docs/store';
import { minutesFragment } from '../../src/lib/server/minutes/render';
import { docxFile, markdownFile } from '../../src/lib/server/minutes/export';
import {
	approveMinutes,
	compareVersion,
	finaliseMinutes,
	getMinutes,
	listVersions,
	reopenMinutes,
	restoreVersion,
	saveVersion
} from '../../src/lib/server/minutes/minutes';
import { listNotifications } from '../../src/lib/server/notifications/notifications';
import { addItem } from '../../src/lib/shared/agenda';
import { agendaDoc, minutesDoc } from '../../src/lib/shared/doc-names';
import { checkIn } from '../../src/lib/server/hall/attendance';
import {
	t,
	nextId,
	connect,
	hangUp,
	value,
	join,
	codeOf,
	actorOf,
	newMeeting,
	useHallApp,
	textOf,
	appendParagraph
} from '../helpers/hall';

useHallApp();

describe('minutes: sections, versions, announcements and exports', () => {
	it('an item added during the meeting gets its own section in the minutes when the chair moves to it', async () => {
		const m = newMeeting({ visibility: 'members', units: 1, items: 1 });
		let added = '';
		getHub().changeDoc(
			agendaDoc(m.id),
			(doc) => void (added = addItem(doc, { title: '临时增加的议题' }))
		);
		const chair = await connect('chair');
		await join(chair, m.id);
		value(
			await chair.emit('hall:agenda', { id: nextId(), meetingId: m.id, to: { itemId: added } })
		);
		const doc = readStoredDoc(t.db, minutesDoc(m.id));
		const headings = minutesFragment(doc)
			.toArray()
			.filter((n) => n instanceof Y.XmlElement && n.nodeName === 'heading')
			.map((n) => (n as Y.XmlElement).toString().replace(/<[^>]+>/g, ''));
		doc.destroy();
		expect(headings).toEqual(['议题 1', '临时增加的议题']);
		// Moving back and forth adds nothing more.
		value(await chair.emit('hall:agenda', { id: nextId(), meetingId: m.id, to: 'previous' }));
		value(await chair.emit('hall:agenda', { id: nextId(), meetingId: m.id, to: 'next' }));
		const again = readStoredDoc(t.db, minutesDoc(m.id));
		expect(
			minutesFragment(again)
				.toArray()
				.filter((n) => n instanceof Y.XmlElement && n.nodeName === 'heading')
		).toHaveLength(2);
		again.destroy();
		await hangUp(chair);
	});

	it('approved minutes are announced to those the meeting concerned', () => {
		const m = newMeeting({ visibility: 'members', units: 1, items: 1 });
		finaliseMinutes(t.db, actorOf('recorder'), m.id);
		approveMinutes(t.db, actorOf('chair'), m.id);
		const told = listNotifications(t.db, t.userId('member1')).filter(
			(n) => n.kind === 'minutes.approved' && n.link === `/meetings/${m.id}/minutes`
		);
		expect(told).toHaveLength(1);
		expect(
			listNotifications(t.db, t.userId('resident3')).some(
				(n) => n.link === `/meetings/${m.id}/minutes`
			)
		).toBe(false);
	});

	it('minutes versions: save, compare, restore (saving what was there first); the chair can send finalised minutes back', async () => {
		const m = newMeeting({ visibility: 'members', units: 1, items: 1 });
		const name = minutesDoc(m.id);
		const paragraphs = () => {
			const doc = readStoredDoc(t.db, name);
			const out = minutesFragment(doc)
				.toArray()
				.filter((n) => n instanceof Y.XmlElement && n.nodeName === 'paragraph')
				.map((n) => (n as Y.XmlElement).toString().replace(/<[^>]+>/g, ''));
			doc.destroy();
			return out.filter((x) => x !== '');
		};
		const recorder = actorOf('recorder');
		const write = (text: string) =>
			getHub().changeDoc(name, (doc) => appendParagraph(minutesFragment(doc), text));
		write('初稿：河道分两期治理。');
		const v1 = saveVersion(t.db, recorder, m.id, '初稿');
		write('补充：夜间照明下月完成。');
		// Someone reading along sees the restore happen.
		const reader = new RawPeer(`${t.wsUrl}/yjs/${name}`, {
			cookie: t.cookie('member1'),
			origin: t.origin
		});
		await reader.opened;
		await reader.barrier();
		expect(textOf(reader.doc)).toContain('夜间照明');

		const cmp = compareVersion(t.db, recorder, m.id, v1.id);
		expect(
			cmp.diff
				.filter((l) => l.op === 'add')
				.map((l) => l.text)
				.join('\n')
		).toContain('夜间照明下月完成');
		expect(cmp.diff.filter((l) => l.op === 'del')).toEqual([]);

		expect(codeOf(() => saveVersion(t.db, actorOf('member1'), m.id, '成员的版本'))).toBe(
			'forbidden'
		);
		expect(codeOf(() => restoreVersion(t.db, actorOf('member1'), m.id, v1.id))).toBe('forbidden');
		restoreVersion(t.db, recorder, m.id, v1.id);
		expect(paragraphs()).toEqual(['初稿：河道分两期治理。']);
		await waitFor(() => !textOf(reader.doc).includes('夜间照明'));
		// What was there before the restore is kept as a version of its own.
		const versions = listVersions(t.db, recorder, m.id);
		expect(versions.map((v) => v.name)).toEqual(
			expect.arrayContaining(['初稿', '恢复前 Before restore'])
		);
		const before = versions.find((v) => v.name.startsWith('恢复前'))!;
		expect(
			compareVersion(t.db, recorder, m.id, before.id)
				.diff.filter((l) => l.op === 'del')
				.map((l) => l.text)
				.join('\n')
		).toContain('夜间照明');

		// Finalised, then sent back by the chair: the recorder may write again.
		finaliseMinutes(t.db, recorder, m.id);
		expect(codeOf(() => saveVersion(t.db, recorder, m.id, '定稿后'))).not.toBe('ok');
		expect(codeOf(() => reopenMinutes(t.db, actorOf('member1'), m.id))).toBe('forbidden');
		reopenMinutes(t.db, actorOf('chair'), m.id);
		expect(getMinutes(t.db, recorder, m.id)).toMatchObject({
			status: 'draft',
			canEdit: true,
			canFinalise: true
		});
		// Approved: frozen for good.
		finaliseMinutes(t.db, recorder, m.id);
		approveMinutes(t.db, actorOf('chair'), m.id);
		expect(codeOf(() => restoreVersion(t.db, recorder, m.id, v1.id))).toBe('conflict');
		expect(codeOf(() => reopenMinutes(t.db, actorOf('chair'), m.id))).not.toBe('ok');
		reader.close();
	});

	it('residents of the communities a public meeting is open to hear when it goes live and when its minutes are published', () => {
		const m = newMeeting({ visibility: 'public', units: 1, items: 1 });
		const told = (login: string, kind: string) =>
			listNotifications(t.db, t.userId(login)).filter(
				(n) => n.kind === kind && n.link.startsWith(`/meetings/${m.id}/`)
			).length;
		expect(told('resident3', 'meeting.live')).toBe(1);
		expect(told('member1', 'meeting.live')).toBe(1);
		expect(told('resident1', 'meeting.live')).toBe(0); // 和平里社区 is not invited
		finaliseMinutes(t.db, actorOf('recorder'), m.id);
		approveMinutes(t.db, actorOf('chair'), m.id);
		expect(told('resident3', 'minutes.approved')).toBe(1);
		expect(told('resident1', 'minutes.approved')).toBe(0);
		// Members-only meetings tell no resident.
		const closedDoors = newMeeting({ visibility: 'members', units: 1, items: 1 });
		expect(
			listNotifications(t.db, t.userId('resident3')).some((n) =>
				n.link.startsWith(`/meetings/${closedDoors.id}/`)
			)
		).toBe(false);
	});

	it('exports date the approval in the committee’s time zone and label it in the reader’s language, with a header block', async () => {
		const m = newMeeting({ visibility: 'members', units: 1, quorum: 3, items: 2 });
		for (const login of ['chair', 'member1', 'recorder']) checkIn(t.db, actorOf(login), m.id);
		finaliseMinutes(t.db, actorOf('recorder'), m.id);
		approveMinutes(t.db, actorOf('chair'), m.id);
		// Approved at 01:04 on 3 December in Beijing: still 2 December in UTC.
		t.db
			.update(minutesTable)
			.set({ approvedAt: new Date('2026-12-02T17:04:00Z') })
			.where(eq(minutesTable.meetingId, m.id))
			.run();
		const zh = markdownFile(t.db, actorOf('member1'), m.id, 'zh-CN').body as string;
		expect(zh).toContain('已审定 2026/12/3 01:04');
		expect(zh).not.toMatch(/Approved|2026-12-02/);
		for (const label of ['时间', '地点', '主持人', '记录人', '出席', '议程'])
			expect(zh).toContain(`**${label}**`);
		expect(zh).toContain('签到成员 2 / 法定 3');
		expect(zh).toMatch(/1\. 议题 1\n {2}2\. 议题 2/);
		const en = markdownFile(t.db, actorOf('member1'), m.id, 'en').body as string;
		expect(en).toContain('Approved 12/3/2026');
		expect(en).not.toContain('已审定');
		const docx = await docxFile(t.db, actorOf('member1'), m.id, 'zh-CN');
		const zip = await JSZip.loadAsync(docx.body);
		const xml = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
		expect(xml).toContain('已审定 2026/12/3 01:04');
		for (const label of ['时间', '地点', '主持人', '记录人', '出席', '议程'])
			expect(xml).toContain(label);
		expect(xml).toContain('1. 议题 1');
	});
});
