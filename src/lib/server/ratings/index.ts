/**
 * Residents' ratings (评单): one namespace for the entry points. Importing it (or jobs.ts, which
 * imports close.ts) registers the listener that starts a need's rating days on approval.
 */
export { rateNeed, enterRating } from './rate';
export { reopenNeed } from './reopen';
export { needRatings, taskRatings, needScore } from './queries';
export { needRatingClose, scheduleRatingClose, ratingDays } from './close';
export { ratingForApi } from './api-view';
