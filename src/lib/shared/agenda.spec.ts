import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { addItem, moveItem, readAgenda, removeItem } from './agenda';

function sync(a: Y.Doc, b: Y.Doc) {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('agenda document', () => {
	it('adds, moves and removes items in order', () => {
		const d = new Y.Doc();
		const a = addItem(d, { title: 'A' });
		const b = addItem(d, { title: 'B' });
		const c = addItem(d, { title: 'C' });
		moveItem(d, c, 0);
		expect(readAgenda(d).map((i) => i.title)).toEqual(['C', 'A', 'B']);
		moveItem(d, c, 2);
		expect(readAgenda(d).map((i) => i.id)).toEqual([a, b, c]);
		removeItem(d, b);
		expect(readAgenda(d).map((i) => i.title)).toEqual(['A', 'C']);
	});

	it('concurrent moves, edits, adds and removes converge with no item lost or duplicated', () => {
		const op = fc.record({
			who: fc.nat(2),
			kind: fc.constantFrom('move', 'add', 'remove', 'edit'),
			a: fc.nat(10),
			b: fc.nat(10)
		});
		fc.assert(
			fc.property(
				fc.array(fc.array(op, { maxLength: 6 }), { minLength: 1, maxLength: 6 }),
				(rounds) => {
					const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
					for (let i = 0; i < 4; i++) addItem(docs[0]!, { title: `item ${i}` });
					sync(docs[0]!, docs[1]!);
					sync(docs[0]!, docs[2]!);
					for (const round of rounds) {
						for (const o of round) {
							const d = docs[o.who]!;
							const items = readAgenda(d);
							const target = items[o.a % Math.max(1, items.length)];
							if (o.kind === 'add') addItem(d, { title: `new ${o.a}` });
							else if (!target) continue;
							else if (o.kind === 'move') moveItem(d, target.id, o.b % items.length);
							else if (o.kind === 'remove') removeItem(d, target.id);
							else
								(d.getMap<Y.Map<unknown>>('items').get(target.id)!.get('title') as Y.Text).insert(
									0,
									`${o.who}`
								);
						}
						// Exchange in a random-ish order.
						sync(docs[0]!, docs[1]!);
						sync(docs[1]!, docs[2]!);
						sync(docs[2]!, docs[0]!);
					}
					sync(docs[0]!, docs[1]!);
					const views = docs.map((d) => JSON.stringify(readAgenda(d)));
					expect(views[1]).toBe(views[0]);
					expect(views[2]).toBe(views[0]);
					const ids = readAgenda(docs[0]!).map((i) => i.id);
					expect(new Set(ids).size).toBe(ids.length);
				}
			),
			{ numRuns: 300, seed: 11 }
		);
	});
});
