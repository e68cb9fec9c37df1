/**
 * The needs domain's verbs in one namespace, for the HTTP API (whose contracts carry the same
 * names: `import * as needs`). Code inside the domain imports the files themselves.
 */
export { canSeeNeed, createNeed, listCategories, responseHours } from './needs';
export { getNeed, listNeeds, needTitles, similarNeeds, type NeedView } from './queries';
export { needFollowers, supportNeed, withdrawSupport } from './support';
export { acceptNeed, declineNeed, mergeNeed, revealPhone, waitingCount } from './triage';
export { addPhotos, getPhoto } from './photos';
