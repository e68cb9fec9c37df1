/**
 * The header block minutes carry in Word and on paper: when and where, who chaired and who
 * recorded, who attended (against quorum, by the hall's rule), and the agenda; with the status
 * line (approved when, or a draft). Every label is from the message catalogue in the reader's
 * language and every time is in the committee's time zone (TIME_ZONE), never UTC.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { attendance, roleAssignments, users } from '../db/schema';
import { readStoredDoc } from '../docs/store';
import { loadMeeting } from '../meetings/meetings';
import { readAgenda } from '../../shared/agenda';
import { recordedQuorum } from '../../shared/hall';
import { translate, type Locale, type MessageKey } from '../../i18n';
import { formatDateTime, formatTime } from '../../time';
import { agendaDoc } from '../../shared/doc-names';

export interface MinutesHeader {
	/** "Approved 2026/12/3 01:04" or "Draft, not approved". */
	status: string;
	/** Label and value, in reading order (the agenda is separate: a list). */
	rows: { label: string; value: string }[];
	agendaLabel: string;
	agenda: string[];
}

export interface HeaderInput {
	meetingId: string;
	status: string;
	approvedAt: Date | null;
	locale: Locale;
	timeZone: string;
}

/** Names of those who took `role` in the meeting (from its attendance), else the committee's holders of it. */
function peopleIn(
	db: Db,
	committeeId: string,
	rows: { name: string; role: string }[],
	role: 'chair' | 'recorder'
): string[] {
	const attended = rows.filter((r) => r.role === role).map((r) => r.name);
	if (attended.length) return attended;
	return db
		.select({ name: users.displayName })
		.from(roleAssignments)
		.innerJoin(users, eq(users.id, roleAssignments.userId))
		.where(and(eq(roleAssignments.committeeId, committeeId), eq(roleAssignments.role, role)))
		.all()
		.map((r) => r.name);
}

export function minutesHeader(db: Db, input: HeaderInput): MinutesHeader {
	const t = (key: MessageKey, params?: Record<string, string | number>) =>
		translate(input.locale, key, params);
	const m = loadMeeting(db, input.meetingId);
	const rows = db
		.select({
			name: users.displayName,
			role: attendance.role,
			unitName: attendance.unitName,
			checkedInAt: attendance.checkedInAt,
			countsForQuorum: attendance.countsForQuorum
		})
		.from(attendance)
		.innerJoin(users, eq(users.id, attendance.userId))
		.where(eq(attendance.meetingId, input.meetingId))
		.orderBy(asc(attendance.checkedInAt))
		.all();
	const checked = rows.filter((r) => r.checkedInAt);
	const q = recordedQuorum(rows, m.quorum);
	const who =
		checked
			.map(
				(r) =>
					`${r.name}（${t(`role.${r.role}` as MessageKey)}${r.unitName ? ` · ${r.unitName}` : ''}）`
			)
			.join('、') || t('minutes.header.none');
	const quorum = m.quorum
		? `；${t('hall.quorumStatus', { present: q.present, quorum: m.quorum })}，${t(q.quorumMet ? 'hall.quorumMet' : 'hall.quorumNotMet')}（${t('hall.quorumWho')}）`
		: '';
	const doc = readStoredDoc(db, agendaDoc(m.id));
	const agenda = readAgenda(doc).map((i) => i.title);
	doc.destroy();
	const list = (names: string[]) => names.join('、') || t('minutes.header.none');
	return {
		status:
			input.status === 'approved' && input.approvedAt
				? t('minutes.export.approved', {
						date: formatDateTime(input.approvedAt, input.locale, input.timeZone)
					})
				: t('minutes.export.draft'),
		rows: [
			{
				label: t('minutes.header.date'),
				value: `${formatDateTime(m.startsAt, input.locale, input.timeZone)} – ${formatTime(m.endsAt, input.locale, input.timeZone)}`
			},
			{ label: t('minutes.header.place'), value: m.place || t('minutes.header.none') },
			{ label: t('minutes.header.chair'), value: list(peopleIn(db, m.committeeId, rows, 'chair')) },
			{
				label: t('minutes.header.recorder'),
				value: list(peopleIn(db, m.committeeId, rows, 'recorder'))
			},
			{ label: t('minutes.header.attendance'), value: who + quorum }
		],
		agendaLabel: t('minutes.header.agenda'),
		agenda
	};
}
