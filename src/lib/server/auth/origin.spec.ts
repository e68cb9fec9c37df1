import { describe, expect, it } from 'vitest';
import { isAllowedOrigin, websocketOriginOk } from './origin';

describe('origin checks', () => {
	it('without an allowlist, only the host the request was sent to passes', () => {
		expect(isAllowedOrigin('http://localhost:3000', 'localhost:3000', [])).toBe(true);
		expect(isAllowedOrigin('http://evil.example', 'localhost:3000', [])).toBe(false);
		expect(isAllowedOrigin('http://localhost:3001', 'localhost:3000', [])).toBe(false);
		expect(isAllowedOrigin('null', 'localhost:3000', [])).toBe(false);
	});

	it('with an allowlist, only listed origins pass', () => {
		const list = ['https://yiting.example.org'];
		expect(isAllowedOrigin('https://yiting.example.org', 'internal:3000', list)).toBe(true);
		expect(isAllowedOrigin('http://yiting.example.org', 'yiting.example.org', list)).toBe(false);
	});

	it('websocket handshakes without Origin (non-browser clients) go on to authentication', () => {
		expect(websocketOriginOk({ host: 'a' }, [])).toBe(true);
		expect(websocketOriginOk({ host: 'a', origin: 'http://b' }, [])).toBe(false);
	});
});
