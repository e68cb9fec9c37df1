import { describe, expect, it } from 'vitest';
import { isAllowedOrigin, websocketOriginOk } from './origin';

describe('origin checks', () => {
	it('without an allowlist, only the exact origin the request was sent to passes', () => {
		expect(isAllowedOrigin('http://localhost:3000', 'http://localhost:3000', [])).toBe(true);
		expect(isAllowedOrigin('http://evil.example', 'http://localhost:3000', [])).toBe(false);
		expect(isAllowedOrigin('http://localhost:3001', 'http://localhost:3000', [])).toBe(false);
		expect(isAllowedOrigin('https://localhost:3000', 'http://localhost:3000', [])).toBe(false);
		expect(isAllowedOrigin('null', 'http://localhost:3000', [])).toBe(false);
	});

	it('with an allowlist, only listed origins pass', () => {
		const list = ['https://yiting.example.org'];
		expect(isAllowedOrigin('https://yiting.example.org', 'http://internal:3000', list)).toBe(true);
		expect(isAllowedOrigin('http://yiting.example.org', 'http://yiting.example.org', list)).toBe(
			false
		);
	});

	it('websocket handshakes compare scheme too; without Origin (non-browser clients) they go on to authentication', () => {
		expect(websocketOriginOk({ host: 'a' }, false, [])).toBe(true);
		expect(websocketOriginOk({ host: 'a', origin: 'http://b' }, false, [])).toBe(false);
		expect(websocketOriginOk({ host: 'a:1', origin: 'http://a:1' }, false, [])).toBe(true);
		expect(websocketOriginOk({ host: 'a:1', origin: 'https://a:1' }, false, [])).toBe(false);
		expect(websocketOriginOk({ host: 'a:1', origin: 'https://a:1' }, true, [])).toBe(true);
	});
});
