/** Filling a message's `{name}` placeholders: the same on the server and in the browser. */
export function fill(text: string, params?: Record<string, string | number>): string {
	return params ? text.replace(/\{(\w+)\}/g, (m, p: string) => String(params[p] ?? m)) : text;
}
