/** Resources, projects, claiming and open finances — one namespace for the entry points. */
export {
	listResources,
	addResource,
	editResource,
	removeResource,
	mayManageResources
} from './resources';
export { suggestResources, maySeeSuggestions } from './suggest';
export {
	createProject,
	editProject,
	publishProject,
	publishQuarter,
	listProjects,
	getProject,
	claimingUnits,
	claimingUnitOptions,
	currentQuarter,
	type ProjectFilter
} from './projects';
export { claimProject, type ClaimResult } from './claim';
export { recordSpending, listSpending, getReceipt } from './spending';
export { storeReceipt, readReceiptUpload, removeReceipt, readReceipt } from './receipts';
export { resourceFor } from './access';
export { projectForApi, spendingForApi, resourceForApi } from './api-view';
