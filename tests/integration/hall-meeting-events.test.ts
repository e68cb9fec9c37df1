/**
 * One connection can be in several halls (every tab shares one socket.io connection, and a page
 * may follow one hall while leaving another): each hall's questions and comments name their
 * meeting, so a page keeps only its own (src/lib/realtime/hall-listeners.ts).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { io as ioClient } from 'socket.io-client';
import { startApp, type TestApp } from '../helpers/app';
import { waitFor } from '../helpers/yjs-client';
import { meetings } from '../../src/lib/server/db/schema';
import { loadActor } from '../../src/lib/server/auth/session';
import { readStoredDoc } from '../../src/lib/server/docs/store';
import { startMeeting } from '../../src/lib/server/hall/session';
import { getHub } from '../../src/lib/server/platform/hub';
import { addItem, readAgenda } from '../../src/lib/shared/agenda';
import { agendaDoc } from '../../src/lib/shared/doc-names';
import type { CommentEvent, QuestionEvent } from '../../src/lib/shared/events';
import type { Result } from '../../src/lib/shared/result';

let t: TestApp;

beforeAll(async () => {
	t = await startApp();
});

afterAll(async () => {
	await t.close();
});

/** A live meeting with one agenda item. */
function liveMeeting(visibility: 'public' | 'members') {
	const id = t.db.select().from(meetings).where(eq(meetings.visibility, visibility)).get()!.id;
	getHub().changeDoc(agendaDoc(id), (doc) => void addItem(doc, { title: '议题' }));
	startMeeting(t.db, loadActor(t.db, t.userId('chair')), id);
	const doc = readStoredDoc(t.db, agendaDoc(id));
	const itemId = readAgenda(doc).at(-1)!.id;
	doc.destroy();
	return { id, itemId };
}

it('questions and comments broadcast to a hall name its meeting', async () => {
	const a = liveMeeting('public');
	const b = liveMeeting('members');
	const s = ioClient(t.url, {
		transports: ['websocket'],
		extraHeaders: { cookie: t.cookie('chair'), origin: t.origin },
		reconnection: false,
		forceNew: true
	});
	const heard: { question: QuestionEvent[]; comment: CommentEvent[] } = {
		question: [],
		comment: []
	};
	s.on('hall:question', (q: QuestionEvent) => heard.question.push(q));
	s.on('hall:comment', (c: CommentEvent) => heard.comment.push(c));
	let seq = 0;
	const emit = (event: string, payload: object) =>
		s.timeout(3000).emitWithAck(event, { id: `hme-${++seq}`, ...payload }) as Promise<
			Result<{ id: string }>
		>;
	const ok = async (r: Promise<Result<{ id: string }>>) => {
		const answer = await r;
		if (!answer.ok) throw new Error(answer.error.code);
		return answer.value.id;
	};
	try {
		for (const m of [a, b]) expect((await emit('hall:join', { meetingId: m.id })).ok).toBe(true);
		const qa = await ok(emit('hall:ask', { meetingId: a.id, itemId: null, body: '甲会的问题' }));
		const qb = await ok(emit('hall:ask', { meetingId: b.id, itemId: null, body: '乙会的问题' }));
		const cb = await ok(
			emit('hall:comment', { meetingId: b.id, itemId: b.itemId, body: '乙会的意见' })
		);
		const ca = await ok(
			emit('hall:comment', { meetingId: a.id, itemId: a.itemId, body: '甲会的意见' })
		);
		await waitFor(() => heard.question.length === 2 && heard.comment.length === 2);
		expect(heard.question.map((q) => [q.id, q.meetingId])).toEqual([
			[qa, a.id],
			[qb, b.id]
		]);
		expect(heard.comment.map((c) => [c.id, c.meetingId])).toEqual([
			[cb, b.id],
			[ca, a.id]
		]);
		// Moderation goes out named too.
		await ok(emit('hall:question', { meetingId: b.id, questionId: qb, action: 'pick' }));
		await waitFor(() => heard.question.length === 3);
		expect(heard.question.at(-1)).toMatchObject({ id: qb, meetingId: b.id, status: 'picked' });
	} finally {
		s.disconnect();
	}
});
