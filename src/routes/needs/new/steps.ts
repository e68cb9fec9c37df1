/**
 * The three steps of raising a need, shared by the page (which checks a step before moving on
 * when its scripts run) and the server (which checks the same when each step is posted without
 * them). One schema, the need's, decides what is wrong (step-check.ts); a step only looks at its
 * own fields.
 */

export type Step = 1 | 2 | 3;

const KIND = ['category'] as const;
const DETAILS = [
	'title',
	'description',
	'communityId',
	'location',
	'visibility',
	'contactPhone'
] as const;
const PROXY = ['contactName', 'channel'] as const;

export type NeedField = (typeof KIND)[number] | (typeof DETAILS)[number] | (typeof PROXY)[number];
export type NeedValues = Partial<Record<NeedField, string>>;

/** The fields step `step` asks for; its form carries every other answer as a hidden input. */
export function fieldsOf(step: Step): readonly NeedField[] {
	return step === 1 ? KIND : step === 2 ? [...DETAILS, ...PROXY] : [];
}

/** The step that asks for `field`; anything else (photos, the form as a whole) is on the last. */
export function stepOf(field: string): Step {
	return (KIND as readonly string[]).includes(field)
		? 1
		: ([...DETAILS, ...PROXY] as readonly string[]).includes(field)
			? 2
			: 3;
}

/** The earliest step with something to fix. */
export function firstStep(errors: Record<string, unknown>): Step {
	return Math.min(3, ...Object.keys(errors).map(stepOf)) as Step;
}

/**
 * The need's own answers from a posted form: text only, nothing else a form carries (the step
 * buttons, files), empty answers left out (the schema wants them absent), and the fields of an
 * entry for someone else (代办) only on that form.
 */
export function needValues(
	entries: Iterable<[string, FormDataEntryValue]>,
	proxy: boolean
): NeedValues {
	const allowed: readonly string[] = proxy
		? [...KIND, ...DETAILS, ...PROXY]
		: [...KIND, ...DETAILS];
	const out: NeedValues = {};
	for (const [k, v] of entries) {
		if (typeof v === 'string' && v.trim() !== '' && allowed.includes(k)) out[k as NeedField] = v;
	}
	return out;
}

/** The step a form's button asks for (`to`), or the first. */
export function stepFrom(value: FormDataEntryValue | null | undefined): Step {
	const n = Number(value);
	return n === 2 || n === 3 ? n : 1;
}
