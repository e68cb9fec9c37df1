/** Line diff between two versions of the minutes (as produced by renderLines). */

export type DiffLine = { op: 'same' | 'add' | 'del'; text: string };

/**
 * Above this many cells the quadratic LCS table (4 bytes a cell) is not worth it; minutes are
 * far smaller in practice, so the coarse fallback only guards against pathological input.
 */
const MAX_CELLS = 2000 * 2000;

export function diffLines(before: string[], after: string[]): DiffLine[] {
	// The common prefix and suffix cost nothing to find and usually cover most of a document.
	let start = 0;
	while (start < before.length && start < after.length && before[start] === after[start]) start++;
	let endB = before.length;
	let endA = after.length;
	while (endB > start && endA > start && before[endB - 1] === after[endA - 1]) {
		endB--;
		endA--;
	}
	const a = before.slice(start, endB);
	const b = after.slice(start, endA);
	const middle =
		a.length * b.length <= MAX_CELLS
			? lcsDiff(a, b)
			: [
					...a.map((text): DiffLine => ({ op: 'del', text })),
					...b.map((text): DiffLine => ({ op: 'add', text }))
				];
	return [
		...before.slice(0, start).map((text): DiffLine => ({ op: 'same', text })),
		...middle,
		...before.slice(endB).map((text): DiffLine => ({ op: 'same', text }))
	];
}

function lcsDiff(a: string[], b: string[]): DiffLine[] {
	const n = a.length;
	const m = b.length;
	const width = m + 1;
	// table[i * width + j] = length of the LCS of a[i..] and b[j..]; suffix form so the walk
	// below goes forward and, on ties, puts deletions before additions.
	const table = new Uint32Array((n + 1) * width);
	for (let i = n - 1; i >= 0; i--) {
		for (let j = m - 1; j >= 0; j--) {
			table[i * width + j] =
				a[i] === b[j]
					? (table[(i + 1) * width + j + 1] ?? 0) + 1
					: Math.max(table[(i + 1) * width + j] ?? 0, table[i * width + j + 1] ?? 0);
		}
	}
	const out: DiffLine[] = [];
	let i = 0;
	let j = 0;
	while (i < n && j < m) {
		const x = a[i] ?? '';
		const y = b[j] ?? '';
		if (x === y) {
			out.push({ op: 'same', text: x });
			i++;
			j++;
		} else if ((table[(i + 1) * width + j] ?? 0) >= (table[i * width + j + 1] ?? 0)) {
			out.push({ op: 'del', text: x });
			i++;
		} else {
			out.push({ op: 'add', text: y });
			j++;
		}
	}
	for (; i < n; i++) out.push({ op: 'del', text: a[i] ?? '' });
	for (; j < m; j++) out.push({ op: 'add', text: b[j] ?? '' });
	return out;
}
