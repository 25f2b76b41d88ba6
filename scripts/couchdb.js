// Apache CouchDB on loopback for the tests (npm run test:couchdb): one node, or a cluster of
// three joined by hand, from a release folder (COUCHDB_HOME, or the release tarball of
// ../shared/couchdb/ extracted once into node_modules/.cache/couchdb/).
//
// Every node gets its own state folder (config, data, logs), free ports and a node name of its
// own (several checkouts may run clusters on one machine), and all of them use a private epmd
// (Erlang's port mapper) started here on a free port, so nothing outlives `stop()`.
//
//   const couch = await startCouch({ nodes: 3, q: 2 });
//   couch.url, couch.urls, couch.admin, couch.nodes[1].kill(), await couch.nodes[1].start()
//   await couch.stop();
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
	createWriteStream,
	existsSync,
	mkdirSync,
	readFileSync,
	rmSync,
	writeFileSync
} from 'node:fs';
import net from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Where CI checks the repository out: next to `shared`. */
export const RELEASE_TARBALL = resolve(ROOT, '../shared/couchdb/couchdb-3.5.0-debian12.tar.gz');
const CACHE = join(ROOT, 'node_modules', '.cache', 'couchdb');

/** A free TCP port on 127.0.0.1. @returns {Promise<number>} */
export function freePort() {
	return new Promise((resolvePort, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = /** @type {net.AddressInfo} */ (server.address());
			server.close(() => resolvePort(address.port));
		});
	});
}

/** @param {number} ms */
const sleep = (ms) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));

/**
 * The release folder: COUCHDB_HOME, or the tarball extracted into the cache (once).
 * @returns {string}
 */
export function couchHome() {
	if (process.env.COUCHDB_HOME) return resolve(process.env.COUCHDB_HOME);
	const home = join(CACHE, 'couchdb-3.5.0');
	if (existsSync(join(home, 'bin', 'couchdb'))) return home;
	if (!existsSync(RELEASE_TARBALL)) {
		throw new Error(
			`No CouchDB release: set COUCHDB_HOME, or put the release at ${RELEASE_TARBALL}.`
		);
	}
	mkdirSync(CACHE, { recursive: true });
	const untar = spawnSync('tar', ['-xzf', RELEASE_TARBALL, '-C', CACHE], { stdio: 'inherit' });
	if (untar.status !== 0) throw new Error(`Extracting ${RELEASE_TARBALL} failed`);
	return home;
}

/**
 * @param {string} url
 * @param {string} auth 'name:password'
 * @param {string} method
 * @param {string} path
 * @param {unknown} [body]
 */
export async function couchRequest(url, auth, method, path, body) {
	const response = await fetch(`${url}/${path}`, {
		method,
		headers: {
			authorization: `Basic ${Buffer.from(auth).toString('base64')}`,
			'content-type': 'application/json',
			accept: 'application/json'
		},
		body: body === undefined ? undefined : JSON.stringify(body),
		signal: AbortSignal.timeout(10_000)
	});
	const text = await response.text();
	return { status: response.status, body: text ? JSON.parse(text) : null };
}

/**
 * Waits until `check` resolves true (errors count as false).
 * @param {() => Promise<boolean>} check
 * @param {string} what
 * @param {number} [timeoutMs]
 */
async function until(check, what, timeoutMs = 60_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			if (await check()) return;
		} catch {
			// not yet
		}
		if (Date.now() > deadline) throw new Error(`CouchDB: ${what} within ${timeoutMs} ms`);
		await sleep(200);
	}
}

/**
 * @typedef {object} CouchNode
 * @property {string} name Erlang node name, e.g. csp-1234-1@127.0.0.1
 * @property {string} url e.g. http://127.0.0.1:5984
 * @property {number | null} pid the node's process while it runs
 * @property {() => void} kill SIGKILL, as a crash would
 * @property {() => Promise<void>} start starts it again on the same state and ports
 *
 * @typedef {object} Couch
 * @property {string} url the first node
 * @property {string[]} urls every node
 * @property {string} admin 'name:password'
 * @property {CouchNode[]} nodes
 * @property {number} q shards per database
 * @property {string} stateDir
 * @property {() => Promise<void>} stop stops every node and the epmd, removes the state
 */

/**
 * Starts one node (`nodes: 1`, single_node, n=1) or a cluster of three (n=3) and waits until
 * every node answers `_users` with 200.
 * @param {{ nodes?: 1 | 3, q?: number, home?: string, stateDir?: string, log?: (line: string) => void }} [options]
 * @returns {Promise<Couch>}
 */
export async function startCouch(options = {}) {
	const count = options.nodes ?? 1;
	const q = options.q ?? (count === 1 ? 1 : 2);
	const home = options.home ?? couchHome();
	const log = options.log ?? (() => {});
	const id = `csp${process.pid}x${randomBytes(2).toString('hex')}`;
	const stateDir = resolve(options.stateDir ?? join(CACHE, 'run', id));
	mkdirSync(stateDir, { recursive: true });
	const adminPassword = randomBytes(12).toString('base64url');
	const admin = `admin:${adminPassword}`;
	const uuid = randomBytes(16).toString('hex');
	const secret = randomBytes(16).toString('hex');
	const cookie = randomBytes(12).toString('hex');

	// A private epmd: the nodes find each other through it, and it stops with us.
	const epmdPort = await freePort();
	const erts = readFileSync(join(home, 'releases', 'start_erl.data'), 'utf8')
		.trim()
		.split(' ')[0];
	const epmd = spawn(join(home, `erts-${erts}`, 'bin', 'epmd'), ['-port', String(epmdPort)], {
		env: { ...process.env, ERL_EPMD_ADDRESS: '127.0.0.1' },
		stdio: 'ignore'
	});
	await until(
		() =>
			new Promise((ok) => {
				const socket = net.connect(epmdPort, '127.0.0.1');
				socket.once('connect', () => (socket.destroy(), ok(true)));
				socket.once('error', () => ok(false));
			}),
		'epmd listening'
	);

	const vmArgs = readFileSync(join(home, 'etc', 'vm.args'), 'utf8')
		.split('\n')
		.filter((line) => !/^-(name|setcookie)\b/.test(line.trim()));

	/** @type {CouchNode[]} */
	const nodes = [];
	for (let index = 1; index <= count; index++) {
		const dir = join(stateDir, `node${index}`);
		mkdirSync(join(dir, 'data'), { recursive: true });
		const port = await freePort();
		const localPort = await freePort();
		const name = `${id}n${index}@127.0.0.1`;
		writeFileSync(
			join(dir, 'vm.args'),
			[
				`-name ${name}`,
				`-setcookie ${cookie}`,
				...vmArgs,
				'-kernel inet_dist_use_interface {127,0,0,1}',
				''
			].join('\n')
		);
		writeFileSync(
			join(dir, 'local.ini'),
			[
				'[couchdb]',
				`uuid = ${uuid}`,
				`database_dir = ${join(dir, 'data')}`,
				`view_index_dir = ${join(dir, 'data')}`,
				`single_node = ${count === 1}`,
				// The documents are small; the gateway allows 64 KiB each.
				'max_document_size = 8388608',
				'[cluster]',
				`n = ${count === 1 ? 1 : 3}`,
				`q = ${q}`,
				'[chttpd]',
				'bind_address = 127.0.0.1',
				`port = ${port}`,
				'max_http_request_size = 8388608',
				'[httpd]',
				'bind_address = 127.0.0.1',
				`port = ${localPort}`,
				'[chttpd_auth]',
				`secret = ${secret}`,
				'timeout = 86400',
				'allow_persistent_cookies = true',
				'same_site = lax',
				'[log]',
				'writer = file',
				`file = ${join(dir, 'couch.log')}`,
				'level = warning',
				'[smoosh]',
				'state_dir = ' + join(dir, 'data'),
				// Repeated test runs try wrong passwords (the server admin's too) more than
				// CouchDB 3.5's lockout allows in 5 minutes; production keeps `enforce`.
				'[chttpd_auth_lockout]',
				'mode = warn',
				'[admins]',
				`admin = ${adminPassword}`,
				''
			].join('\n')
		);
		/** @type {import('node:child_process').ChildProcess | null} */
		let child = null;
		const node = {
			name,
			url: `http://127.0.0.1:${port}`,
			pid: /** @type {number | null} */ (null),
			kill() {
				if (child && child.exitCode === null) child.kill('SIGKILL');
			},
			async start() {
				const out = createWriteStream(join(dir, 'stdout.log'), { flags: 'a' });
				child = spawn(join(home, 'bin', 'couchdb'), [], {
					env: {
						...process.env,
						COUCHDB_INI_FILES: `${join(home, 'etc', 'default.ini')} ${join(dir, 'local.ini')}`,
						COUCHDB_ARGS_FILE: join(dir, 'vm.args'),
						ERL_CRASH_DUMP: join(dir, 'erl_crash.dump'),
						ERL_EPMD_ADDRESS: '127.0.0.1',
						ERL_EPMD_PORT: String(epmdPort)
					},
					stdio: ['ignore', 'pipe', 'pipe']
				});
				child.stdout?.pipe(out);
				child.stderr?.pipe(out);
				node.pid = child.pid ?? null;
				const running = child;
				running.once('exit', () => {
					if (node.pid === running.pid) node.pid = null;
				});
				await until(async () => {
					if (running.exitCode !== null) throw new Error(`${name} exited`);
					return (await fetch(`${node.url}/_up`)).status === 200;
				}, `${name} up`);
			}
		};
		nodes.push(node);
	}

	const stop = async () => {
		for (const node of nodes) node.kill();
		await sleep(300);
		if (epmd.exitCode === null) epmd.kill('SIGKILL');
		rmSync(stateDir, { recursive: true, force: true, maxRetries: 3 });
	};

	try {
		const started = Date.now();
		await Promise.all(nodes.map((node) => node.start()));
		const first = nodes[0].url;
		if (count > 1) {
			for (const node of nodes.slice(1)) {
				const joined = await couchRequest(
					first,
					admin,
					'PUT',
					`_node/_local/_nodes/${encodeURIComponent(node.name)}`,
					{}
				);
				if (joined.status >= 300) throw new Error(`Joining ${node.name}: ${joined.status}`);
			}
			await until(async () => {
				for (const node of nodes) {
					const members = await couchRequest(node.url, admin, 'GET', '_membership');
					if (members.body?.cluster_nodes?.length !== count) return false;
				}
				return true;
			}, 'every node sees the cluster');
		}
		// A single node (single_node = true) creates its system databases itself as it starts, so
		// this PUT may race it and get 500 "conflict" (seen on a loaded machine): what counts is
		// that the database exists afterwards. `_global_changes` gives `_db_updates`, the feed the
		// relationship service follows (without it the service polls `_all_dbs` every second).
		for (const db of ['_users', '_replicator', '_global_changes']) {
			let last = '';
			await until(async () => {
				const created = await couchRequest(first, admin, 'PUT', db);
				if (created.status < 300 || created.status === 412) return true;
				last = `${created.status} ${JSON.stringify(created.body)}`;
				return (await couchRequest(first, admin, 'GET', db)).status === 200;
			}, `creating ${db} (last answer ${last})`);
		}
		await until(async () => {
			for (const node of nodes) {
				if ((await couchRequest(node.url, admin, 'GET', '_users')).status !== 200) return false;
			}
			return true;
		}, '_users everywhere');
		log(
			`CouchDB ${count === 1 ? 'single node' : `cluster of ${count} (n=3, q=${q})`} up in ${Date.now() - started} ms: ${nodes.map((node) => node.url).join(' ')}`
		);
	} catch (error) {
		await stop();
		throw error;
	}
	return {
		url: nodes[0].url,
		urls: nodes.map((node) => node.url),
		admin,
		nodes,
		q,
		stateDir,
		stop
	};
}
