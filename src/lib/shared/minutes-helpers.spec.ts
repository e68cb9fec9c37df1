import { describe, expect, it } from 'vitest';
import { getSchema } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { translate, type MessageKey } from '../i18n';
import { closed, NAMES, openVote } from '../components/votes/fixtures';
import { attendanceContent, speechesContent, type ContentNode } from './minutes-helpers';
import { voteResultContent } from './minutes-vote';
import { resultAsMinutesText } from './votes/describe';

// The schema the minutes editor uses (src/lib/components/MinutesEditor.svelte).
const schema = getSchema([
	StarterKit.configure({ undoRedo: false, trailingNode: false, heading: { levels: [2, 3] } })
]);
const t = (key: MessageKey, params?: Record<string, string | number>) =>
	translate('zh-CN', key, params);

/** What the editor would do with the content: build it in its schema and check it (throws as the editor does). */
function accepted(content: ContentNode[]): string {
	const doc = schema.nodeFromJSON({ type: 'doc', content });
	doc.check();
	return doc.textBetween(0, doc.content.size, '\n');
}

describe('minutes helpers', () => {
	it('an item nobody spoke on inserts a line saying so (an empty list is invalid and inserted nothing)', () => {
		const text = accepted(speechesContent(t, '河道清淤', []));
		expect(text).toContain('“河道清淤”发言记录');
		expect(text).toContain('本议题无人发言');
	});

	it('speeches are listed in order with their length and points of order', () => {
		const text = accepted(
			speechesContent(t, '河道清淤', [
				{ name: '张主任', pointOfOrder: false, durationMs: 95_000 },
				{ name: '李代表', pointOfOrder: true, durationMs: 30_000 }
			])
		);
		expect(text).toContain('张主任：1:35');
		expect(text).toContain('李代表（程序动议）：0:30');
	});

	it('attendance counts towards quorum only the chair and member representatives, as the hall header does', () => {
		const at = '2026-12-03T01:00:00.000Z';
		const rows = [
			{ name: '主持人', role: 'chair', unitName: '', checkedInAt: at, countsForQuorum: true },
			{
				name: '成员一',
				role: 'member',
				unitName: '区城管局',
				checkedInAt: at,
				countsForQuorum: true
			},
			{ name: '记录员', role: 'recorder', unitName: '', checkedInAt: at, countsForQuorum: false },
			{ name: '来过没签到', role: 'member', unitName: '', checkedInAt: null, countsForQuorum: true }
		];
		const text = accepted(attendanceContent(t, rows, 3));
		expect(text).toContain('法定人数 3，签到成员 2 人');
		expect(text).toContain('未达法定人数');
		expect(text).toContain('共 3 人签到');
		expect(text).toContain('记录员（记录员）');
		expect(text).not.toContain('来过没签到');
		expect(accepted(attendanceContent(t, [], 0))).toContain('签到成员 0 人');
	});
});

describe('insert vote result', () => {
	it('a closed named vote goes in as one paragraph with its outcome, figures and who voted what', () => {
		const vote = closed.yna;
		const inserted = accepted(voteResultContent(t, vote));
		expect(inserted).toBe(resultAsMinutesText(vote, t));
		expect(inserted).toContain(vote.title);
		expect(inserted).toContain('通过');
		expect(inserted).toContain(vote.result!.named[0]!.name);
	});

	it('a secret vote gives totals without a name', () => {
		const vote = closed.single;
		const inserted = accepted(voteResultContent(t, vote));
		expect(inserted).toContain('无记名');
		for (const name of NAMES) expect(inserted).not.toContain(name);
	});

	it('a vote still open has no result to insert', () => {
		expect(voteResultContent(t, openVote('yna'))).toEqual([]);
	});
});
