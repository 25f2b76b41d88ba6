import { describe, expect, it } from 'vitest';
import { parseArgs, parseRunOutput } from './soak.js';

describe('soak arguments', () => {
	it('reads runs, ops, engine and a seed to replay', () => {
		expect(parseArgs(['--runs', '30', '--ops', '1000', '--engine', 'cluster'])).toEqual({
			runs: 30,
			ops: 1000,
			engine: 'cluster',
			fresh: false
		});
		expect(parseArgs(['--seed', '42', '--fresh'])).toEqual({
			runs: 1,
			ops: 200,
			engine: 'pouchdb',
			seed: 42,
			fresh: true
		});
	});

	it('refuses an unknown engine, a count that is no positive whole number, unknown flags', () => {
		expect(() => parseArgs(['--engine', 'cloudant'])).toThrow(/--engine is one of/);
		expect(() => parseArgs(['--runs', '0'])).toThrow(/positive whole number/);
		expect(() => parseArgs(['--ops', '2.5'])).toThrow(/positive whole number/);
		expect(() => parseArgs(['--runs'])).toThrow(/needs a value/);
		expect(() => parseArgs(['--loud'])).toThrow(/unknown argument/);
	});
});

describe('soak run output', () => {
	it("reads the spec's summary line and its step counts", () => {
		const output = [
			'random-sync seed 7, 200 operations per device',
			'random-sync seed 7: pushes 0a1b2c3d4e5f (118: 9 answer-lost, 7 unsent, 5 answered-late); ' +
				'setup 3.1 s, operations 80.2 s, settle 4.0 s; 310 acknowledged record writes, ' +
				'402 activity entries, 6 conflicts recorded; lost values explained: 3 overwritten later, ' +
				'1 in Conflicts, 0 acceptances of removed partnerships; 2 field writes put back before they left',
			'{"editCustomer:ok":120,"toggleNetwork":44,"reload":11,"pause":20}'
		].join('\n');
		expect(parseRunOutput(output)).toEqual({
			fingerprint: '0a1b2c3d4e5f',
			pushes: 118,
			acknowledged: 310,
			activity: 402,
			conflicts: 6,
			faults: {
				answerLost: 9,
				unsent: 7,
				answeredLate: 5,
				networkSwitches: 44,
				reloads: 11,
				pauses: 20
			}
		});
	});

	it('leaves out what a run that failed early never printed', () => {
		expect(parseRunOutput('Error: the endpoint did not start')).toEqual({});
	});
});
