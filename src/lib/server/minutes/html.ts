/** HTML rendering of the block model (the caller runs the result through the sanitizer). */
import type { Block, Inline, Marks } from './model';

export function escapeHtml(s: string): string {
	return s
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');
}

/** Inner-to-outer order, so `<code>` is always innermost, as ProseMirror's DOM has it. */
const MARK_TAGS: [keyof Omit<Marks, 'link'>, string][] = [
	['code', 'code'],
	['underline', 'u'],
	['strike', 's'],
	['italic', 'em'],
	['bold', 'strong']
];

function runHtml(text: string, marks: Marks): string {
	let html = escapeHtml(text);
	for (const [mark, tag] of MARK_TAGS) if (marks[mark]) html = `<${tag}>${html}</${tag}>`;
	return html;
}

function inlineHtml(content: Inline[]): string {
	let out = '';
	// Consecutive runs with the same link become one <a>, even when their other marks differ.
	let i = 0;
	while (i < content.length) {
		const item = content[i];
		if (!item) break;
		if (item.kind === 'break') {
			out += '<br>';
			i++;
			continue;
		}
		const link = item.marks.link;
		let inner = '';
		for (; i < content.length; i++) {
			const run = content[i];
			if (!run || run.kind !== 'text' || run.marks.link !== link) break;
			inner += runHtml(run.text, run.marks);
		}
		out += link === null ? inner : `<a href="${escapeHtml(link)}">${inner}</a>`;
	}
	return out;
}

export function blocksHtml(blocks: Block[]): string {
	return blocks.map(blockHtml).join('');
}

function itemsHtml(items: Block[][]): string {
	return items.map((item) => `<li>${blocksHtml(item)}</li>`).join('');
}

function blockHtml(block: Block): string {
	switch (block.type) {
		case 'paragraph':
			return `<p>${inlineHtml(block.content)}</p>`;
		case 'heading':
			return `<h${block.level}>${inlineHtml(block.content)}</h${block.level}>`;
		case 'bulletList':
			return `<ul>${itemsHtml(block.items)}</ul>`;
		case 'orderedList': {
			const start = block.start === 1 ? '' : ` start="${block.start}"`;
			return `<ol${start}>${itemsHtml(block.items)}</ol>`;
		}
		case 'blockquote':
			return `<blockquote>${blocksHtml(block.content)}</blockquote>`;
		case 'codeBlock':
			return `<pre><code>${escapeHtml(block.text)}</code></pre>`;
		case 'horizontalRule':
			return '<hr>';
	}
}
