/**
 * The names of Yiting's shared (Yjs) documents: `<kind>/<id>/<part>`. The browser opens them by
 * these names and the server resolves who may read or write each (src/lib/server/docs/access.ts).
 */

/** A meeting's agenda (see agenda.ts). */
export const agendaDoc = (meetingId: string) => `meeting/${meetingId}/agenda`;
/** A meeting's minutes, a Tiptap/ProseMirror fragment (see src/lib/server/minutes). */
export const minutesDoc = (meetingId: string) => `meeting/${meetingId}/minutes`;
/** A member unit's duty list (履职清单). */
export const unitDutiesDoc = (unitId: string) => `unit/${unitId}/duties`;
/** The Y.Text inside a unit's duty-list document. */
export const DUTIES_TEXT = 'duties';

/** What every document name looks like. */
export const DOC_NAME = /^[a-z]+\/[a-z0-9]{1,32}\/[a-z]+$/;

/** The parts of a document name, or null when it is not one. */
export function parseDocName(name: string): { kind: string; id: string; part: string } | null {
	if (!DOC_NAME.test(name)) return null;
	const [kind, id, part] = name.split('/') as [string, string, string];
	return { kind, id, part };
}
