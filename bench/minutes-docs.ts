/**
 * The minutes benchmark's document child (run with `--expose-gc`), on a fresh database in
 * $DATA_DIR, through the Yjs server's own classes (SharedDoc, GroupCommit, the store):
 *
 * - memory per loaded document: BENCH_MINUTES_DOCS documents holding a typical meeting's
 *   minutes (8 sections, typed a character at a time, some of it deleted again) are loaded as
 *   the server loads them; heap after full collections with them loaded minus with none;
 * - load time of a document with BENCH_MINUTES_EDITS single-character edits, stored as the
 *   server stores them (every update committed, the log compacted every 500), against the
 *   baseline of applying the same state as one merged update to a fresh Y.Doc; and the same
 *   edits stored as one row each (a log never compacted): its first load compacts it.
 */
import path from 'node:path';
import * as Y from 'yjs';
import { openDb } from '../src/lib/server/db';
import { appendDocUpdates, countDocUpdates, writeNewDoc } from '../src/lib/server/docs/store';
import { GroupCommit } from '../server/yjs/group-commit';
import { SharedDoc } from '../server/yjs/shared-doc';
import { memSample, nowMs } from './hall-shared';

export interface MinutesDocsResult {
	type: 'result';
	docs: number;
	heapNone: number;
	heapLoaded: number;
	docBytes: number;
	edits: number;
	rowsAtLoad: number;
	loadMs: number[];
	baselineMs: number[];
	uncompacted: { rows: number; firstMs: number; nextMs: number };
}

const DOCS = Number(process.env.BENCH_MINUTES_DOCS || 200);
const EDITS = Number(process.env.BENCH_MINUTES_EDITS || 100_000);
const LOADS = 7;
const TYPED = '会议讨论了河道异味治理方案，居民代表建议增加巡查频次并公开检测结果。';

const db = openDb(path.join(process.env.DATA_DIR!, 'docs.db'));
const fail = (_doc: unknown, err: unknown) => {
	throw err;
};
const commits = new GroupCommit(db, 256, fail, fail);
const opts = { db, compactEvery: 500, commits };

/** A meeting's minutes as Tiptap stores them: 8 headed sections of typed paragraphs. */
function typicalMinutes(doc: Y.Doc): void {
	const root = doc.getXmlFragment('default');
	for (let s = 0; s < 8; s++) {
		const h = new Y.XmlElement('heading');
		const p = new Y.XmlElement('paragraph');
		root.push([h, p]);
		const ht = new Y.XmlText();
		h.insert(0, [ht]);
		ht.insert(0, `${s + 1}. 议题`);
		const t = new Y.XmlText();
		p.insert(0, [t]);
		for (let i = 0; i < 300; i++) {
			t.insert(t.length, TYPED[i % TYPED.length]!);
			if (i % 25 === 24) t.delete(t.length - 3, 2); // corrections: tombstones, as in real typing
		}
	}
}

function memoryPerDoc() {
	const names = Array.from({ length: DOCS }, (_, i) => `bench/${i}/minutes`);
	let docBytes = 0;
	for (const name of names)
		writeNewDoc(db, name, (d) => {
			typicalMinutes(d);
			docBytes = Y.encodeStateAsUpdate(d).byteLength;
		});
	const loaded: SharedDoc[] = [];
	// One load and unload first, so code and caches are warm in both samples.
	new SharedDoc(names[0]!, opts).destroy();
	const heapNone = memSample().heapUsed;
	for (const name of names) loaded.push(new SharedDoc(name, opts));
	const heapLoaded = memSample().heapUsed;
	for (const d of loaded) d.destroy();
	return { docs: DOCS, heapNone, heapLoaded, docBytes };
}

function timeLoad(name: string): number {
	const t = nowMs();
	const d = new SharedDoc(name, opts);
	const ms = nowMs() - t;
	d.destroy();
	return ms;
}

function loadTime() {
	// Edits made by a client and fed to a loaded SharedDoc, which stores them as it would live.
	const name = 'bench/long/minutes';
	writeNewDoc(db, name, () => {});
	const shared = new SharedDoc(name, opts);
	const client = new Y.Doc();
	const updates: Uint8Array[] = [];
	client.on('update', (u: Uint8Array) => {
		updates.push(u);
		Y.applyUpdate(shared.doc, u, 'client');
	});
	const p = new Y.XmlElement('paragraph');
	const text = new Y.XmlText();
	p.insert(0, [text]);
	client.getXmlFragment('default').push([p]);
	for (let i = 1; i < EDITS; i++) {
		// Mostly typing at a moving caret, one in ten a deletion.
		if (i % 10 === 9 && text.length > 1) text.delete(Math.floor(text.length / 2), 1);
		else text.insert(Math.floor((text.length * (i % 7)) / 7), TYPED[i % TYPED.length]!);
	}
	commits.flush();
	shared.destroy(); // as a crash would leave it: no compaction at unload
	const rowsAtLoad = countDocUpdates(db, name);
	const state = Y.encodeStateAsUpdate(client);
	const loadMs: number[] = [];
	const baselineMs: number[] = [];
	for (let i = 0; i < LOADS; i++) {
		loadMs.push(timeLoad(name));
		const t = nowMs();
		const d = new Y.Doc();
		Y.applyUpdate(d, state);
		baselineMs.push(nowMs() - t);
		d.destroy();
	}
	// The same edits as one row each (a log that was never compacted).
	const raw = 'bench/raw/minutes';
	for (let i = 0; i < updates.length; i += 5000)
		appendDocUpdates(
			db,
			updates.slice(i, i + 5000).map((update) => ({ name: raw, update }))
		);
	const rows = countDocUpdates(db, raw);
	const firstMs = timeLoad(raw);
	const nextMs = timeLoad(raw);
	client.destroy();
	return {
		edits: EDITS,
		rowsAtLoad,
		loadMs: loadMs.sort((a, b) => a - b),
		baselineMs: baselineMs.sort((a, b) => a - b),
		uncompacted: { rows, firstMs, nextMs }
	};
}

if (!process.send) throw new Error('minutes-docs.ts is started by bench/minutes.ts (IPC)');
const result: MinutesDocsResult = { type: 'result', ...memoryPerDoc(), ...loadTime() };
process.send(result, () => {
	db.$client.close();
	process.exit(0);
});
