/**
 * Reads the minutes Yjs tree (as written by Tiptap's Collaboration extension through y-tiptap)
 * into a small, plain block model. The HTML, Markdown, plain-text and DOCX renderers all walk
 * this model, so the Yjs representation details live in one place.
 *
 * Representation (checked against @tiptap/y-tiptap 3.0.9 and yjs 13.6):
 * - every ProseMirror node is a Y.XmlElement named after the node type, with the node attrs as
 *   Yjs attributes holding the raw JSON values (heading `level` is the number 2, not "2");
 * - the text of a textblock is one Y.XmlText per run of text between non-text inline nodes
 *   (hardBreak is a child Y.XmlElement); its delta carries each mark as an attribute named after
 *   the mark with the mark attrs as value: `{ bold: {} }`, `{ link: { href, target, rel, … } }`.
 *   Marks whose type allows overlapping instances get a `--<8-char hash>` suffix on the name;
 *   `ychange` is y-tiptap's own attribute for version-diff decorations, never a mark.
 * Everything coming out of the document is untrusted (any collaborator can write any Yjs
 * update), so this reader validates types and ranges instead of trusting the schema.
 */
import * as Y from 'yjs';

export interface Marks {
	bold: boolean;
	italic: boolean;
	strike: boolean;
	underline: boolean;
	code: boolean;
	/** Only a link whose href passed `safeHref`; other links degrade to plain text. */
	link: string | null;
}

export type Inline = { kind: 'text'; text: string; marks: Marks } | { kind: 'break' };

export type Block =
	| { type: 'paragraph'; content: Inline[] }
	| { type: 'heading'; level: number; content: Inline[] }
	| { type: 'bulletList'; items: Block[][] }
	| { type: 'orderedList'; start: number; items: Block[][] }
	| { type: 'blockquote'; content: Block[] }
	| { type: 'codeBlock'; language: string | null; text: string }
	| { type: 'horizontalRule' };

export const ALLOWED_LINK_SCHEMES = ['http', 'https', 'mailto'] as const;

/**
 * The only link targets minutes may carry: absolute http(s)/mailto URLs. Relative and
 * protocol-relative hrefs are refused too, since exported minutes are read outside the app.
 * Anything odd (leading controls, `java\tscript:`, entity tricks) fails the scheme match.
 */
export function safeHref(raw: unknown): string | null {
	if (typeof raw !== 'string') return null;
	const href = raw.trim();
	// eslint-disable-next-line no-control-regex
	if (href.length === 0 || href.length > 2048 || /[\x00-\x1f\x7f]/.test(href)) return null;
	const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(href)?.[1]?.toLowerCase();
	return scheme && (ALLOWED_LINK_SCHEMES as readonly string[]).includes(scheme) ? href : null;
}

const NO_MARKS: Marks = {
	bold: false,
	italic: false,
	strike: false,
	underline: false,
	code: false,
	link: null
};

/** y-prosemirror's suffix for overlapping marks (`comment--AbCd1234`). */
const HASHED_MARK = /--[a-zA-Z0-9+/=]{8}$/;

function readMarks(attributes: unknown): Marks {
	const marks = { ...NO_MARKS };
	if (!attributes || typeof attributes !== 'object') return marks;
	for (const [key, value] of Object.entries(attributes)) {
		switch (key.replace(HASHED_MARK, '')) {
			case 'bold':
				marks.bold = true;
				break;
			case 'italic':
				marks.italic = true;
				break;
			case 'strike':
				marks.strike = true;
				break;
			case 'underline':
				marks.underline = true;
				break;
			case 'code':
				marks.code = true;
				break;
			case 'link':
				marks.link =
					value && typeof value === 'object' ? safeHref((value as { href?: unknown }).href) : null;
				break;
			// Unknown marks (and y-tiptap's `ychange`) are dropped: the text still renders.
		}
	}
	return marks;
}

/** One line-ending convention everywhere, so renderers only ever split on '\n'. */
const normalizeNewlines = (s: string): string => s.replace(/\r\n?/g, '\n');

function readTextRuns(text: Y.XmlText, out: Inline[]): void {
	const delta = text.toDelta() as { insert?: unknown; attributes?: unknown }[];
	for (const op of delta) {
		// Non-string inserts are embeds, which the StarterKit schema never produces.
		if (typeof op.insert !== 'string' || op.insert.length === 0) continue;
		out.push({ kind: 'text', text: normalizeNewlines(op.insert), marks: readMarks(op.attributes) });
	}
}

type Child = Y.XmlElement | Y.XmlText | Y.XmlHook;
const childrenOf = (node: Y.XmlFragment): Child[] => node.toArray();

/** Inline content of a textblock; unknown inline nodes contribute their children's text. */
function readInline(node: Y.XmlFragment, out: Inline[] = []): Inline[] {
	for (const child of childrenOf(node)) {
		if (child instanceof Y.XmlText) readTextRuns(child, out);
		else if (child instanceof Y.XmlElement) {
			if (child.nodeName === 'hardBreak') out.push({ kind: 'break' });
			else readInline(child, out);
		}
	}
	return out;
}

function intAttr(el: Y.XmlElement, name: string, fallback: number, min: number, max: number) {
	// Attributes are typed as strings by yjs but y-tiptap stores JSON numbers; accept both.
	const raw: unknown = el.getAttribute(name);
	const n = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw) : NaN;
	return Number.isInteger(n) ? Math.min(max, Math.max(min, n)) : fallback;
}

function codeText(el: Y.XmlElement): string {
	return readInline(el)
		.map((i) => (i.kind === 'text' ? i.text : '\n'))
		.join('');
}

function readItems(list: Y.XmlElement): Block[][] {
	// A stray non-listItem child still shows up, as an item of its own, rather than vanish.
	return childrenOf(list).map((child) =>
		child instanceof Y.XmlElement && child.nodeName === 'listItem'
			? readBlocks(child)
			: readBlocks(child, [child])
	);
}

/** Block content of a container. `only` restricts the walk to some of its children. */
export function readBlocks(node: Y.XmlFragment | Child, only?: Child[]): Block[] {
	const blocks: Block[] = [];
	// Text found directly in a block container (malformed, or an unknown node's text) is
	// gathered into an implicit paragraph instead of being lost.
	let loose: Inline[] = [];
	const flushLoose = () => {
		if (loose.length > 0) blocks.push({ type: 'paragraph', content: loose });
		loose = [];
	};
	const children = only ?? (node instanceof Y.XmlFragment ? childrenOf(node) : []);
	for (const child of children) {
		if (child instanceof Y.XmlText) {
			readTextRuns(child, loose);
			continue;
		}
		if (!(child instanceof Y.XmlElement)) continue;
		if (child.nodeName === 'hardBreak') {
			loose.push({ kind: 'break' });
			continue;
		}
		flushLoose();
		switch (child.nodeName) {
			case 'paragraph':
				blocks.push({ type: 'paragraph', content: readInline(child) });
				break;
			case 'heading':
				blocks.push({
					type: 'heading',
					level: intAttr(child, 'level', 1, 1, 6),
					content: readInline(child)
				});
				break;
			case 'bulletList':
				blocks.push({ type: 'bulletList', items: readItems(child) });
				break;
			case 'orderedList':
				blocks.push({
					type: 'orderedList',
					start: intAttr(child, 'start', 1, 0, 999_999_999),
					items: readItems(child)
				});
				break;
			case 'blockquote':
				blocks.push({ type: 'blockquote', content: readBlocks(child) });
				break;
			case 'codeBlock': {
				const lang: unknown = child.getAttribute('language');
				blocks.push({
					type: 'codeBlock',
					language: typeof lang === 'string' && /^[\w#+.-]{1,32}$/.test(lang) ? lang : null,
					text: codeText(child)
				});
				break;
			}
			case 'horizontalRule':
				blocks.push({ type: 'horizontalRule' });
				break;
			default:
				// Unknown node (a future extension, or listItem out of place): its children only.
				blocks.push(...readBlocks(child));
		}
	}
	flushLoose();
	return blocks;
}

/** Plain text of inline content, hard breaks as '\n'. */
export function inlineText(content: Inline[]): string {
	return content.map((i) => (i.kind === 'text' ? i.text : '\n')).join('');
}
