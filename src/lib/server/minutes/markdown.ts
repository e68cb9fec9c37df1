/**
 * CommonMark rendering of the block model. Text is escaped so that nothing typed in the editor
 * turns into Markdown syntax, and no raw HTML is ever emitted: `<` is always backslash-escaped
 * (`\<script\>` is literal text to a CommonMark renderer). Underline has no Markdown syntax and is
 * dropped; links survive only with an allowed scheme (the model already enforced that).
 */
import type { Block, Inline, Marks } from './model';

type Delimited = { key: 'bold' | 'italic' | 'strike' } | { key: 'link'; href: string };

/** Outer to inner. Code is not here: a code run is always emitted as one whole code span. */
function delimitedMarks(marks: Marks): Delimited[] {
	const list: Delimited[] = [];
	if (marks.link !== null) list.push({ key: 'link', href: marks.link });
	if (marks.bold) list.push({ key: 'bold' });
	if (marks.italic) list.push({ key: 'italic' });
	if (marks.strike) list.push({ key: 'strike' });
	return list;
}

const sameMark = (a: Delimited, b: Delimited): boolean =>
	a.key === b.key && (a.key !== 'link' || (b.key === 'link' && a.href === b.href));

function commonPrefix(a: Delimited[], b: Delimited[]): number {
	let n = 0;
	for (const mark of a) {
		const other = b[n];
		if (!other || !sameMark(mark, other)) break;
		n++;
	}
	return n;
}

const OPENERS = { bold: '**', italic: '*', strike: '~~', link: '[' } as const;

function closer(mark: Delimited): string {
	return mark.key === 'link' ? `](${linkDestination(mark.href)})` : OPENERS[mark.key];
}

/** Characters that would end or confuse a link destination are percent-encoded. */
function linkDestination(href: string): string {
	const codes: Record<string, string> = {
		' ': '%20',
		'(': '%28',
		')': '%29',
		'<': '%3C',
		'>': '%3E',
		'\\': '%5C'
	};
	return href.replace(/[ ()<>\\]/g, (c) => codes[c] ?? c);
}

/**
 * Inline punctuation that can start Markdown syntax anywhere in a line. `<` covers raw HTML
 * and autolinks; `&` only matters where it could start a character reference (at the end too,
 * since the next run's text follows it).
 */
export function escapeMarkdownText(text: string): string {
	return text.replace(/[\\`*_[\]<>~|]/g, '\\$&').replace(/&(?=[#a-z0-9]|$)/gi, '\\&');
}

function codeSpan(text: string): string {
	const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
	const fence = '`'.repeat(longest + 1);
	const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
	// A line break inside a code span would only be a space, and it would expose the
	// continuation line to block-level parsing.
	return fence + pad + text.replace(/\n/g, ' ') + pad + fence;
}

// CommonMark's punctuation (Unicode P and S categories), which decides whether `**` can open
// or close emphasis.
const PUNCTUATION = /[\p{P}\p{S}]/u;
const LEADING_PUNCTUATION = /^[\p{P}\p{S}]+/u;
const TRAILING_PUNCTUATION = /[\p{P}\p{S}]+$/u;

const isWordChar = (c: string | undefined): boolean =>
	c !== undefined && !/\s/u.test(c) && !PUNCTUATION.test(c);
const firstChar = (s: string): string | undefined => (s === '' ? undefined : Array.from(s)[0]);
const lastChar = (s: string): string | undefined => Array.from(s.slice(-2)).at(-1);

/**
 * Marks are kept open across runs and only closed where they end, so `**a *b***` nests
 * properly instead of producing `**a*****b***`.
 *
 * CommonMark only lets a delimiter run open when it is not followed by whitespace, and not by
 * punctuation unless preceded by whitespace or punctuation (and mirrored for closing). So
 * whitespace at the edge of a run goes outside the delimiters (`** a**` is no emphasis), and so
 * does edge punctuation where a letter is on the other side: Chinese has no spaces, and
 * `**决议：**同意` would stay literal asterisks; `**决议**：同意` is emphasis. (The punctuation
 * then loses the mark, which is invisible for a colon or a bracket.)
 */
function inlineMarkdown(content: Inline[], hardBreak: string): string {
	let out = '';
	const open: Delimited[] = [];
	let pendingSpace = '';
	/** Trailing punctuation of the previous run: it goes before or after the closers. */
	let heldPunctuation = '';

	const closeTo = (depth: number, next: string | undefined) => {
		const outermost = open[depth];
		// Only a delimiter run touches `next`; a link's `](…)` is punctuation itself.
		const moveOut =
			heldPunctuation !== '' &&
			outermost !== undefined &&
			outermost.key !== 'link' &&
			isWordChar(next);
		if (!moveOut) out += escapeMarkdownText(heldPunctuation);
		while (open.length > depth) {
			const mark = open.pop();
			if (mark) out += closer(mark);
		}
		if (moveOut) out += escapeMarkdownText(heldPunctuation);
		heldPunctuation = '';
	};

	for (const item of content) {
		if (item.kind === 'break') {
			closeTo(0, undefined);
			pendingSpace = '';
			out += hardBreak;
			continue;
		}
		const [, lead = '', found = '', trail = ''] = /^(\s*)([\s\S]*?)(\s*)$/.exec(item.text) ?? [];
		let core = found;
		const code = item.marks.code;
		let wanted = delimitedMarks(item.marks);
		// Whitespace alone never opens a delimiter pair (there would be nothing to wrap).
		if (core === '') wanted = wanted.filter((m) => open.some((o) => sameMark(o, m)));
		const keep = commonPrefix(open, wanted);
		const opening = wanted.slice(keep);

		const rendered = (s: string) => (code ? codeSpan(s) : escapeMarkdownText(s));
		const next =
			pendingSpace || lead ? ' ' : opening[0] ? OPENERS[opening[0].key] : firstChar(rendered(core));
		closeTo(keep, next);
		out += pendingSpace + lead;

		const leading = code ? undefined : LEADING_PUNCTUATION.exec(core)?.[0];
		if (
			leading &&
			leading.length < core.length &&
			opening[0] &&
			opening[0].key !== 'link' &&
			isWordChar(lastChar(out))
		) {
			out += escapeMarkdownText(leading);
			core = core.slice(leading.length);
		}
		for (const mark of opening) {
			out += OPENERS[mark.key];
			open.push(mark);
		}
		const trailing = code ? undefined : TRAILING_PUNCTUATION.exec(core)?.[0];
		if (trailing && trailing.length < core.length && open.length > 0) {
			out += rendered(core.slice(0, -trailing.length));
			heldPunctuation = trailing;
		} else if (core !== '') out += rendered(core);
		pendingSpace = trail;
	}
	closeTo(0, undefined);
	// Trailing whitespace is dropped: two trailing spaces would read as a hard break.
	return out;
}

/** Escapes what would make a line of paragraph text start a block construct. */
function escapeLineStart(line: string): string {
	const text = line.replace(/^[ \t]+/, ''); // leading indentation would make a code block
	if (/^#{1,6}(?=[ \t]|$)/.test(text) || /^[-+=]/.test(text)) return '\\' + text;
	const ordered = /^(\d{1,9})([.)])/.exec(text);
	if (ordered?.[1]) return ordered[1] + '\\' + text.slice(ordered[1].length);
	return text;
}

function paragraphLines(content: Inline[]): string[] {
	const text = inlineMarkdown(content, '\\\n');
	if (text.trim() === '') return [];
	return text.split('\n').map(escapeLineStart);
}

function headingLines(level: number, content: Inline[]): string[] {
	let text = inlineMarkdown(content, ' ').replace(/\n/g, ' ').trim();
	// A trailing run of '#' would be taken as the optional closing sequence and disappear.
	text = text.replace(/(^|\s)(#+)$/, '$1\\$2');
	return ['#'.repeat(level) + (text ? ' ' + text : '')];
}

function codeLines(language: string | null, text: string): string[] {
	const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
	const fence = '`'.repeat(Math.max(3, longest + 1));
	return [fence + (language ?? ''), ...(text === '' ? [] : text.split('\n')), fence];
}

function listLines(items: Block[][], marker: (index: number) => string): string[] {
	const out: string[] = [];
	items.forEach((item, index) => {
		const mark = marker(index);
		const indent = ' '.repeat(mark.length + 1);
		const lines = joinBlocks(item, true);
		if (lines.length === 0) out.push(mark);
		lines.forEach((line, i) => {
			if (i > 0) out.push(line === '' ? '' : indent + line);
			// `- ---` or `* ***` would itself read as a thematic break, not an item holding one.
			else out.push(`${mark} ${line === '---' ? '___' : line}`);
		});
	});
	return out;
}

/** `alternate` switches list markers so two adjacent lists do not merge into one. */
function blockLines(block: Block, alternate: boolean): string[] {
	switch (block.type) {
		case 'paragraph':
			return paragraphLines(block.content);
		case 'heading':
			return headingLines(block.level, block.content);
		case 'bulletList':
			return listLines(block.items, () => (alternate ? '*' : '-'));
		case 'orderedList':
			return listLines(block.items, (i) => `${block.start + i}${alternate ? ')' : '.'}`);
		case 'blockquote': {
			const lines = joinBlocks(block.content, false);
			return (lines.length ? lines : ['']).map((l) => (l === '' ? '>' : `> ${l}`));
		}
		case 'codeBlock':
			return codeLines(block.language, block.text);
		case 'horizontalRule':
			return ['---'];
	}
}

/**
 * Blocks are separated by a blank line; inside a list item a nested list follows its paragraph
 * directly, which keeps the usual tight-list layout.
 */
function joinBlocks(blocks: Block[], inListItem: boolean): string[] {
	const out: string[] = [];
	let previous: Block | null = null;
	let alternate = false;
	for (const block of blocks) {
		const sameListKind = previous !== null && previous.type === block.type;
		alternate = sameListKind && block.type.endsWith('List') ? !alternate : false;
		const lines = blockLines(block, alternate);
		if (lines.length === 0) continue;
		// (An ordered list may only interrupt a paragraph when it starts at 1.)
		const tight =
			inListItem &&
			(block.type === 'bulletList' || (block.type === 'orderedList' && block.start === 1));
		if (out.length > 0 && !tight) out.push('');
		out.push(...lines);
		previous = block;
	}
	return out;
}

export function blocksMarkdown(blocks: Block[]): string {
	const lines = joinBlocks(blocks, false);
	return lines.length ? lines.join('\n') + '\n' : '';
}
