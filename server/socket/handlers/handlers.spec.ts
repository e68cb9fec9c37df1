import { describe, expect, it } from 'vitest';
import type { Db } from '../../../src/lib/server/db';
import {
	clientEventSchemas,
	type ClientEventName,
	type ClientEventsOf
} from '../../../src/lib/shared/events';
import { PresenceRegistry } from '../presence';
import type { Handlers, YitingServer } from '../types';
import { socketHandlers } from '.';

// Nothing here runs a handler: the table is built with stand-ins it never touches.
const table = socketHandlers({
	db: {} as Db,
	io: {} as YitingServer,
	presence: new PresenceRegistry()
});

describe('the socket handler table', () => {
	it('has one handler for every event of the contract', () => {
		expect(Object.keys(table).sort()).toEqual(Object.keys(clientEventSchemas).sort());
	});

	it('recognises retries as before: presence per connection, entering a hall and reading a vote never, other hall and vote actions per person', () => {
		const rules = Object.fromEntries(
			Object.entries(table).map(([event, h]) => [event, `${h.dedupe} ${h.cost}`])
		);
		expect(rules).toEqual({
			'presence:join': 'connection 1',
			'presence:update': 'connection 1',
			'presence:leave': 'connection 1',
			'hall:join': 'none 1',
			'hall:leave': 'none 1',
			'hall:checkIn': 'person 1',
			'hall:hand': 'person 1',
			'hall:agenda': 'person 1',
			'hall:floor': 'person 1',
			'hall:queue': 'person 1',
			'hall:ask': 'person 1',
			'hall:upvote': 'person 1',
			'hall:question': 'person 1',
			'hall:react': 'person 1',
			'hall:comment': 'person 1',
			'hall:moderate': 'person 1',
			'vote:create': 'person 1',
			'vote:open': 'person 1',
			'vote:close': 'person 1',
			'vote:cast': 'person 1',
			'vote:get': 'none 1',
			'vote:roll': 'none 1',
			'vote:roomCount': 'person 1',
			'vote:casting': 'person 1',
			'vote:revote': 'person 1'
		});
	});

	it('is refused by the compiler when a handler is missing (checked by `npm run check`)', () => {
		const presenceOnly: Handlers<ClientEventsOf<'presence'>> = {
			'presence:join': table['presence:join'],
			'presence:update': table['presence:update'],
			'presence:leave': table['presence:leave']
		};
		// @ts-expect-error the hall's handlers are missing
		const incomplete: Handlers<ClientEventName> = presenceOnly;
		expect(Object.keys(incomplete)).toHaveLength(3);
	});
});
