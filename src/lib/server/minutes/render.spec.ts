import { getSchema, type JSONContent } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { diffLines } from './diff';
import { minutesDocx } from './docx';
import {
	ensureSection,
	initMinutes,
	MINUTES_FIELD,
	minutesFragment,
	renderHtml,
	renderLines,
	renderMarkdown,
	replaceContent,
	sanitizeMinutesHtml
} from './render';

// The real editor schema: getSchema needs no DOM, so fragments here are what Tiptap writes.
const schema = getSchema([StarterKit]);

function docFrom(content: JSONContent[]): Y.Doc {
	const doc = new Y.Doc();
	prosemirrorJSONToYXmlFragment(schema, { type: 'doc', content }, minutesFragment(doc));
	return doc;
}

const fragmentOf = (content: JSONContent[]) => minutesFragment(docFrom(content));
const text = (t: string, marks?: JSONContent['marks']): JSONContent =>
	marks ? { type: 'text', text: t, marks } : { type: 'text', text: t };
const para = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content });
const heading = (level: number, t: string): JSONContent => ({
	type: 'heading',
	attrs: { level },
	content: [text(t)]
});
const item = (...content: JSONContent[]): JSONContent => ({ type: 'listItem', content });
const link = (href: string) => [{ type: 'link', attrs: { href } }];

/** Markdown → text as a CommonMark reader would see it, to check nothing became syntax. */
const SCRIPT = '<script>alert(1)</script>';
const IMG = '<img src=x onerror=alert(1)>';

describe('y-tiptap representation (what the renderers rely on)', () => {
	it('stores attrs as JSON values and marks as delta attributes named after the mark', () => {
		const fragment = fragmentOf([
			heading(2, 'T'),
			para(text('b', [{ type: 'bold' }]), text('l', link('https://example.org')))
		]);
		expect(fragment.get(0)).toBeInstanceOf(Y.XmlElement);
		const h = fragment.get(0) as Y.XmlElement;
		expect(h.nodeName).toBe('heading');
		expect(h.getAttributes()).toEqual({ level: 2 });
		const delta = ((fragment.get(1) as Y.XmlElement).get(0) as Y.XmlText).toDelta();
		expect(delta[0]).toEqual({ insert: 'b', attributes: { bold: {} } });
		expect(delta[1].attributes.link.href).toBe('https://example.org');
	});
});

describe('renderHtml', () => {
	it('renders StarterKit nodes and marks', () => {
		const fragment = fragmentOf([
			heading(2, '议程一'),
			para(
				text('粗', [{ type: 'bold' }]),
				text('斜', [{ type: 'italic' }]),
				text('删', [{ type: 'strike' }]),
				text('下', [{ type: 'underline' }]),
				text('x()', [{ type: 'code' }]),
				{ type: 'hardBreak' },
				text('链接', link('https://example.org/a?b=1&c=2'))
			),
			{ type: 'bulletList', content: [item(para(text('甲'))), item(para(text('乙')))] },
			{ type: 'orderedList', attrs: { start: 3 }, content: [item(para(text('丙')))] },
			{ type: 'blockquote', content: [para(text('引用'))] },
			{ type: 'codeBlock', attrs: { language: 'js' }, content: [text('if (a < b) {}\n')] },
			{ type: 'horizontalRule' }
		]);
		expect(renderHtml(fragment)).toBe(
			'<h2>议程一</h2>' +
				'<p><strong>粗</strong><em>斜</em><s>删</s><u>下</u><code>x()</code><br />' +
				'<a href="https://example.org/a?b=1&amp;c=2" rel="noopener noreferrer nofollow">链接</a></p>' +
				'<ul><li><p>甲</p></li><li><p>乙</p></li></ul>' +
				'<ol start="3"><li><p>丙</p></li></ol>' +
				'<blockquote><p>引用</p></blockquote>' +
				'<pre><code>if (a &lt; b) {}\n</code></pre>' +
				'<hr />'
		);
	});

	it('nests overlapping marks and merges runs sharing a link', () => {
		const fragment = fragmentOf([
			para(
				text('a', [{ type: 'bold' }, ...link('https://x.test')]),
				text('b', [{ type: 'bold' }, { type: 'italic' }, ...link('https://x.test')])
			)
		]);
		expect(renderHtml(fragment)).toBe(
			'<p><a href="https://x.test" rel="noopener noreferrer nofollow"><strong>a</strong><strong><em>b</em></strong></a></p>'
		);
	});

	it('renders children of unknown nodes and keeps an empty document empty', () => {
		const doc = new Y.Doc();
		const fragment = minutesFragment(doc);
		expect(renderHtml(fragment)).toBe('');
		const unknown = new Y.XmlElement('callout');
		const p = new Y.XmlElement('paragraph');
		p.insert(0, [new Y.XmlText('inside')]);
		unknown.insert(0, [p]);
		const inlineUnknown = new Y.XmlElement('paragraph');
		const mention = new Y.XmlElement('mention');
		mention.insert(0, [new Y.XmlText('@张三')]);
		inlineUnknown.insert(0, [new Y.XmlText('cc '), mention]);
		fragment.insert(0, [unknown, inlineUnknown]);
		expect(renderHtml(fragment)).toBe('<p>inside</p><p>cc @张三</p>');
	});

	it('escapes XSS payloads typed as text', () => {
		const html = renderHtml(fragmentOf([para(text(SCRIPT)), para(text(IMG, [{ type: 'bold' }]))]));
		expect(html).toBe(
			'<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>' +
				'<p><strong>&lt;img src=x onerror=alert(1)&gt;</strong></p>'
		);
		expect(html).not.toMatch(/<script|<img/i);
	});

	it.each([
		'javascript:alert(1)',
		' JaVaScRiPt:alert(1)',
		'java\tscript:alert(1)',
		'data:text/html,<script>alert(1)</script>',
		'vbscript:msgbox(1)',
		'//evil.example/x',
		'"><script>alert(1)</script>'
	])('drops the unsafe link href %j but keeps the text', (href) => {
		const fragment = fragmentOf([para(text('点我', link(href)))]);
		const html = renderHtml(fragment);
		expect(html).toBe('<p>点我</p>');
		expect(renderMarkdown(fragment)).toBe('点我\n');
	});

	it('round-trips Chinese text', () => {
		const zh = '会议纪要：讨论了社区花园的维护经费（约 ¥3,000），表决通过。';
		const fragment = fragmentOf([heading(1, '第三次业委会会议'), para(text(zh))]);
		expect(renderHtml(fragment)).toBe(`<h1>第三次业委会会议</h1><p>${zh}</p>`);
		expect(renderMarkdown(fragment)).toBe(`# 第三次业委会会议\n\n${zh}\n`);
		expect(renderLines(fragment)).toEqual(['# 第三次业委会会议', zh]);
	});
});

describe('sanitizeMinutesHtml', () => {
	it.each([
		['<a href="javascript:alert(1)">x</a>', '<a rel="noopener noreferrer nofollow">x</a>'],
		['<a href=" JaVaScRiPt:alert(1)">x</a>', '<a rel="noopener noreferrer nofollow">x</a>'],
		['<a href="&#106;avascript:alert(1)">x</a>', '<a rel="noopener noreferrer nofollow">x</a>'],
		[
			'<a href="data:text/html,<script>alert(1)</script>">x</a>',
			'<a rel="noopener noreferrer nofollow">x</a>'
		],
		['<p onclick="alert(1)" style="color:red" class="c" id="i">x</p>', '<p>x</p>'],
		['<iframe src="https://evil.example">fallback</iframe>ok', 'ok'],
		['<svg onload="alert(1)"><circle /></svg>ok', 'ok'],
		['<style>body{display:none}</style>ok', 'ok'],
		['<script>alert(1)</script>ok', 'ok'],
		['<img src=x onerror=alert(1)>ok', 'ok'],
		['<ol start="2" type="a" onclick="x"><li>x</li></ol>', '<ol start="2"><li>x</li></ol>'],
		['<ol start="2 onclick=x"><li>x</li></ol>', '<ol><li>x</li></ol>'],
		[
			'<a href="mailto:a@b.cn" target="_blank" rel="opener">m</a>',
			'<a href="mailto:a@b.cn" rel="noopener noreferrer nofollow">m</a>'
		],
		['<form action="x"><input value="y"><button>b</button></form>', 'b'],
		['<math><mi xlink:href="javascript:alert(1)">x</mi></math>ok', 'ok']
	])('%s → %s', (input, expected) => {
		expect(sanitizeMinutesHtml(input)).toBe(expected);
	});

	it('keeps the allowed markup unchanged', () => {
		const html =
			'<h3>标题</h3><p><strong>a</strong><em>b</em><s>c</s><u>d</u><code>e</code><br />f</p>' +
			'<ul><li>g</li></ul><blockquote><p>h</p></blockquote><pre><code>i</code></pre><hr />' +
			'<p><a href="https://example.org" rel="noopener noreferrer nofollow">j</a></p>';
		expect(sanitizeMinutesHtml(html)).toBe(html);
	});
});

describe('renderMarkdown', () => {
	it('renders blocks and marks', () => {
		const fragment = fragmentOf([
			heading(2, '议程'),
			para(
				text('粗体', [{ type: 'bold' }]),
				text('、'),
				text('斜体', [{ type: 'italic' }]),
				text('、'),
				text('删除', [{ type: 'strike' }]),
				text('、'),
				text('a`b', [{ type: 'code' }]),
				text('、'),
				text('下划线', [{ type: 'underline' }])
			),
			para(text('见 '), text('文档', link('https://example.org/a b(1)'))),
			{
				type: 'bulletList',
				content: [
					item(para(text('甲')), {
						type: 'bulletList',
						content: [item(para(text('甲一')))]
					}),
					item(para(text('乙')))
				]
			},
			{
				type: 'orderedList',
				attrs: { start: 3 },
				content: [item(para(text('丙'))), item(para(text('丁')))]
			},
			{ type: 'blockquote', content: [para(text('引用')), para(text('第二段'))] },
			{ type: 'codeBlock', attrs: { language: 'ts' }, content: [text('const a = `x`;\n```')] },
			{ type: 'horizontalRule' },
			para(text('一行'), { type: 'hardBreak' }, text('二行'))
		]);
		expect(renderMarkdown(fragment)).toBe(
			[
				'## 议程',
				'',
				'**粗体**、*斜体*、~~删除~~、``a`b``、下划线',
				'',
				'见 [文档](https://example.org/a%20b%281%29)',
				'',
				'- 甲',
				'  - 甲一',
				'- 乙',
				'',
				'3. 丙',
				'4. 丁',
				'',
				'> 引用',
				'>',
				'> 第二段',
				'',
				'````ts',
				'const a = `x`;',
				'```',
				'````',
				'',
				'---',
				'',
				'一行\\',
				'二行',
				''
			].join('\n')
		);
	});

	it('nests marks across runs and keeps whitespace outside delimiters', () => {
		const fragment = fragmentOf([
			para(
				text('a ', [{ type: 'bold' }]),
				text('b', [{ type: 'bold' }, { type: 'italic' }]),
				text(' c')
			)
		]);
		expect(renderMarkdown(fragment)).toBe('**a *b*** c\n');
	});

	it('keeps emphasis valid next to Chinese punctuation (CommonMark flanking rules)', () => {
		const bold = [{ type: 'bold' }];
		const md = renderMarkdown(
			fragmentOf([
				para(text('决议：', bold), text('同意')),
				para(text('预算'), text('（待定）', bold), text('。')),
				para(text('注：', bold), text(' 空格后'))
			])
		);
		expect(md).toBe('**决议**：同意\n\n预算（**待定）**。\n\n**注：** 空格后\n');
	});

	it('keeps adjacent lists apart and a rule inside a list item a rule', () => {
		const md = renderMarkdown(
			fragmentOf([
				{ type: 'bulletList', content: [item(para(text('a')))] },
				{ type: 'bulletList', content: [item({ type: 'horizontalRule' })] },
				{ type: 'orderedList', content: [item(para(text('b')))] },
				{ type: 'orderedList', content: [item(para(text('c')))] }
			])
		);
		expect(md).toBe('- a\n\n* ___\n\n1. b\n\n1) c\n');
	});

	it('escapes Markdown syntax typed as text and never emits raw HTML', () => {
		const fragment = fragmentOf([
			para(text(SCRIPT)),
			para(text(IMG)),
			para(text('# 不是标题')),
			para(text('- 不是列表 *也不是强调* [不是](链接) `不是代码` a_b_c')),
			para(text('1. 不是有序列表')),
			para(text('    缩进')),
			para(text('&lt; 字面')),
			heading(2, '结尾 #')
		]);
		const md = renderMarkdown(fragment);
		expect(md).toBe(
			[
				'\\<script\\>alert(1)\\</script\\>',
				'',
				'\\<img src=x onerror=alert(1)\\>',
				'',
				'\\# 不是标题',
				'',
				'\\- 不是列表 \\*也不是强调\\* \\[不是\\](链接) \\`不是代码\\` a\\_b\\_c',
				'',
				'1\\. 不是有序列表',
				'',
				'缩进',
				'',
				'\\&lt; 字面',
				'',
				'## 结尾 \\#',
				''
			].join('\n')
		);
		// Every '<' is escaped, so no CommonMark reader sees an HTML tag.
		expect(md).not.toMatch(/(^|[^\\])</m);
	});

	it('keeps link text escaped and drops hrefs with other schemes', () => {
		const md = renderMarkdown(
			fragmentOf([
				para(text('[x](javascript:alert(1))', link('https://ok.test'))),
				para(text('y', link('javascript:alert(1)')))
			])
		);
		expect(md).toBe('[\\[x\\](javascript:alert(1))](https://ok.test)\n\ny\n');
	});
});

describe('renderLines', () => {
	it('gives one plain line per block', () => {
		const fragment = fragmentOf([
			heading(2, '议程'),
			para(text('正文', [{ type: 'bold' }])),
			{ type: 'paragraph' },
			{ type: 'bulletList', content: [item(para(text('甲')), para(text('续')))] },
			{ type: 'orderedList', attrs: { start: 2 }, content: [item(para(text('乙')))] },
			{ type: 'blockquote', content: [para(text('引'))] },
			{ type: 'codeBlock', content: [text('a\nb')] },
			{ type: 'horizontalRule' }
		]);
		expect(renderLines(fragment)).toEqual([
			'## 议程',
			'正文',
			'- 甲',
			'  续',
			'2. 乙',
			'> 引',
			'a',
			'b',
			'---'
		]);
	});
});

describe('initMinutes', () => {
	const sections = [{ title: '开场' }, { title: '议题一：预算' }, { title: 'AOB' }];

	it('seeds an empty document once, as a valid document of the editor schema', () => {
		const doc = new Y.Doc();
		// One update event per transaction that changed something: all of it is one edit.
		let updates = 0;
		doc.on('update', () => updates++);
		expect(initMinutes(doc, sections)).toBe(true);
		expect(updates).toBe(1);
		expect(initMinutes(doc, [{ title: 'again' }])).toBe(false);
		expect(updates).toBe(1);

		const json = yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(MINUTES_FIELD));
		const node = schema.nodeFromJSON(json);
		expect(() => node.check()).not.toThrow();
		expect(json.content).toEqual(
			sections.flatMap(({ title }) => [
				{ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: title }] },
				{ type: 'paragraph' }
			])
		);
		expect(renderMarkdown(minutesFragment(doc))).toBe('## 开场\n\n## 议题一：预算\n\n## AOB\n');
	});

	it('stores the level exactly as y-tiptap does', () => {
		const seeded = new Y.Doc();
		initMinutes(seeded, [{ title: 'x' }]);
		const viaTiptap = fragmentOf([heading(2, 'x'), { type: 'paragraph' }]);
		expect((minutesFragment(seeded).get(0) as Y.XmlElement).getAttributes()).toEqual(
			(viaTiptap.get(0) as Y.XmlElement).getAttributes()
		);
		expect(minutesFragment(seeded).toJSON()).toBe(viaTiptap.toJSON());
	});

	it('leaves a document with content alone', () => {
		const doc = docFrom([para(text('已有内容'))]);
		expect(initMinutes(doc, sections)).toBe(false);
		expect(renderLines(minutesFragment(doc))).toEqual(['已有内容']);
	});
});

describe('replaceContent', () => {
	it('restores a saved version while the target keeps working', () => {
		const live = docFrom([heading(2, '议程'), para(text('第一版', [{ type: 'bold' }]))]);
		// A saved version, as the version store would keep it: an encoded snapshot.
		const saved = Y.encodeStateAsUpdate(live);

		// Further edits, including a peer's.
		const peer = new Y.Doc();
		Y.applyUpdate(peer, Y.encodeStateAsUpdate(live));
		const fragment = minutesFragment(live);
		fragment.insert(fragment.length, [new Y.XmlElement('horizontalRule')]);
		((fragment.get(1) as Y.XmlElement).get(0) as Y.XmlText).insert(3, '（修订）');
		Y.applyUpdate(peer, Y.encodeStateAsUpdate(live));
		expect(renderLines(fragment)).toEqual(['## 议程', '第一版（修订）', '---']);

		const version = new Y.Doc();
		Y.applyUpdate(version, saved);
		replaceContent(live, version);
		expect(renderHtml(fragment)).toBe('<h2>议程</h2><p><strong>第一版</strong></p>');
		expect(yXmlFragmentToProsemirrorJSON(fragment)).toEqual(
			yXmlFragmentToProsemirrorJSON(minutesFragment(version))
		);
		// The source version is untouched.
		expect(renderLines(minutesFragment(version))).toEqual(['## 议程', '第一版']);

		// The restore travels as an ordinary update, and editing continues on top of it.
		Y.applyUpdate(peer, Y.encodeStateAsUpdate(live));
		((fragment.get(1) as Y.XmlElement).get(0) as Y.XmlText).insert(0, '定稿：');
		Y.applyUpdate(peer, Y.encodeStateAsUpdate(live));
		expect(renderLines(minutesFragment(peer))).toEqual(['## 议程', '定稿：第一版']);
		expect(renderHtml(minutesFragment(peer))).toBe(
			'<h2>议程</h2><p>定稿：<strong>第一版</strong></p>'
		);
		expect(() =>
			schema.nodeFromJSON(yXmlFragmentToProsemirrorJSON(fragment)).check()
		).not.toThrow();
	});

	it('copies text exactly, including a trailing newline in a code block', () => {
		const source = docFrom([{ type: 'codeBlock', content: [text('a\n\nb\n')] }]);
		const target = docFrom([para(text('旧'))]);
		replaceContent(target, source);
		expect(minutesFragment(target).toJSON()).toBe(minutesFragment(source).toJSON());
	});
});

describe('minutesDocx', () => {
	it('produces a .docx (zip) buffer', async () => {
		const fragment = fragmentOf([
			heading(2, '议程一'),
			para(
				text('粗', [{ type: 'bold' }]),
				text('链接', link('https://example.org')),
				{ type: 'hardBreak' },
				text('控制字符\u0001被去掉')
			),
			{
				type: 'bulletList',
				content: [
					item(para(text('甲')), { type: 'orderedList', content: [item(para(text('乙')))] })
				]
			},
			{ type: 'blockquote', content: [para(text('引用'))] },
			{ type: 'codeBlock', content: [text('x\ty')] },
			{ type: 'horizontalRule' }
		]);
		const buffer = await minutesDocx({
			title: '第三次会议纪要',
			header: {
				status: '已审定 2025/5/1 21:00',
				rows: [
					{ label: '时间', value: '2025/5/1 19:00 – 20:30' },
					{ label: '地点', value: '社区活动室' }
				],
				agendaLabel: '议程',
				agenda: ['河道治理', '停车']
			},
			fragment
		});
		expect(Buffer.isBuffer(buffer)).toBe(true);
		expect(buffer.subarray(0, 2).toString('latin1')).toBe('PK');
		expect(buffer.length).toBeGreaterThan(1000);
	});
});

describe('diffLines', () => {
	it('handles identical, empty and one-sided inputs', () => {
		expect(diffLines([], [])).toEqual([]);
		expect(diffLines(['a'], ['a'])).toEqual([{ op: 'same', text: 'a' }]);
		expect(diffLines([], ['a'])).toEqual([{ op: 'add', text: 'a' }]);
		expect(diffLines(['a'], [])).toEqual([{ op: 'del', text: 'a' }]);
	});

	it('finds a minimal edit', () => {
		expect(diffLines(['a', 'b', 'c', 'd'], ['a', 'c', 'x', 'd'])).toEqual([
			{ op: 'same', text: 'a' },
			{ op: 'del', text: 'b' },
			{ op: 'same', text: 'c' },
			{ op: 'add', text: 'x' },
			{ op: 'same', text: 'd' }
		]);
		expect(diffLines(['a', 'b'], ['b', 'a'])).toEqual([
			{ op: 'del', text: 'a' },
			{ op: 'same', text: 'b' },
			{ op: 'add', text: 'a' }
		]);
		expect(diffLines(['x', 'y'], ['p', 'q'])).toEqual([
			{ op: 'del', text: 'x' },
			{ op: 'del', text: 'y' },
			{ op: 'add', text: 'p' },
			{ op: 'add', text: 'q' }
		]);
	});

	it('falls back to a coarse diff on very large changed regions', () => {
		const before = Array.from({ length: 2500 }, (_, i) => `b${i}`);
		const after = Array.from({ length: 2500 }, (_, i) => `a${i}`);
		const result = diffLines(['top', ...before, 'end'], ['top', ...after, 'end']);
		expect(result).toHaveLength(5002);
		expect(result[0]).toEqual({ op: 'same', text: 'top' });
		expect(result[1]).toEqual({ op: 'del', text: 'b0' });
		expect(result[2501]).toEqual({ op: 'add', text: 'a0' });
		expect(result.at(-1)).toEqual({ op: 'same', text: 'end' });
	});

	it('always reproduces both sides', () => {
		const before = ['## 议程', '甲', '乙', '丙', '丁'];
		const after = ['## 议程', '乙', '丙（改）', '丁', '戊'];
		const result = diffLines(before, after);
		expect(result.filter((l) => l.op !== 'add').map((l) => l.text)).toEqual(before);
		expect(result.filter((l) => l.op !== 'del').map((l) => l.text)).toEqual(after);
	});
});

describe('ensureSection', () => {
	it('adds a section for a new agenda item once, at the end, and leaves existing ones alone', () => {
		const doc = new Y.Doc();
		initMinutes(doc, [{ title: '河道治理' }]);
		expect(ensureSection(doc, '河道治理')).toBe(false);
		expect(ensureSection(doc, '临时动议')).toBe(true);
		expect(ensureSection(doc, '临时动议')).toBe(false);
		expect(renderLines(minutesFragment(doc)).filter((l) => l.trim() !== '')).toEqual([
			'## 河道治理',
			'## 临时动议'
		]);
	});
});
