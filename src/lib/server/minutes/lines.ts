/**
 * Plain-text lines for comparing two versions of the minutes: formatting is ignored (a bold
 * change is not a content change), structure shows as light prefixes so moved list items and
 * headings still read sensibly in a diff, and blank lines are left out as noise.
 */
import { inlineText, type Block } from './model';

function textLines(text: string): string[] {
	return text
		.split('\n')
		.map((line) => line.trimEnd())
		.filter((line) => line.trim() !== '');
}

function prefixed(lines: string[], first: string, rest: string): string[] {
	return lines.map((line, i) => ((i === 0 ? first : rest) + line).trimEnd());
}

function itemLines(items: Block[][], marker: (index: number) => string): string[] {
	return items.flatMap((item, index) => {
		const mark = marker(index);
		const lines = blocksLines(item);
		return prefixed(lines.length ? lines : [''], mark, ' '.repeat(mark.length));
	});
}

function blockLines(block: Block): string[] {
	switch (block.type) {
		case 'paragraph':
			// A hard break starts a new line here: these lines are what a diff shows.
			return textLines(inlineText(block.content));
		case 'heading': {
			const text = inlineText(block.content).replace(/\s+/g, ' ').trim();
			return text ? [`${'#'.repeat(block.level)} ${text}`] : [];
		}
		case 'bulletList':
			return itemLines(block.items, () => '- ');
		case 'orderedList':
			return itemLines(block.items, (i) => `${block.start + i}. `);
		case 'blockquote':
			return prefixed(blocksLines(block.content), '> ', '> ');
		case 'codeBlock':
			return textLines(block.text);
		case 'horizontalRule':
			return ['---'];
	}
}

export function blocksLines(blocks: Block[]): string[] {
	return blocks.flatMap(blockLines);
}
