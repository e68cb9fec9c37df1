/**
 * Filling a message: plural choices, then `{name}` placeholders. The same on the server
 * (`translate`) and in the browser (`useT`), so both read "1 upvote" and "2 upvotes".
 */

/**
 * A plural choice, in ICU's shape: `{count, plural, one {# supporter} other {# supporters}}`.
 * Branches are `=N` or a CLDR category (zero, one, two, few, many, other); `#` is the number.
 * A branch may hold `{name}` placeholders but no further choice.
 */
const PLURAL = /\{(\w+), plural,((?:\s*(?:=\d+|\w+)\s*\{(?:[^{}]|\{\w+\})*\})+)\s*\}/g;
const BRANCH = /(=\d+|\w+)\s*\{((?:[^{}]|\{\w+\})*)\}/g;

const pluralRules = new Map<string, Intl.PluralRules>();
function pluralCategory(locale: string, n: number): string {
	let rules = pluralRules.get(locale);
	if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
	return rules.select(n);
}

function choosePlurals(
	locale: string,
	text: string,
	params: Record<string, string | number>
): string {
	return text.replace(PLURAL, (m, name: string, body: string) => {
		const n = Number(params[name]);
		if (!Number.isFinite(n)) return m;
		const branches = new Map([...body.matchAll(BRANCH)].map((b) => [b[1]!, b[2]!]));
		const chosen =
			branches.get(`=${n}`) ??
			branches.get(pluralCategory(locale, n)) ??
			branches.get('other') ??
			'';
		return chosen.replace(/#/g, String(n));
	});
}

/** Fill `text` for `locale`: choose plural forms, then replace `{name}` placeholders with `params`. */
export function fill(
	text: string,
	params: Record<string, string | number> | undefined,
	locale: string
): string {
	if (!params) return text;
	return choosePlurals(locale, text, params).replace(/\{(\w+)\}/g, (m, p: string) =>
		String(params[p] ?? m)
	);
}
