import { describe, expect, it } from 'vitest';
import type { CommentView, HallState, QuestionView } from '../shared/hall';
import { hallListeners, type HallNews, type HallView } from './hall-listeners';

const state = (meetingId: string, version: number): HallState => ({
	meetingId,
	version,
	status: 'live',
	itemId: null,
	itemStartedAt: null,
	itemUsedMs: {},
	speaker: null,
	queue: [],
	speechLimitSec: 180,
	startedAt: null,
	closedAt: null
});

const question = (id: string, body = '?'): QuestionView => ({
	id,
	itemId: null,
	authorId: 'u1',
	authorName: 'An',
	body,
	status: 'open',
	answer: '',
	upvotes: 0,
	createdAt: 0
});

const comment = (id: string, body = '!'): CommentView => ({
	id,
	itemId: 'i1',
	authorId: 'u1',
	authorName: 'An',
	body,
	hidden: false,
	pinned: false,
	createdAt: 0
});

function page(meetingId = 'm1') {
	const view: HallView = {
		meetingId,
		state: state(meetingId, 3),
		participants: [],
		attendance: { inHall: 0, present: 0, quorum: 0, quorumMet: false },
		questions: [],
		comments: [],
		reactions: {},
		agenda: null,
		minutesStatus: null
	};
	const news: HallNews[] = [];
	return { view, news, on: hallListeners(view, (n) => news.push(n)) };
}

describe('a hall page’s listeners', () => {
	it('ignore another meeting’s questions and comments', () => {
		const { view, news, on } = page('m1');
		on['hall:question']({ ...question('q1'), meetingId: 'm2' });
		on['hall:comment']({ ...comment('c1'), meetingId: 'm2' });
		expect(view.questions).toEqual([]);
		expect(view.comments).toEqual([]);
		expect(news).toEqual([]);
	});

	it('add this meeting’s questions and comments, tell of new ones once, and update them in place', () => {
		const { view, news, on } = page('m1');
		on['hall:question']({ ...question('q1'), meetingId: 'm1' });
		on['hall:comment']({ ...comment('c1'), meetingId: 'm1' });
		on['hall:question']({ ...question('q2'), meetingId: 'm1' });
		on['hall:question']({ ...question('q1', 'edited'), upvotes: 4, meetingId: 'm1' });
		expect(view.questions).toEqual([{ ...question('q1', 'edited'), upvotes: 4 }, question('q2')]);
		expect(view.comments).toEqual([comment('c1')]);
		expect(news).toEqual([
			{ kind: 'question', question: question('q1') },
			{ kind: 'comment', comment: comment('c1') },
			{ kind: 'question', question: question('q2') }
		]);
	});

	it('wait for the hall’s state before taking questions and comments', () => {
		const { view, on } = page('m1');
		view.state = null;
		on['hall:question']({ ...question('q1'), meetingId: 'm1' });
		expect(view.questions).toEqual([]);
	});

	it('ignore another meeting’s floor, presence, reactions, agenda and minutes', () => {
		const { view, on } = page('m1');
		const before = structuredClone(view);
		on['hall:state'](state('m2', 9));
		on['hall:presence']({
			meetingId: 'm2',
			joined: [],
			left: [],
			attendance: { inHall: 5, present: 5, quorum: 1, quorumMet: true }
		});
		on['hall:reactions']({
			meetingId: 'm2',
			itemId: 'i1',
			counts: { support: 1, oppose: 0, unclear: 0 }
		});
		on['hall:agenda']({ meetingId: 'm2', items: [] });
		on['hall:minutes']({ meetingId: 'm2', status: 'approved' });
		expect(view).toEqual(before);
	});

	it('keep the newest floor state when events cross a snapshot', () => {
		const { view, on } = page('m1');
		on['hall:state'](state('m1', 2));
		expect(view.state?.version).toBe(3);
		on['hall:state'](state('m1', 4));
		expect(view.state?.version).toBe(4);
	});
});
