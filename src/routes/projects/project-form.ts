/** The project form's fields as `projectInput` reads them: the ticked communities as a list. */
export function projectFormInput(
	values: Record<string, string>,
	form: FormData
): Record<string, unknown> {
	return {
		title: values.title ?? '',
		description: values.description ?? '',
		quarter: values.quarter ?? '',
		budget: values.budget ?? '',
		communityIds: form.getAll('communityIds').filter((c): c is string => typeof c === 'string')
	};
}
