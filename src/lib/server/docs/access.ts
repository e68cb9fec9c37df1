/**
 * Who may read or write which shared document. Each domain declares the kinds of document it
 * owns (`org/docs.ts`, `meetings/docs.ts`, `minutes/docs.ts`) with the rule for each; the realtime
 * server builds one resolver from those lists and asks it before any Yjs connection is let in.
 * Document names are `<kind>/<id>/<part>` (src/lib/shared/doc-names.ts).
 */
import type { Db } from '../db';
import { AppError } from '../errors';
import { parseDocName } from '../../shared/doc-names';
import type { Actor, DocAccess } from '../../shared/permissions';

/** One kind of shared document and who may read or write it. */
export interface DocKind {
	/** The first and last parts of the names it answers for, e.g. `meeting` and `minutes`. */
	kind: string;
	part: string;
	/** The access `actor` has to the document of `id`; null when none. May throw "not found". */
	access(db: Db, actor: Actor, id: string): DocAccess;
}

export type DocAccessResolver = (db: Db, actor: Actor | null, name: string) => DocAccess;

/** One resolver over the kinds the domains declare; a name no kind answers for gets no access. */
export function docAccessResolver(kinds: DocKind[]): DocAccessResolver {
	const byName = new Map(kinds.map((k) => [`${k.kind}/${k.part}`, k]));
	return (db, actor, name) => {
		const parsed = parseDocName(name);
		const kind = parsed && byName.get(`${parsed.kind}/${parsed.part}`);
		if (!actor || !parsed || !kind) return null;
		try {
			return kind.access(db, actor, parsed.id);
		} catch (err) {
			// No such meeting (or one this person may not know of): as if the document did not exist.
			if (err instanceof AppError) return null;
			throw err;
		}
	};
}
