// What the server's JSON APIs share: how a reply is written and how the session is read.
import { REPLY_HEADERS } from '../gateway.js';

/**
 * A JSON reply with the gateway's headers (a reply already started is cut off instead).
 * @param {import('node:http').ServerResponse} response
 * @param {number} status @param {unknown} body @param {Record<string, string>} [headers]
 */
export function send(response, status, body, headers = {}) {
	if (response.headersSent) {
		response.destroy();
		return;
	}
	response.statusCode = status;
	for (const [name, value] of Object.entries(REPLY_HEADERS)) response.setHeader(name, value);
	for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
	response.end(JSON.stringify(body));
}

/** The AuthSession cookie's value, or null: the gateway's own reader. */
export { authSessionCookie } from '../gateway.js';
