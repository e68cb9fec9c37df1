/**
 * Bind an <input> or <textarea> to a Y.Text: local typing becomes the smallest insert/delete,
 * remote changes update the field and keep the caret where the person was typing.
 * Use as a Svelte action: `<textarea use:bindYText={text}>`.
 */
import type * as Y from 'yjs';

type TextField = HTMLInputElement | HTMLTextAreaElement;

/** Shift a caret position through a remote change. */
export function mapPosition(pos: number, delta: Y.YTextEvent['delta']): number {
	let index = 0;
	let out = pos;
	for (const op of delta) {
		if (op.retain) index += op.retain;
		else if (typeof op.insert === 'string') {
			if (index <= pos) out += op.insert.length;
			index += op.insert.length;
		} else if (op.delete) {
			if (index < pos) out -= Math.min(op.delete, pos - index);
		}
	}
	return Math.max(0, out);
}

/** Apply the difference between `before` and `after` to `text` as one change. */
export function applyDiff(text: Y.Text, before: string, after: string): void {
	let start = 0;
	while (start < before.length && start < after.length && before[start] === after[start]) start++;
	let endB = before.length;
	let endA = after.length;
	while (endB > start && endA > start && before[endB - 1] === after[endA - 1]) {
		endB--;
		endA--;
	}
	if (endB === start && endA === start) return;
	text.doc!.transact(() => {
		if (endB > start) text.delete(start, endB - start);
		if (endA > start) text.insert(start, after.slice(start, endA));
	});
}

export function bindYText(el: TextField, text: Y.Text) {
	let current = text;
	el.value = current.toString();
	const onInput = (e: Event) => {
		// Wait for IME composition (pinyin) to finish before writing to the document.
		if ((e as InputEvent).isComposing) return;
		applyDiff(current, current.toString(), el.value);
	};
	const onCompositionEnd = () => applyDiff(current, current.toString(), el.value);
	const observer = (event: Y.YTextEvent, tr: Y.Transaction) => {
		if (tr.local) return;
		const focused = document.activeElement === el;
		const start = mapPosition(el.selectionStart ?? 0, event.delta);
		const end = mapPosition(el.selectionEnd ?? 0, event.delta);
		el.value = current.toString();
		if (focused) el.setSelectionRange(start, end);
	};
	el.addEventListener('input', onInput);
	el.addEventListener('compositionend', onCompositionEnd);
	current.observe(observer);
	return {
		update(next: Y.Text) {
			if (next === current) return;
			current.unobserve(observer);
			current = next;
			el.value = current.toString();
			current.observe(observer);
		},
		destroy() {
			el.removeEventListener('input', onInput);
			el.removeEventListener('compositionend', onCompositionEnd);
			current.unobserve(observer);
		}
	};
}
