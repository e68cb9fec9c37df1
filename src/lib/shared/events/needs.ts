/** Live updates of needs on boards and detail pages. */

/** What board and detail pages need to update a need live (never private details). */
export interface NeedChange {
	id: string;
	status: string;
	supportCount: number;
}

export interface NeedServerEvents {
	/** A need's status or support count changed. Private needs go only to staff and the submitter. */
	'need:changed': (payload: NeedChange) => void;
}
