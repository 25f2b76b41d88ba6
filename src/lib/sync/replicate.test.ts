import { describe, expect, it } from 'vitest';
import { REPLICATED_COLLECTIONS } from '../../../server/validation.js';
import { replicatedCollections } from './replicate';

describe('replicatedCollections', () => {
	it('are the databases the server sets up for an organisation', () => {
		expect([...replicatedCollections].sort()).toEqual([...REPLICATED_COLLECTIONS].sort());
	});
});
