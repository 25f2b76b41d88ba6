#!/usr/bin/env node
// Makes sure the system Chromium that Playwright drives is installed (see scripts/chromium.js).
// As root with apt-get available it installs Debian's `chromium` package; otherwise it explains
// how to install it and exits with status 1.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromiumPath } from './chromium.js';

/** @param {string} command @param {string[]} args */
function run(command, args) {
	console.log(`$ ${command} ${args.join(' ')}`);
	const result = spawnSync(command, args, {
		stdio: 'inherit',
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
	});
	if (result.error) throw result.error;
	if (result.status !== 0) {
		console.error(`${command} ${args.join(' ')} failed with status ${result.status}`);
		process.exit(result.status ?? 1);
	}
}

function hasAptGet() {
	return ['/usr/bin/apt-get', '/bin/apt-get', '/usr/local/bin/apt-get'].some((path) =>
		existsSync(path)
	);
}

if (existsSync(chromiumPath)) {
	process.exit(0);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

if (isRoot && hasAptGet() && !process.env.CHROMIUM_PATH) {
	console.log(`Chromium is missing at ${chromiumPath}; installing Debian's chromium package.`);
	run('apt-get', ['update']);
	run('apt-get', ['install', '-y', 'chromium']);
	if (existsSync(chromiumPath)) {
		console.log(`Chromium installed at ${chromiumPath}.`);
		process.exit(0);
	}
	console.error(`apt-get installed chromium, but ${chromiumPath} still does not exist.`);
	process.exit(1);
}

console.error(`Chromium was not found at ${chromiumPath}.
The end-to-end tests and the benchmark drive Debian's Chromium. Install it with:

    sudo apt-get update && sudo apt-get install -y chromium

or point CHROMIUM_PATH at another Chromium binary.`);
process.exit(1);
