import { describe, expect, it } from 'vitest';
import { PresenceRegistry } from './presence';

const ids = (r: PresenceRegistry, committeeId: string) => r.list(committeeId).map((p) => p.userId);

describe('PresenceRegistry', () => {
	it('lists who joined, in the order they first joined, online until they say otherwise', () => {
		const r = new PresenceRegistry();
		r.join('c1', 'bo', 'Bo', 's1');
		r.join('c1', 'an', 'An', 's2');
		r.join('c1', 'cai', 'Cai', 's3');
		expect(r.list('c1')).toEqual([
			{ userId: 'bo', displayName: 'Bo', status: 'online' },
			{ userId: 'an', displayName: 'An', status: 'online' },
			{ userId: 'cai', displayName: 'Cai', status: 'online' }
		]);
		expect(r.setStatus('c1', 'an', 'away')).toBe(true);
		expect(r.list('c1')[1]).toEqual({ userId: 'an', displayName: 'An', status: 'away' });
		expect(r.setStatus('c1', 'nobody', 'away')).toBe(false);
	});

	it('counts a person with two connections once, until the last one leaves', () => {
		const r = new PresenceRegistry();
		r.join('c1', 'an', 'An', 's1');
		r.join('c1', 'an', 'An', 's2');
		expect(ids(r, 'c1')).toEqual(['an']);
		expect(r.leave('c1', 'an', 's1')).toBe(false);
		expect(ids(r, 'c1')).toEqual(['an']);
		expect(r.leave('c1', 'an', 's2')).toBe(true);
		expect(ids(r, 'c1')).toEqual([]);
	});

	it('ignores leaving by a connection that never joined', () => {
		const r = new PresenceRegistry();
		r.join('c1', 'an', 'An', 's1');
		expect(r.leave('c1', 'an', 'other')).toBe(false);
		expect(r.leave('c1', 'bo', 's1')).toBe(false);
		expect(r.leave('c2', 'an', 's1')).toBe(false);
		expect(ids(r, 'c1')).toEqual(['an']);
	});

	it('keeps committees apart', () => {
		const r = new PresenceRegistry();
		r.join('c1', 'an', 'An', 's1');
		r.join('c2', 'an', 'An', 's1');
		r.join('c2', 'bo', 'Bo', 's2');
		r.setStatus('c2', 'an', 'away');
		expect(r.list('c1')).toEqual([{ userId: 'an', displayName: 'An', status: 'online' }]);
		expect(r.leave('c2', 'an', 's1')).toBe(true);
		expect(ids(r, 'c1')).toEqual(['an']);
		expect(ids(r, 'c2')).toEqual(['bo']);
		expect(ids(r, 'nowhere')).toEqual([]);
	});

	it('starts afresh (online) when someone returns after leaving', () => {
		const r = new PresenceRegistry();
		r.join('c1', 'an', 'An', 's1');
		r.setStatus('c1', 'an', 'away');
		r.leave('c1', 'an', 's1');
		r.join('c1', 'bo', 'Bo', 's2');
		r.join('c1', 'an', 'An', 's3');
		expect(r.list('c1')).toEqual([
			{ userId: 'bo', displayName: 'Bo', status: 'online' },
			{ userId: 'an', displayName: 'An', status: 'online' }
		]);
	});
});
