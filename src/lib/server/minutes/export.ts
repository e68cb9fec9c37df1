/**
 * Minutes as files: Markdown and Word (.docx). Approved minutes export as approved; a draft
 * exports as the current text, marked as a draft, for those who may read it.
 */
import type { Db } from '../db';
import { minutesForExport } from '../services/minutes';
import type { Actor } from '../../shared/permissions';
import { minutesDocx } from './docx';
import { escapeMarkdownText } from './markdown';
import { minutesFragment, renderMarkdown } from './render';

/** `Content-Disposition` with a UTF-8 file name (Chinese titles) and an ASCII fallback. */
function attachment(title: string, ext: string): string {
	const name = `${title.replace(/[\\/:*?"<>|\r\n]+/g, ' ').trim() || 'minutes'}-纪要.${ext}`;
	return `attachment; filename="minutes.${ext}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

function metaLines(status: string, approvedAt: Date | null): string[] {
	return [
		status === 'approved' && approvedAt
			? `已审定 Approved ${approvedAt.toISOString().slice(0, 10)}`
			: '草稿（未审定） Draft, not approved'
	];
}

export function markdownFile(db: Db, actor: Actor, meetingId: string): Response {
	const m = minutesForExport(db, actor, meetingId);
	try {
		const body = `# ${escapeMarkdownText(m.title)}\n\n${metaLines(
			m.status,
			m.approvedAt
		)
			.map((l) => `_${l}_`)
			.join('\n')}\n\n${renderMarkdown(minutesFragment(m.doc))}`;
		return new Response(body, {
			headers: {
				'content-type': 'text/markdown; charset=utf-8',
				'content-disposition': attachment(m.title, 'md'),
				'x-content-type-options': 'nosniff'
			}
		});
	} finally {
		m.doc.destroy();
	}
}

export async function docxFile(db: Db, actor: Actor, meetingId: string): Promise<Response> {
	const m = minutesForExport(db, actor, meetingId);
	try {
		const buffer = await minutesDocx({
			title: m.title,
			meta: metaLines(m.status, m.approvedAt),
			fragment: minutesFragment(m.doc)
		});
		return new Response(new Uint8Array(buffer), {
			headers: {
				'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
				'content-disposition': attachment(m.title, 'docx'),
				'x-content-type-options': 'nosniff'
			}
		});
	} finally {
		m.doc.destroy();
	}
}
