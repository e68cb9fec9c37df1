/**
 * The agenda document (`meeting/<id>/agenda`), read and changed the same way in the browser
 * and on the server. Items live in one Y.Map keyed by item id; each item is a Y.Map with
 * collaborative text for title and description and a fractional `order`. Reordering sets
 * `order` between the new neighbours, so two people moving items at once always converge with
 * no item lost or duplicated (a delete-and-reinsert move could duplicate).
 */
import * as Y from 'yjs';
import type { AgendaItem } from './schemas/meetings';

export const AGENDA_ITEMS = 'items';

export type ItemMap = Y.Map<unknown>;

export function itemsMap(doc: Y.Doc): Y.Map<ItemMap> {
	return doc.getMap<ItemMap>(AGENDA_ITEMS);
}

/** Item maps in agenda order. */
export function orderedItems(doc: Y.Doc): ItemMap[] {
	return [...itemsMap(doc).values()].sort((a, b) => {
		const d = (a.get('order') as number) - (b.get('order') as number);
		return d !== 0 ? d : String(a.get('id')).localeCompare(String(b.get('id')));
	});
}

export function toItem(m: ItemMap): AgendaItem {
	return {
		id: String(m.get('id')),
		title: (m.get('title') as Y.Text | undefined)?.toString() ?? '',
		description: (m.get('description') as Y.Text | undefined)?.toString() ?? '',
		presenter: String(m.get('presenter') ?? ''),
		minutes: Number(m.get('minutes') ?? 0),
		needIds: ((m.get('needIds') as Y.Array<string> | undefined)?.toArray() ?? []).filter(
			(x) => typeof x === 'string'
		)
	};
}

export function readAgenda(doc: Y.Doc): AgendaItem[] {
	return orderedItems(doc).map(toItem);
}

export function newItemId(): string {
	return Math.random().toString(36).slice(2, 10) + Date.now().toString(36).slice(-4);
}

/** Append an item at the end; returns its id. */
export function addItem(
	doc: Y.Doc,
	fields: Partial<Omit<AgendaItem, 'id'>> & { id?: string }
): string {
	const id = fields.id ?? newItemId();
	doc.transact(() => {
		const items = orderedItems(doc);
		const last = items.at(-1);
		const m = new Y.Map<unknown>();
		m.set('id', id);
		m.set('title', new Y.Text(fields.title ?? ''));
		m.set('description', new Y.Text(fields.description ?? ''));
		m.set('presenter', fields.presenter ?? '');
		m.set('minutes', fields.minutes ?? 10);
		const needs = new Y.Array<string>();
		needs.push(fields.needIds ?? []);
		m.set('needIds', needs);
		m.set('order', last ? (last.get('order') as number) + 1 : 1);
		itemsMap(doc).set(id, m);
	});
	return id;
}

/** Move an item to position `to` (0-based) in the current order. */
export function moveItem(doc: Y.Doc, id: string, to: number): void {
	const items = orderedItems(doc).filter((m) => m.get('id') !== id);
	const m = itemsMap(doc).get(id);
	if (!m) return;
	const i = Math.max(0, Math.min(to, items.length));
	const before = items[i - 1]?.get('order') as number | undefined;
	const after = items[i]?.get('order') as number | undefined;
	const order =
		before === undefined
			? (after ?? 1) - 1
			: after === undefined
				? before + 1
				: (before + after) / 2;
	m.set('order', order);
}

export function removeItem(doc: Y.Doc, id: string): void {
	itemsMap(doc).delete(id);
}

/** Add need ids to an item (each once). */
export function linkNeeds(doc: Y.Doc, itemId: string, needIds: string[]): boolean {
	const m = itemsMap(doc).get(itemId);
	if (!m) return false;
	const arr = m.get('needIds') as Y.Array<string>;
	const have = new Set(arr.toArray());
	arr.push(needIds.filter((n) => !have.has(n)));
	return true;
}
