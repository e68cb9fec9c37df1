import type { Session, User } from '$lib/server/db/schema';
import type { Actor } from '$lib/shared/permissions';
import type { Locale } from '$lib/i18n';

declare global {
	namespace App {
		interface Locals {
			requestId: string;
			user: User | null;
			session: Session | null;
			actor: Actor | null;
			/** Set when the request authenticated with a bearer API token. */
			tokenId: string | null;
			locale: Locale;
			elderMode: boolean;
		}
		interface Error {
			message: string;
			requestId?: string;
		}
	}
}

export {};
