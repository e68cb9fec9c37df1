import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { slimRequest } from './slim';

function request(headers: Record<string, string>): IncomingMessage {
	const req = new IncomingMessage(new Socket());
	req.headers = headers;
	req.url = '/socket.io/?EIO=4&transport=websocket';
	return req;
}

describe('slimRequest', () => {
	it('keeps what authentication and the socket.io handshake read, and nothing else', () => {
		const slim = slimRequest(
			request({
				cookie: 'yt_session=abc',
				origin: 'https://yiting.example',
				'user-agent': 'Mozilla/5.0',
				'sec-websocket-key': 'x'
			})
		);
		expect(slim).toEqual({
			headers: {
				cookie: 'yt_session=abc',
				authorization: undefined,
				origin: 'https://yiting.example'
			},
			url: '/socket.io/?EIO=4&transport=websocket',
			connection: { encrypted: false },
			_query: {}
		});
		expect(slim).not.toBeInstanceOf(IncomingMessage);
	});
});
