/**
 * Hostile input to the live hall: script payloads in questions, comments, answers and minutes
 * stay inert text, and malformed events are answered bad_request and change nothing.
 */
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { RawPeer } from '../helpers/raw-yjs-peer';
import { questions, comments as commentsTable } from '../../src/lib/server/db/schema';
import { approveMinutes, finaliseMinutes, getMinutes } from '../../src/lib/server/minutes/minutes';
import { type CommentView, type QuestionView } from '../../src/lib/shared/hall';
import { minutesDoc } from '../../src/lib/shared/doc-names';
import {
	t,
	clients,
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
	fingerprint,
	useHallApp,
	writeMinutes,
	appendParagraph,
	storedRowsOf,
	type Client
} from '../helpers/hall';

useHallApp();

const XSS = [
	'<script>alert(1)</script>',
	'<img src=x onerror=alert(1)>',
	'"><svg/onload=alert(1)>',
	"'';!--\"<XSS>=&{()}",
	'<a href="javascript:alert(1)">点我</a>',
	'<iframe src="javascript:alert(1)"></iframe>',
	'javascript:alert(document.cookie)',
	'{{constructor.constructor("alert(1)")()}}',
	'<body onload=alert(1)>',
	'&lt;script&gt;alert(1)&lt;/script&gt;'
];

const ALLOWED_TAGS = [
	'p',
	'h1',
	'h2',
	'h3',
	'h4',
	'h5',
	'h6',
	'ul',
	'ol',
	'li',
	'blockquote',
	'pre',
	'code',
	'hr',
	'br',
	'strong',
	'em',
	's',
	'u',
	'a'
];
const decodeEntities = (s: string) =>
	s
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&#x27;/g, "'")
		.replace(/&amp;/g, '&');

/** What in rendered HTML could run script: a tag outside the allowlist, an on* attribute, a non-http(s)/mailto URL. */
function unsafeMarkup(html: string): string[] {
	const problems: string[] = [];
	// In escaped output every '<' starts a tag.
	for (const m of html.matchAll(/<([^>]*)>?/g)) {
		const tag = m[1]!;
		const name = /^\/?([a-zA-Z][\w-]*)/.exec(tag)?.[1]?.toLowerCase();
		if (!name || !ALLOWED_TAGS.includes(name)) problems.push(`tag: ${m[0]}`);
		for (const a of tag
			.replace(/^\/?[\w-]+/, '')
			.matchAll(/([^\s=/"']+)\s*(?:=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g)) {
			const attr = a[1]!.toLowerCase();
			const val = decodeEntities((a[2] ?? '').replace(/^["']|["']$/g, '')).trim();
			if (attr.startsWith('on')) problems.push(`handler: ${m[0]}`);
			if (!['href', 'rel', 'start'].includes(attr)) problems.push(`attribute: ${m[0]}`);
			if (attr === 'href' && !/^(https?|mailto):/i.test(val)) problems.push(`url: ${m[0]}`);
		}
	}
	return problems;
}

describe('6. script payloads are inert', () => {
	it('questions, comments and answers are stored and sent back as the plain text typed', async () => {
		const m = newMeeting({ visibility: 'public', units: 3, items: 1 });
		const mid = m.id;
		const item = m.items[0]!;
		const chair = await connect('chair');
		const resident = await connect('resident3');
		await join(chair, mid);
		await join(resident, mid);
		const asked: QuestionView[] = [];
		const posted: CommentView[] = [];
		for (const body of XSS) {
			const q = value(
				await resident.emit<QuestionView>('hall:ask', {
					id: nextId('q'),
					meetingId: mid,
					itemId: item,
					body
				})
			);
			expect(q.body).toBe(body);
			asked.push(q);
			const c = value(
				await resident.emit<CommentView>('hall:comment', {
					id: nextId('c'),
					meetingId: mid,
					itemId: item,
					body
				})
			);
			expect(c.body).toBe(body);
			posted.push(c);
		}
		for (const [i, q] of asked.entries()) {
			const answer = XSS[(i + 1) % XSS.length]!;
			expect(
				value(
					await chair.emit<QuestionView>('hall:question', {
						id: nextId(),
						meetingId: mid,
						questionId: q.id,
						action: 'answer',
						answer
					})
				).answer
			).toBe(answer);
		}
		// Stored verbatim, broadcast verbatim, and verbatim in the snapshot someone entering gets.
		for (const [i, q] of asked.entries())
			expect(t.db.select().from(questions).where(eq(questions.id, q.id)).get()).toMatchObject({
				body: XSS[i],
				answer: XSS[(i + 1) % XSS.length]
			});
		for (const [i, c] of posted.entries())
			expect(t.db.select().from(commentsTable).where(eq(commentsTable.id, c.id)).get()!.body).toBe(
				XSS[i]
			);
		await barrier(chair, mid);
		expect(chair.questions.filter((q) => q.status === 'open').map((q) => q.body)).toEqual(XSS);
		expect(chair.questions.filter((q) => q.status === 'answered').map((q) => q.answer)).toEqual(
			XSS.map((_, i) => XSS[(i + 1) % XSS.length])
		);
		expect(chair.comments.map((c) => c.body)).toEqual(XSS);
		const other = await connect('resident6');
		const snap = await join(other, mid);
		expect(snap.questions.map((q) => [q.body, q.answer])).toEqual(
			XSS.map((x, i) => [x, XSS[(i + 1) % XSS.length]])
		);
		expect(snap.comments.map((c) => c.body)).toEqual(XSS);
		for (const c of [chair, resident, other]) await hangUp(c);
	});

	it('minutes with script text, javascript: links, script and img elements and handler attributes render as inert HTML', async () => {
		const m = newMeeting({ visibility: 'public', units: 3, items: 1 });
		const peer = new RawPeer(`${t.wsUrl}/yjs/${minutesDoc(m.id)}`, {
			cookie: t.cookie('recorder'),
			origin: t.origin
		});
		await peer.opened;
		await peer.barrier();
		const hrefs = [
			'javascript:alert(1)',
			'JaVaScRiPt:alert(1)',
			' javascript:alert(1)',
			'java\tscript:alert(1)',
			'&#106;avascript:alert(1)',
			'data:text/html,<script>alert(1)</script>',
			'vbscript:msgbox(1)',
			'//evil.example/x',
			'/relative'
		];
		writeMinutes(peer, (f) => {
			for (const x of XSS) appendParagraph(f, x);
			for (const href of hrefs) appendParagraph(f, `LINK ${href}`, { link: { href } });
			appendParagraph(f, 'GOOD LINK', { link: { href: 'https://example.org/a?b=1&c="2"' } });
			appendParagraph(f, 'HANDLER-ATTR', undefined, {
				onclick: 'alert(1)',
				style: 'background:url(javascript:alert(1))'
			});
			appendParagraph(f, 'alert("script element")', undefined, {}, 'script');
			appendParagraph(f, 'IMG', undefined, { src: 'x', onerror: 'alert(1)' }, 'img');
			appendParagraph(f, 'IFRAME', undefined, { src: 'javascript:alert(1)' }, 'iframe');
			const h = new Y.XmlElement('heading');
			f.insert(f.length, [h]);
			h.setAttribute('level', '2" onmouseover="alert(1)');
			const tx = new Y.XmlText();
			h.insert(0, [tx]);
			tx.insert(0, '<script>alert("heading")</script>');
		});
		await peer.barrier();
		expect(storedRowsOf(minutesDoc(m.id))).toBeGreaterThan(0);

		const { html } = getMinutes(t.db, actorOf('chair'), m.id);
		expect(unsafeMarkup(html)).toEqual([]);
		expect(html).not.toMatch(/<script|<img|<iframe|<svg/i);
		// No tag carries a script URL anywhere in it (the same words in text are fine: they are escaped).
		expect(
			[...html.matchAll(/<[^>]*>/g)]
				.map((m) => m[0])
				.filter((tag) => /(javascript|vbscript|data):/i.test(tag))
		).toEqual([]);
		// The words are all there, as text.
		const text = decodeEntities(html.replace(/<[^>]*>/g, ''));
		for (const x of XSS) expect(text).toContain(x);
		for (const href of hrefs) expect(text).toContain(`LINK ${href}`);
		expect(text).toContain('<script>alert("heading")</script>');
		expect(text).toContain('HANDLER-ATTR');
		// The one good link survives as a link.
		const good = [...html.matchAll(/<a href="([^"]*)"[^>]*>GOOD LINK<\/a>/g)].map((a) =>
			decodeEntities(a[1]!)
		);
		expect(good).toEqual(['https://example.org/a?b=1&c="2"']);

		// Approved minutes are rendered the same way.
		finaliseMinutes(t.db, actorOf('recorder'), m.id);
		const approved = approveMinutes(t.db, actorOf('chair'), m.id);
		expect(unsafeMarkup(approved.html)).toEqual([]);
		expect(getMinutes(t.db, actorOf('resident3'), m.id).html).toBe(approved.html);
		peer.close();
	});
});

// --- 7. bad input ---------------------------------------------------------------------------------

describe('7. malformed events', () => {
	it('are answered bad_request and change nothing', async () => {
		const m = newMeeting({ visibility: 'public', units: 3, items: 2 });
		const mid = m.id;
		const item = m.items[0]!;
		const chair = await connect('chair');
		const resident = await connect('resident3');
		await join(chair, mid);
		await join(resident, mid);
		// Something to act on.
		const q = value(
			await resident.emit<QuestionView>('hall:ask', {
				id: nextId('q'),
				meetingId: mid,
				itemId: item,
				body: '有问题'
			})
		);
		const c = value(
			await resident.emit<CommentView>('hall:comment', {
				id: nextId('c'),
				meetingId: mid,
				itemId: item,
				body: '有意见'
			})
		);
		await resident.emit('hall:hand', { id: nextId(), meetingId: mid, raise: true });
		const base = { meetingId: mid };
		const cases: [who: Client, event: string, payload: unknown][] = [
			[resident, 'hall:ask', { ...base, itemId: item, body: 'no id' }],
			[resident, 'hall:ask', { id: 7, ...base, itemId: item, body: 'numeric id' }],
			[resident, 'hall:ask', { id: '', ...base, itemId: item, body: 'empty id' }],
			[resident, 'hall:ask', { id: 'x'.repeat(65), ...base, itemId: item, body: 'long id' }],
			[resident, 'hall:ask', { id: nextId(), itemId: item, body: 'no meeting' }],
			[
				resident,
				'hall:ask',
				{ id: nextId(), meetingId: [mid], itemId: item, body: 'meeting as array' }
			],
			[resident, 'hall:ask', { id: nextId(), ...base, itemId: item, body: 'x'.repeat(501) }],
			[resident, 'hall:ask', { id: nextId(), ...base, itemId: item, body: '   ' }],
			[resident, 'hall:ask', { id: nextId(), ...base, itemId: item, body: 42 }],
			[resident, 'hall:ask', { id: nextId(), ...base, itemId: 42, body: 'item as number' }],
			[resident, 'hall:ask', { id: nextId(), ...base, body: 'no item' }],
			[
				resident,
				'hall:ask',
				{ id: nextId(), ...base, itemId: item, body: 'extra', authorId: chair.userId }
			],
			[
				resident,
				'hall:ask',
				{ id: nextId(), ...base, itemId: item, body: 'extra', status: 'answered' }
			],
			[resident, 'hall:ask', null],
			[resident, 'hall:ask', 'hall:ask'],
			[resident, 'hall:ask', [{ id: nextId(), ...base, itemId: item, body: 'in an array' }]],
			[resident, 'hall:join', { id: nextId(), meetingId: 'm'.repeat(65) }],
			[resident, 'hall:checkIn', { id: nextId() }],
			[resident, 'hall:hand', { id: nextId(), ...base, raise: 'yes' }],
			[resident, 'hall:hand', { id: nextId(), ...base, raise: false, pointOfOrder: 'true' }],
			[resident, 'hall:hand', { id: nextId(), ...base }],
			[resident, 'hall:upvote', { id: nextId(), ...base, questionId: { $ne: null } }],
			[resident, 'hall:react', { id: nextId(), ...base, itemId: item, kind: 'love' }],
			[resident, 'hall:react', { id: nextId(), ...base, itemId: item }],
			[resident, 'hall:comment', { id: nextId(), ...base, itemId: item, body: 'x'.repeat(1001) }],
			[resident, 'hall:comment', { id: nextId(), ...base, itemId: null, body: 'no item' }],
			[chair, 'hall:agenda', { id: nextId(), ...base, to: 'last' }],
			[chair, 'hall:agenda', { id: nextId(), ...base, to: { itemId: 5 } }],
			[chair, 'hall:agenda', { id: nextId(), ...base, to: { itemId: m.items[1], extra: 1 } }],
			[chair, 'hall:floor', { id: nextId(), ...base, action: 'kick' }],
			[chair, 'hall:floor', { id: nextId(), ...base, action: 'extend', seconds: 5 }],
			[chair, 'hall:floor', { id: nextId(), ...base, action: 'extend', seconds: 99_999 }],
			[chair, 'hall:floor', { id: nextId(), ...base, action: 'extend', seconds: 30.5 }],
			[chair, 'hall:floor', { id: nextId(), ...base, action: 'give', userId: 123 }],
			[chair, 'hall:queue', { id: nextId(), ...base, action: 'shuffle' }],
			[
				chair,
				'hall:queue',
				{ id: nextId(), ...base, action: 'move', userId: resident.userId, toIndex: -1 }
			],
			[
				chair,
				'hall:queue',
				{ id: nextId(), ...base, action: 'move', userId: resident.userId, toIndex: '0' }
			],
			[chair, 'hall:question', { id: nextId(), ...base, questionId: q.id, action: 'delete' }],
			[
				chair,
				'hall:question',
				{ id: nextId(), ...base, questionId: q.id, action: 'answer', answer: 'x'.repeat(1001) }
			],
			[chair, 'hall:question', { id: nextId(), ...base, questionId: q.id, action: 'answer' }],
			[
				chair,
				'hall:question',
				{ id: nextId(), ...base, questionId: q.id, action: 'answer', answer: '   ' }
			],
			[chair, 'hall:moderate', { id: nextId(), ...base, commentId: c.id, action: 'delete' }],
			[
				chair,
				'hall:moderate',
				{ id: nextId(), ...base, commentId: c.id, action: 'hide', hidden: false }
			],
			[chair, 'hall:start', { id: nextId(), ...base }],
			[chair, 'hall:close', { id: nextId(), ...base }],
			[chair, 'hall:kick', { id: nextId(), ...base, userId: resident.userId }]
		];
		// Paced: a person's events share one rate limit across all their connections (20 a second
		// after the first 40), so every 15 events from one person wait a second for it to refill.
		const before = fingerprint(mid);
		const got: string[] = [];
		const sent = new Map<Client, number>();
		for (const [who, event, payload] of cases) {
			if ((sent.get(who) ?? 0) >= 15) {
				await new Promise((r) => setTimeout(r, 1_000));
				sent.set(who, 0);
			}
			sent.set(who, (sent.get(who) ?? 0) + 1);
			const via = who;
			const r = await via.emit(event, payload);
			got.push(`${event} ${JSON.stringify(payload).slice(0, 80)} → ${outcome(r)}`);
			if (!r.ok) expectError(r, r.error.code);
		}
		expect(got).toEqual(
			cases.map(
				([, event, payload]) => `${event} ${JSON.stringify(payload).slice(0, 80)} → bad_request`
			)
		);
		expect(fingerprint(mid)).toBe(before);
		await barrier(chair, mid);
		expect(chair.questions).toHaveLength(1);
		expect(chair.comments).toHaveLength(1);

		// The limits themselves are allowed: 500 characters for a question, 1000 for a comment.
		expect(
			value(
				await resident.emit<QuestionView>('hall:ask', {
					id: nextId('q'),
					meetingId: mid,
					itemId: item,
					body: 'x'.repeat(500)
				})
			).body
		).toHaveLength(500);
		expect(
			value(
				await resident.emit<CommentView>('hall:comment', {
					id: nextId('c'),
					meetingId: mid,
					itemId: item,
					body: 'y'.repeat(1000)
				})
			).body
		).toHaveLength(1000);
		for (const c of clients.filter((c) => c.s.connected)) await hangUp(c);
	});
});
