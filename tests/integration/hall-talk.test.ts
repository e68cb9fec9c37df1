/**
 * Questions, comments and reactions in the live hall: they must name an item on the agenda, and
 * an upvote can be taken back once.
 */
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { reactions } from '../../src/lib/server/db/schema';
import { getHub } from '../../src/lib/server/platform/hub';
import { askQuestion } from '../../src/lib/server/hall/talk';
import { addItem } from '../../src/lib/shared/agenda';
import { type QuestionView } from '../../src/lib/shared/hall';
import { agendaDoc } from '../../src/lib/shared/doc-names';
import {
	t,
	nextId,
	connect,
	hangUp,
	value,
	outcome,
	expectError,
	join,
	barrier,
	actorOf,
	newMeeting,
	useHallApp
} from '../helpers/hall';

useHallApp();

describe('questions, comments and reactions', () => {
	it('reactions, comments and questions must name an item on the agenda (or, for a question, none)', async () => {
		const m = newMeeting({ visibility: 'public', units: 3, items: 2 });
		const r = await connect('resident3');
		await join(r, m.id);
		expectError(
			await r.emit('hall:react', {
				id: nextId(),
				meetingId: m.id,
				itemId: 'madeup',
				kind: 'support'
			}),
			'bad_request'
		);
		expectError(
			await r.emit('hall:comment', {
				id: nextId('c'),
				meetingId: m.id,
				itemId: 'madeup',
				body: '不存在的议题'
			}),
			'bad_request'
		);
		expectError(
			await r.emit('hall:ask', {
				id: nextId('q'),
				meetingId: m.id,
				itemId: 'madeup',
				body: '不存在的议题？'
			}),
			'bad_request'
		);
		expect(t.db.select().from(reactions).where(eq(reactions.itemId, 'madeup')).all()).toEqual([]);
		// An item added to the agenda during the meeting can be reacted to at once.
		let added = '';
		getHub().changeDoc(
			agendaDoc(m.id),
			(doc) => void (added = addItem(doc, { title: '临时动议' }))
		);
		expect(
			outcome(
				await r.emit('hall:react', {
					id: nextId(),
					meetingId: m.id,
					itemId: added,
					kind: 'unclear'
				})
			)
		).toBe('ok');
		expect(
			outcome(
				await r.emit('hall:ask', {
					id: nextId('q'),
					meetingId: m.id,
					itemId: null,
					body: '整体问题'
				})
			)
		).toBe('ok');
		await hangUp(r);
	});

	it('an upvote can be taken back, once, and the count and the person’s own list follow', async () => {
		const m = newMeeting({ visibility: 'public', units: 3, items: 1 });
		const q = askQuestion(t.db, actorOf('member2'), m.id, {
			id: nextId('q'),
			itemId: null,
			body: '能不能延长开放时间？'
		});
		const r = await connect('resident3');
		await join(r, m.id);
		const vote = async (up?: boolean) =>
			value(
				await r.emit<QuestionView>('hall:upvote', {
					id: nextId(),
					meetingId: m.id,
					questionId: q.id,
					...(up === undefined ? {} : { up })
				})
			).upvotes;
		expect(await vote()).toBe(1);
		expect(await vote(true)).toBe(1);
		expect((await join(r, m.id)).mine.upvoted).toEqual([q.id]);
		expect(await vote(false)).toBe(0);
		expect(await vote(false)).toBe(0);
		expect((await join(r, m.id)).mine.upvoted).toEqual([]);
		await barrier(r, m.id);
		expect(r.questions.filter((x) => x.id === q.id).map((x) => x.upvotes)).toEqual([1, 0]);
		await hangUp(r);
	});
});
