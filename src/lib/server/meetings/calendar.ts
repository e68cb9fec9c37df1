/** Calendar output: a meeting's `.ics`, and each person's secret feed URL of the meetings they may see. */
import { eq, ne, and } from 'drizzle-orm';
import type { Db } from '../db';
import { calendarTokens, meetings, users } from '../db/schema';
import { generateToken, hashToken, loadActor } from '../auth/session';
import { calendar, type IcsEvent } from './ics';
import { translate, type Locale, type MessageKey } from '../../i18n';
import { can, type Actor } from '../../shared/permissions';
import { getMeeting, meetingScope, type MeetingView } from './meetings';
import { audit } from '../platform/audit';

function toEvent(m: MeetingView, origin: string, locale: Locale): IcsEvent {
	return {
		uid: `${m.id}@yiting`,
		sequence: m.sequence,
		start: m.startsAt,
		end: m.endsAt,
		summary: m.title,
		description: [translate(locale, `meeting.type.${m.type}` as MessageKey), m.videoUrl]
			.filter(Boolean)
			.join('\n'),
		location: m.place || m.videoUrl || undefined,
		url: `${origin}/meetings/${m.id}`,
		status:
			m.status === 'cancelled' ? 'CANCELLED' : m.status === 'draft' ? 'TENTATIVE' : 'CONFIRMED',
		updated: m.updatedAt
	};
}

export function meetingIcs(
	db: Db,
	actor: Actor,
	meetingId: string,
	origin: string,
	locale: Locale
): string {
	const m = getMeeting(db, actor, meetingId);
	return calendar(m.title, [toEvent(m, origin, locale)]);
}

/** Create (or replace) a person's feed token; the old URL stops working. Returns the token once. */
export function createFeedToken(db: Db, userId: string): string {
	const token = generateToken();
	db.insert(calendarTokens)
		.values({ userId, tokenHash: hashToken(token), createdAt: new Date() })
		.onConflictDoUpdate({
			target: calendarTokens.userId,
			set: { tokenHash: hashToken(token), createdAt: new Date() }
		})
		.run();
	audit(db, userId, 'calendar.token', `user:${userId}`);
	return token;
}

/** The feed for a token, or null when the token is unknown. */
export function feedIcs(db: Db, token: string, origin: string): string | null {
	if (!/^[a-z2-7]{32}$/.test(token)) return null;
	const row = db
		.select({ userId: calendarTokens.userId, locale: users.locale, disabled: users.disabled })
		.from(calendarTokens)
		.innerJoin(users, eq(users.id, calendarTokens.userId))
		.where(eq(calendarTokens.tokenHash, hashToken(token)))
		.get();
	if (!row || row.disabled) return null;
	const actor = loadActor(db, row.userId);
	const committeeIds = new Set(actor.roles.map((r) => r.committeeId));
	const locale = (row.locale === 'en' ? 'en' : 'zh-CN') as Locale;
	const events: IcsEvent[] = [];
	for (const committeeId of committeeIds) {
		for (const m of db
			.select()
			.from(meetings)
			.where(and(eq(meetings.committeeId, committeeId), ne(meetings.status, 'draft')))
			.all()) {
			let view: MeetingView;
			try {
				view = getMeeting(db, actor, m.id);
			} catch {
				continue;
			}
			if (can(actor, 'meeting.view', meetingScope(view)))
				events.push(toEvent(view, origin, locale));
		}
	}
	return calendar(translate(locale, 'app.name'), events);
}
