/**
 * Minutes as files: Markdown and Word (.docx), as bytes and names; the routes send them
 * (src/lib/server/http/pages.ts fileResponse). Approved minutes export as approved; a draft
 * exports as the current text, marked as a draft, for those who may read it. Both open with the
 * header block (header.ts) in the reader's language, times in the committee's time zone.
 */
import type { Db } from '../db';
import { config } from '../config';
import type { Locale } from '../../i18n';
import { minutesHeader, type MinutesHeader } from './header';
import { minutesForExport } from './minutes';
import type { Actor } from '../../shared/permissions';
import { minutesDocx } from './docx';
import { escapeMarkdownText } from './markdown';
import { minutesFragment, renderMarkdown } from './render';

/** A minutes file: its bytes, type and the name to save it under (the meeting's title, Chinese included). */
export interface MinutesFile {
	body: string | Uint8Array;
	mime: string;
	fileName: string;
	fallbackName: string;
}

function fileNames(title: string, ext: string) {
	return {
		fileName: `${title.replace(/[\\/:*?"<>|\r\n]+/g, ' ').trim() || 'minutes'}-纪要.${ext}`,
		fallbackName: `minutes.${ext}`
	};
}

function header(
	db: Db,
	meetingId: string,
	m: { status: string; approvedAt: Date | null },
	locale: Locale
): MinutesHeader {
	return minutesHeader(db, {
		meetingId,
		status: m.status,
		approvedAt: m.approvedAt,
		locale,
		timeZone: config.timeZone
	});
}

/** The header block as Markdown: status, then a list of label and value, then the agenda. */
function markdownHeader(h: MinutesHeader): string {
	const rows = h.rows.map(
		(r) => `- **${escapeMarkdownText(r.label)}**：${escapeMarkdownText(r.value)}`
	);
	const agenda = h.agenda.length
		? [
				`- **${escapeMarkdownText(h.agendaLabel)}**：`,
				...h.agenda.map((a, i) => `  ${i + 1}. ${escapeMarkdownText(a)}`)
			]
		: [];
	return `_${escapeMarkdownText(h.status)}_\n\n${[...rows, ...agenda].join('\n')}\n\n---`;
}

export function markdownFile(db: Db, actor: Actor, meetingId: string, locale: Locale): MinutesFile {
	const m = minutesForExport(db, actor, meetingId);
	try {
		const body = `# ${escapeMarkdownText(m.title)}\n\n${markdownHeader(header(db, meetingId, m, locale))}\n\n${renderMarkdown(minutesFragment(m.doc))}`;
		return { body, mime: 'text/markdown; charset=utf-8', ...fileNames(m.title, 'md') };
	} finally {
		m.doc.destroy();
	}
}

export async function docxFile(
	db: Db,
	actor: Actor,
	meetingId: string,
	locale: Locale
): Promise<MinutesFile> {
	const m = minutesForExport(db, actor, meetingId);
	try {
		const buffer = await minutesDocx({
			title: m.title,
			header: header(db, meetingId, m, locale),
			fragment: minutesFragment(m.doc)
		});
		return {
			body: new Uint8Array(buffer),
			mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
			...fileNames(m.title, 'docx')
		};
	} finally {
		m.doc.destroy();
	}
}
