/**
 * What the minutes helpers insert (插入签到情况, 插入本议题发言记录), built as editor content
 * (ProseMirror JSON) rather than HTML, so what is inserted is checked against the editor's schema
 * in tests: a list must have at least one item, so an item nobody spoke on gets a sentence saying
 * so instead of an empty list (which the editor refuses, inserting nothing).
 */
import type { MessageKey } from '../i18n';
import { recordedQuorum } from './hall';

export interface ContentNode {
	type: string;
	attrs?: Record<string, unknown>;
	content?: ContentNode[];
	text?: string;
	marks?: { type: string }[];
}

export type T = (key: MessageKey, params?: Record<string, string | number>) => string;

export const text = (s: string, bold = false): ContentNode => ({
	type: 'text',
	text: s,
	...(bold ? { marks: [{ type: 'bold' }] } : {})
});
export const paragraph = (...children: ContentNode[]): ContentNode => ({
	type: 'paragraph',
	content: children.filter((c) => c.text)
});
const list = (type: 'bulletList' | 'orderedList', lines: string[]): ContentNode => ({
	type,
	content: lines.map((l) => ({ type: 'listItem', content: [paragraph(text(l))] }))
});

const mmss = (ms: number) => {
	const sec = Math.round(ms / 1000);
	return `${Math.floor(sec / 60)}:${String(sec % 60).padStart(2, '0')}`;
};

export interface SpeechRow {
	name: string;
	pointOfOrder: boolean;
	durationMs: number;
}

/** The speeches on one agenda item, in order; a line saying nobody spoke when there were none. */
export function speechesContent(t: T, itemTitle: string, rows: SpeechRow[]): ContentNode[] {
	const head = paragraph(text(t('hall.speechesOf', { item: itemTitle }), true));
	if (rows.length === 0) return [head, paragraph(text(t('hall.noSpeeches')))];
	return [
		head,
		list(
			'orderedList',
			rows.map(
				(r) =>
					`${r.name}${r.pointOfOrder ? `（${t('hall.pointOfOrder')}）` : ''}：${mmss(r.durationMs)}`
			)
		)
	];
}

export interface AttendanceRow {
	name: string;
	role: string;
	unitName: string;
	checkedInAt: string | null;
	countsForQuorum: boolean;
}

/**
 * Who checked in, against quorum: counted by the same rule as the hall's header (the chair and
 * member units' representatives, see QUORUM_ROLES), with everyone who checked in listed.
 */
export function attendanceContent(t: T, rows: AttendanceRow[], quorum: number): ContentNode[] {
	const q = recordedQuorum(rows, quorum);
	const met = t(q.quorumMet ? 'hall.quorumMet' : 'hall.quorumNotMet');
	const head = paragraph(
		text(
			t('hall.attendanceSummary', { quorum, present: q.present, checked: q.checkedIn, met }),
			true
		)
	);
	const checked = rows.filter((r) => r.checkedInAt);
	if (checked.length === 0) return [head];
	return [
		head,
		list(
			'bulletList',
			checked.map(
				(r) =>
					`${r.name}（${t(`role.${r.role}` as MessageKey)}${r.unitName ? ` · ${r.unitName}` : ''}）`
			)
		)
	];
}
