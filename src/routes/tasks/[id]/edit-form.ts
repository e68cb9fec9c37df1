/**
 * The secretary's change form read into what `taskEditSchema` checks: a new deadline (date and
 * time in the committee's zone), the lead unit (offered only before it accepts), the co-units.
 */
import { dueInstant } from '../new/dispatch-form';

export function editInput(
	values: Record<string, string>,
	form: FormData,
	timeZone: string
): Record<string, unknown> {
	const date = values.dueDate ?? '';
	const time = values.dueTime ?? '';
	// The deadline as it was (the form's hidden `dueWas`) is no change: an overdue task keeps it.
	const changed = (date || time) && `${date}T${time}` !== values.dueWas;
	const due = changed ? (dueInstant(date, time, timeZone) ?? 'invalid') : undefined;
	return {
		dueAt: due,
		leadUnitId: values.leadUnitId || undefined,
		// The form always lists the co-units: none ticked means none.
		coUnitIds: form.getAll('coUnitIds').filter((v): v is string => typeof v === 'string' && !!v)
	};
}
