/**
 * Server-side access to the meeting minutes: the shared Yjs document that Tiptap co-edits.
 * Renders it (HTML, Markdown, plain lines), seeds it from the agenda, and restores versions.
 */
import * as Y from 'yjs';
import { blocksHtml } from './html';
import { blocksLines } from './lines';
import { blocksMarkdown } from './markdown';
import { readBlocks } from './model';
import { sanitizeMinutesHtml } from './sanitize';

export { sanitizeMinutesHtml } from './sanitize';

/** Tiptap's Collaboration extension keeps the editor content in this XmlFragment by default. */
export const MINUTES_FIELD = 'default';

export function minutesFragment(doc: Y.Doc): Y.XmlFragment {
	return doc.getXmlFragment(MINUTES_FIELD);
}

export function renderHtml(fragment: Y.XmlFragment): string {
	// Already escaped by construction; sanitizing anyway keeps one enforced allowlist for all
	// HTML that leaves the server, whatever a future renderer change might let through.
	return sanitizeMinutesHtml(blocksHtml(readBlocks(fragment)));
}

export function renderMarkdown(fragment: Y.XmlFragment): string {
	return blocksMarkdown(readBlocks(fragment));
}

/** One line per block (per code line, per hard break), for diffing versions. */
export function renderLines(fragment: Y.XmlFragment): string[] {
	return blocksLines(readBlocks(fragment));
}

/**
 * y-tiptap stores node attrs as their JSON values (the heading level is the number 2, not "2"),
 * while yjs's typings default attribute values to strings.
 */
function setJsonAttribute(el: Y.XmlElement, name: string, value: number): void {
	(el as Y.XmlElement<Record<string, string | number>>).setAttribute(name, value);
}

/**
 * Seeds empty minutes with one level-2 heading and an empty paragraph per agenda section.
 * Returns false (and changes nothing) when the minutes already have content. Run it where the
 * document is authoritative (the server's copy): two replicas seeding concurrently would both
 * insert, since each sees an empty fragment.
 */
export function initMinutes(doc: Y.Doc, sections: { title: string }[], origin?: unknown): boolean {
	const fragment = minutesFragment(doc);
	if (fragment.length > 0 || sections.length === 0) return false;
	doc.transact(
		() =>
			fragment.insert(
				0,
				sections.flatMap(({ title }) => sectionNodes(title))
			),
		origin
	);
	return true;
}

/** A section of the minutes: a level-2 heading with the item's title and an empty paragraph. */
function sectionNodes(title: string): Y.XmlElement[] {
	const heading = new Y.XmlElement('heading');
	setJsonAttribute(heading, 'level', 2);
	// A heading is one line; a newline in its text would not survive the editor anyway.
	const text = oneLine(title);
	if (text !== '') heading.insert(0, [new Y.XmlText(text)]);
	return [heading, new Y.XmlElement('paragraph')];
}

const oneLine = (title: string) => title.replace(/\s*[\r\n]+\s*/g, ' ');

/**
 * Add a section for an agenda item the minutes have no heading for yet (an item added during
 * the meeting), at the end. Returns whether it added one.
 */
export function ensureSection(doc: Y.Doc, title: string, origin?: unknown): boolean {
	const fragment = minutesFragment(doc);
	const text = oneLine(title);
	const has = fragment.toArray().some(
		(n) =>
			n instanceof Y.XmlElement &&
			n.nodeName === 'heading' &&
			n
				.toArray()
				.map((c) => (c instanceof Y.XmlText ? c.toString() : ''))
				.join('') === text
	);
	if (has || text === '') return false;
	doc.transact(() => fragment.insert(fragment.length, sectionNodes(title)), origin);
	return true;
}

/**
 * Makes target's minutes equal to source's (restoring a saved version). It is an ordinary
 * edit of target — delete everything, insert copies — so connected editors follow along and
 * target's history and later edits carry on normally; source is left untouched.
 */
export function replaceContent(target: Y.Doc, source: Y.Doc, origin?: unknown): void {
	if (target === source) return;
	const from = minutesFragment(source);
	const to = minutesFragment(target);
	target.transact(() => {
		// clone() copies content out of source eagerly, into types not yet bound to any doc.
		const copies = from
			.toArray()
			.filter(
				(n): n is Y.XmlElement | Y.XmlText => n instanceof Y.XmlElement || n instanceof Y.XmlText
			)
			.map((n) => n.clone());
		to.delete(0, to.length);
		to.insert(0, copies);
	}, origin);
}
