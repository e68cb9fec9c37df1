/** Byte-level arbitraries shared by the fuzz runs. */
import fc from 'fast-check';

/** Mutate bytes: flip, overwrite, insert, delete, truncate, duplicate. */
export const mutated = (base: Uint8Array) =>
	fc
		.array(
			fc.tuple(
				fc.constantFrom('flip', 'set', 'insert', 'delete', 'truncate', 'dup'),
				fc.nat(),
				fc.integer({ min: 0, max: 255 })
			),
			{ minLength: 1, maxLength: 4 }
		)
		.map((ops) => {
			let b = [...base];
			for (const [op, at, v] of ops) {
				const i = b.length ? at % b.length : 0;
				if (op === 'flip' && b.length) b[i] = b[i]! ^ (1 << (v % 8));
				else if (op === 'set' && b.length) b[i] = v;
				else if (op === 'insert') b.splice(i, 0, v);
				else if (op === 'delete') b.splice(i, 1 + (v % 8));
				else if (op === 'truncate') b = b.slice(0, i);
				else if (op === 'dup')
					b = [...b.slice(0, i), ...b.slice(i, i + 1 + (v % 16)), ...b.slice(i)];
			}
			return Uint8Array.from(b);
		});

export const bytes = (max = 48) => fc.uint8Array({ maxLength: max });
