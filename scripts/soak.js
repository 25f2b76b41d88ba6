#!/usr/bin/env node
// `npm run soak -- --runs N [--ops K] [--engine pouchdb|couchdb|cluster] [--seed S] [--fresh]`
// (after `npm run build:test-hooks`, which the npm script runs first): the random sync test
// (tests/random-sync.spec.ts) N times in a row, each with a fresh seed, against PouchDB Server
// (pouchdb, the default), a single Apache CouchDB node (couchdb) or a 3-node CouchDB cluster
// (cluster), started once here (scripts/couchdb.js) and stopped at the end.
//
// It stops at the first failure and prints its seed and the command that replays it. Its state
// is soak-results/soak-<engine>-<ops>.json (gitignored), written after every run: the same
// command again resumes where it stopped (after a failure, the failed seed runs first, so a fix
// is checked on it) until N runs have passed in a row; --fresh starts a new series. --seed S
// runs that one seed (a replay) and nothing else. The log of every run is soak-results/runs/.
import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCouch } from './couchdb.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = join(ROOT, 'soak-results');
const SPEC = 'tests/random-sync.spec.ts';
const ENGINES = ['pouchdb', 'couchdb', 'cluster'];

/**
 * @typedef {{ answerLost: number, unsent: number, answeredLate: number, networkSwitches: number, reloads: number, pauses: number }} Faults
 * @typedef {{ seed: number, passed: boolean, seconds: number, operations: number, acknowledged?: number, activity?: number, conflicts?: number, pushes?: number, fingerprint?: string, faults?: Faults, log: string, replay: string }} Run
 * @typedef {{ engine: string, ops: number, runs: number, started: string, updated: string, passedInARow: number, history: Run[], failure?: { seed: number, replay: string, log: string } }} Summary
 */

/** @param {string[]} argv */
export function parseArgs(argv) {
	/** @type {{ runs: number, ops: number, engine: string, seed?: number, fresh: boolean }} */
	const options = { runs: 1, ops: 200, engine: 'pouchdb', fresh: false };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const value = () => {
			const next = argv[++i];
			if (next === undefined) throw new Error(`${arg} needs a value`);
			return next;
		};
		const count = (/** @type {string} */ text) => {
			const n = Number(text);
			if (!Number.isInteger(n) || n < 1) throw new Error(`${arg} needs a positive whole number`);
			return n;
		};
		if (arg === '--runs') options.runs = count(value());
		else if (arg === '--ops') options.ops = count(value());
		else if (arg === '--engine') options.engine = value();
		else if (arg === '--seed') options.seed = count(value());
		else if (arg === '--fresh') options.fresh = true;
		else throw new Error(`unknown argument ${arg}`);
	}
	if (!ENGINES.includes(options.engine)) {
		throw new Error(`--engine is one of ${ENGINES.join(', ')}`);
	}
	return options;
}

/**
 * The numbers a run of the spec prints in its summary line (see the end of the spec); absent
 * when a run failed before printing it.
 * @param {string} output
 */
export function parseRunOutput(output) {
	/** @type {Partial<Run>} */
	const found = {};
	const pushes =
		/pushes ([0-9a-f]+) \((\d+): (\d+) answer-lost, (\d+) unsent, (\d+) answered-late\)/.exec(
			output
		);
	const number = (/** @type {RegExp} */ pattern) => {
		const match = pattern.exec(output);
		return match ? Number(match[1]) : undefined;
	};
	found.acknowledged = number(/(\d+) acknowledged record writes/);
	found.activity = number(/(\d+) activity entries/);
	found.conflicts = number(/(\d+) conflicts recorded/);
	if (pushes) {
		found.fingerprint = pushes[1];
		found.pushes = Number(pushes[2]);
		const counts = /^\{.*"toggleNetwork.*\}$/m.exec(output);
		/** @type {Record<string, number>} */
		let steps = {};
		try {
			steps = counts ? JSON.parse(counts[0]) : {};
		} catch {
			steps = {};
		}
		found.faults = {
			answerLost: Number(pushes[3]),
			unsent: Number(pushes[4]),
			answeredLate: Number(pushes[5]),
			networkSwitches: steps.toggleNetwork ?? 0,
			reloads: steps.reload ?? 0,
			pauses: steps.pause ?? 0
		};
	}
	for (const key of /** @type {(keyof Run)[]} */ (Object.keys(found))) {
		if (found[key] === undefined) delete found[key];
	}
	return found;
}

/** @param {{ engine: string, ops: number }} options @param {number} seed */
function replayCommand(options, seed) {
	return options.engine === 'pouchdb'
		? `RANDOM_SYNC_SEED=${seed} RANDOM_SYNC_OPS=${options.ops} npm run test:e2e -- random-sync`
		: `npm run soak -- --engine ${options.engine} --ops ${options.ops} --seed ${seed}`;
}

/**
 * Runs the spec once; its output goes to the terminal (dimmed to the seed's lines) and to a log.
 * @param {number} seed @param {number} ops @param {Record<string, string>} env @param {string} log
 * @returns {Promise<{ code: number, output: string }>}
 */
function runSpec(seed, ops, env, log) {
	return new Promise((resolveRun) => {
		const file = createWriteStream(log);
		let output = '';
		const child = spawn('npx', ['playwright', 'test', SPEC, '--reporter=line'], {
			cwd: ROOT,
			env: { ...process.env, ...env, RANDOM_SYNC_SEED: String(seed), RANDOM_SYNC_OPS: String(ops) },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		const take = (/** @type {Buffer} */ chunk) => {
			const text = chunk.toString();
			output += text;
			file.write(text);
			// Progress: the spec's own step counter.
			for (const line of text.split('\n')) {
				if (/random-sync: step \d+/.test(line)) process.stdout.write(`    ${line.trim()}\n`);
			}
		};
		child.stdout.on('data', take);
		child.stderr.on('data', take);
		child.once('exit', (code, signal) => {
			file.end();
			resolveRun({ code: code ?? (signal ? 1 : 0), output });
		});
	});
}

/** @param {Summary} summary */
function totals(summary) {
	const passed = summary.history.filter((run) => run.passed);
	const sum = (/** @type {(run: Run) => number | undefined} */ pick) =>
		passed.reduce((total, run) => total + (pick(run) ?? 0), 0);
	return {
		runs: summary.history.length,
		passed: passed.length,
		failed: summary.history.length - passed.length,
		operations: sum((run) => run.operations),
		acknowledged: sum((run) => run.acknowledged),
		activity: sum((run) => run.activity),
		conflicts: sum((run) => run.conflicts),
		faults: sum(
			(run) =>
				run.faults &&
				run.faults.answerLost +
					run.faults.unsent +
					run.faults.answeredLate +
					run.faults.networkSwitches +
					run.faults.reloads
		),
		seconds: sum((run) => run.seconds)
	};
}

async function main() {
	const options = parseArgs(process.argv.slice(2));
	mkdirSync(join(RESULTS, 'runs'), { recursive: true });
	const statePath = join(RESULTS, `soak-${options.engine}-${options.ops}.json`);
	const now = () => new Date().toISOString();
	/** @type {Summary} */
	let summary = {
		engine: options.engine,
		ops: options.ops,
		runs: options.runs,
		started: now(),
		updated: now(),
		passedInARow: 0,
		history: []
	};
	if (options.seed === undefined && !options.fresh && existsSync(statePath)) {
		summary = JSON.parse(readFileSync(statePath, 'utf8'));
		summary.runs = options.runs;
		console.log(
			`soak: resuming ${statePath}: ${summary.passedInARow} of ${options.runs} passed in a row so far`
		);
	}
	const save = () => {
		if (options.seed !== undefined) return;
		summary.updated = now();
		writeFileSync(statePath, JSON.stringify({ ...summary, totals: totals(summary) }, null, 1));
	};

	/** @type {Record<string, string>} */
	let env = {};
	/** @type {import('./couchdb.js').Couch | undefined} */
	let couch;
	if (options.engine !== 'pouchdb') {
		couch = await startCouch({
			nodes: options.engine === 'cluster' ? 3 : 1,
			log: (line) => console.log(line)
		});
		env = { TEST_COUCH_URL: couch.urls.join(','), TEST_COUCH_ADMIN: couch.admin };
	}
	let stopping = false;
	const stop = async () => {
		if (couch) await couch.stop();
		couch = undefined;
	};
	process.once('SIGINT', () => {
		stopping = true;
		console.log('\nsoak: interrupted; the series resumes with the same command');
		void stop().then(() => process.exit(130));
	});

	try {
		const retry = summary.failure?.seed;
		let first = true;
		while (
			!stopping &&
			(options.seed !== undefined ? first : summary.passedInARow < options.runs)
		) {
			const seed =
				options.seed ?? (first && retry !== undefined ? retry : randomInt(1, 1_000_000_000));
			first = false;
			const number = summary.passedInARow + 1;
			const log = join(RESULTS, 'runs', `${options.engine}-${options.ops}-${seed}.log`);
			const label =
				options.seed !== undefined ? `seed ${seed}` : `run ${number}/${options.runs} seed ${seed}`;
			console.log(`soak: ${label} (${options.ops} operations per device, ${options.engine})`);
			const started = Date.now();
			const { code, output } = await runSpec(seed, options.ops, env, log);
			if (stopping) break;
			/** @type {Run} */
			const run = {
				seed,
				passed: code === 0,
				seconds: Math.round((Date.now() - started) / 1000),
				operations: 2 * options.ops,
				...parseRunOutput(output),
				log,
				replay: replayCommand(options, seed)
			};
			summary.history.push(run);
			const done = summary.history.filter((r) => r.passed).reduce((t, r) => t + r.seconds, 0);
			if (run.passed) {
				summary.passedInARow += 1;
				delete summary.failure;
				const left = options.runs - summary.passedInARow;
				const mean = done / summary.history.filter((r) => r.passed).length;
				console.log(
					`soak: ${label} passed in ${run.seconds} s: ${run.acknowledged ?? '?'} acknowledged writes, ` +
						`${run.conflicts ?? '?'} conflicts, pushes ${run.fingerprint ?? '?'}; ` +
						`${summary.passedInARow} of ${options.runs} in a row` +
						(options.seed === undefined && left > 0
							? `, about ${Math.round((left * mean) / 60)} min left`
							: '')
				);
			} else {
				summary.passedInARow = 0;
				summary.failure = { seed, replay: run.replay, log };
				console.log(`soak: ${label} FAILED after ${run.seconds} s. Log: ${log}`);
				console.log(`soak: replay it with: ${run.replay}`);
				process.exitCode = 1;
				break;
			}
			save();
		}
		save();
	} finally {
		await stop();
	}
	if (options.seed === undefined) {
		const t = totals(summary);
		console.log(
			`soak: ${summary.passedInARow} of ${options.runs} passed in a row (${t.runs} runs in this series, ` +
				`${t.failed} failed); ${t.operations} operations, ${t.acknowledged} acknowledged writes, ` +
				`${t.conflicts} conflicts, ${t.faults} faults injected, ${t.seconds} s. Summary: ${statePath}`
		);
	}
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	main().catch((error) => {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	});
}
