/** Supervision (督办): the list, notices and their replies, unit standings. */
export { supervisionList, undispatchedResolutions, unitsOfTasks, LIST_SORTS } from './list';
export type { SupervisionFilter, SupervisionRow, SupervisionPage, ListSort } from './list';
export { issueNotice, replyNotice, noticeLate } from './notices';
export { listNotices, getNotice, noticeStatus, NOTICE_STATUSES } from './notice-view';
export type { NoticeView, NoticeStatus, NoticeFilter } from './notice-view';
export { unitStandings, rank } from './standings';
export type { UnitStanding, Standings, BreakdownLine } from './standings';
export { STANDINGS_RULES, HONOUR_LIST_SIZE, SATISFACTION_BASELINE } from './standings-rules';
export { parsePeriod, quarterOf, periodChoices } from './period';
export { committeeOf } from './access';
export { rowForApi, noticeForApi } from './api-view';
export { noticeFormInput, defaultReplyBy, backTo } from './forms';
