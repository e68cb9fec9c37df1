/**
 * Word export of the minutes. Lists use typed "• " / "1. " prefixes with a hanging indent rather
 * than Word numbering definitions: the numbers then match the editor exactly (including a list's
 * start value) with no numbering state to keep consistent across lists.
 */
import {
	BorderStyle,
	Document,
	ExternalHyperlink,
	HeadingLevel,
	Packer,
	Paragraph,
	ShadingType,
	Table,
	TableCell,
	TableRow,
	TextRun,
	WidthType,
	type IBordersOptions,
	type ParagraphChild
} from 'docx';
import type * as Y from 'yjs';
import type { MinutesHeader } from './header';
import { readBlocks, type Block, type Inline } from './model';

// Word picks the eastAsia font for CJK characters; without it Chinese falls back to whatever
// the reader's Word guesses, which is often a font without the glyphs. SimSun ships with every
// Chinese-capable Windows and is mapped by LibreOffice and Word for Mac.
const BODY_FONT = { ascii: 'Calibri', hAnsi: 'Calibri', cs: 'Calibri', eastAsia: 'SimSun' };
const CODE_FONT = { ascii: 'Consolas', hAnsi: 'Consolas', cs: 'Consolas', eastAsia: 'SimSun' };

const HEADINGS = [
	HeadingLevel.HEADING_1,
	HeadingLevel.HEADING_2,
	HeadingLevel.HEADING_3,
	HeadingLevel.HEADING_4,
	HeadingLevel.HEADING_5,
	HeadingLevel.HEADING_6
] as const;

/** Twips (1/20 pt): one level of list or quote indentation. */
const INDENT = 420;

/** Where a block sits: how far indented, and whether inside a quote (drawn as a left rule). */
interface Frame {
	indent: number;
	quote: boolean;
}

const QUOTE_BORDER: IBordersOptions = {
	left: { style: BorderStyle.SINGLE, size: 12, color: 'BFBFBF', space: 8 }
};

/**
 * Characters XML 1.0 forbids (controls, lone surrogates, U+FFFE/FFFF). A collaborator can type
 * or paste them, and a single one makes Word refuse to open the whole file.
 */
function xmlSafe(text: string): string {
	return text.replace(
		// eslint-disable-next-line no-control-regex
		/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
		''
	);
}

function inlineChildren(content: Inline[]): ParagraphChild[] {
	const children: ParagraphChild[] = [];
	for (const item of content) {
		if (item.kind === 'break') {
			children.push(new TextRun({ break: 1 }));
			continue;
		}
		const { marks } = item;
		item.text.split('\n').forEach((part, i) => {
			const run = new TextRun({
				text: xmlSafe(part),
				break: i > 0 ? 1 : undefined,
				bold: marks.bold || undefined,
				italics: marks.italic || undefined,
				strike: marks.strike || undefined,
				underline: marks.underline ? {} : undefined,
				font: marks.code ? CODE_FONT : undefined,
				style: marks.link ? 'Hyperlink' : undefined
			});
			children.push(
				marks.link ? new ExternalHyperlink({ link: marks.link, children: [run] }) : run
			);
		});
	}
	return children;
}

function framing(frame: Frame, hanging = 0) {
	return {
		indent:
			frame.indent || hanging ? { left: frame.indent, hanging: hanging || undefined } : undefined,
		border: frame.quote ? QUOTE_BORDER : undefined
	};
}

function textParagraph(content: Inline[], frame: Frame, marker?: string): Paragraph {
	const children = inlineChildren(content);
	if (marker) children.unshift(new TextRun({ text: marker }));
	return new Paragraph({ children, ...framing(frame, marker ? INDENT : 0) });
}

function itemParagraphs(item: Block[], marker: string, frame: Frame): Paragraph[] {
	const inner = { ...frame, indent: frame.indent + INDENT };
	const [first, ...rest] = item;
	// The marker goes on the item's first paragraph; an item starting otherwise (a nested list,
	// a code block) gets a paragraph of its own for the marker.
	const head =
		first?.type === 'paragraph'
			? [textParagraph(first.content, inner, marker)]
			: [textParagraph([], inner, marker), ...(first ? blockParagraphs(first, inner) : [])];
	return [...head, ...rest.flatMap((block) => blockParagraphs(block, inner))];
}

function blockParagraphs(block: Block, frame: Frame): Paragraph[] {
	switch (block.type) {
		case 'paragraph':
			return [textParagraph(block.content, frame)];
		case 'heading':
			return [
				new Paragraph({
					heading: HEADINGS[block.level - 1] ?? HeadingLevel.HEADING_6,
					children: inlineChildren(block.content),
					...framing(frame)
				})
			];
		case 'bulletList':
			return block.items.flatMap((item) => itemParagraphs(item, '• ', frame));
		case 'orderedList':
			return block.items.flatMap((item, i) => itemParagraphs(item, `${block.start + i}. `, frame));
		case 'blockquote':
			return block.content.flatMap((child) =>
				blockParagraphs(child, { indent: frame.indent + INDENT, quote: true })
			);
		case 'codeBlock':
			return block.text.split('\n').map(
				(line) =>
					new Paragraph({
						// Tabs are spelled out: a literal tab in w:t is not reliably shown.
						children: [
							new TextRun({ text: xmlSafe(line.replace(/\t/g, '    ')), font: CODE_FONT })
						],
						shading: { type: ShadingType.CLEAR, fill: 'F2F2F2', color: 'auto' },
						spacing: { before: 0, after: 0 },
						...framing(frame)
					})
			);
		case 'horizontalRule':
			return [
				new Paragraph({
					border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: 'auto', space: 1 } },
					indent: frame.indent ? { left: frame.indent } : undefined
				})
			];
	}
}

const CELL_BORDER = { style: BorderStyle.SINGLE, size: 4, color: 'BFBFBF' };

/** The header block as a two-column table (label, value), as minutes in Word usually open. */
function headerTable(h: MinutesHeader): Table {
	const row = (label: string, value: Paragraph[]) =>
		new TableRow({
			children: [
				new TableCell({
					width: { size: 18, type: WidthType.PERCENTAGE },
					shading: { type: ShadingType.CLEAR, fill: 'F2F2F2', color: 'auto' },
					children: [
						new Paragraph({ children: [new TextRun({ text: xmlSafe(label), bold: true })] })
					]
				}),
				new TableCell({ width: { size: 82, type: WidthType.PERCENTAGE }, children: value })
			]
		});
	const text = (s: string) => new Paragraph({ children: [new TextRun({ text: xmlSafe(s) })] });
	const rows = h.rows.map((r) => row(r.label, [text(r.value)]));
	if (h.agenda.length)
		rows.push(
			row(
				h.agendaLabel,
				h.agenda.map((a, i) => text(`${i + 1}. ${a}`))
			)
		);
	return new Table({
		width: { size: 100, type: WidthType.PERCENTAGE },
		borders: {
			top: CELL_BORDER,
			bottom: CELL_BORDER,
			left: CELL_BORDER,
			right: CELL_BORDER,
			insideHorizontal: CELL_BORDER,
			insideVertical: CELL_BORDER
		},
		rows
	});
}

export async function minutesDocx(input: {
	title: string;
	header: MinutesHeader;
	fragment: Y.XmlFragment;
}): Promise<Buffer> {
	const top: Frame = { indent: 0, quote: false };
	const document = new Document({
		creator: 'Yiting',
		title: xmlSafe(input.title),
		styles: {
			default: {
				document: {
					run: { font: BODY_FONT, size: 22, language: { value: 'en-US', eastAsia: 'zh-CN' } }
				}
			}
		},
		sections: [
			{
				children: [
					new Paragraph({
						heading: HeadingLevel.HEADING_1,
						children: [new TextRun({ text: xmlSafe(input.title) })]
					}),
					new Paragraph({
						children: [new TextRun({ text: xmlSafe(input.header.status), color: '595959' })]
					}),
					headerTable(input.header),
					new Paragraph({ children: [] }),
					...readBlocks(input.fragment).flatMap((block) => blockParagraphs(block, top))
				]
			}
		]
	});
	return Packer.toBuffer(document);
}
