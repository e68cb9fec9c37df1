/** Every HTTP API endpoint, for the OpenAPI document and the API page. */
import * as accounts from './accounts';
import * as account from './account';
import * as org from './org';
import * as needs from './needs';
import * as meetings from './meetings';
import * as hall from './hall';
import * as votes from './votes';
import * as tasks from './tasks';
import * as supervision from './supervision';
import * as insight from './insight';
import * as projects from './projects';
import * as ratings from './ratings';
import type { EndpointDef } from '../endpoint';

export const allEndpoints: EndpointDef[] = [
	...Object.values(accounts),
	...Object.values(account),
	...Object.values(org),
	...Object.values(needs),
	...Object.values(meetings).filter((v) => typeof v === 'object' && 'method' in v),
	...Object.values(hall).filter((v) => typeof v === 'object' && 'method' in v),
	...Object.values(votes).filter((v) => typeof v === 'object' && 'method' in v),
	...Object.values(tasks),
	...Object.values(supervision).filter((v) => typeof v === 'object' && 'method' in v),
	...Object.values(insight).filter((v) => typeof v === 'object' && 'method' in v),
	...Object.values(projects),
	...Object.values(ratings)
];
