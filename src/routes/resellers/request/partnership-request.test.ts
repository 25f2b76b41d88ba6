import { describe, expect, it } from 'vitest';
import {
	emptyRequestForm,
	prefillRequestForm,
	type PartnershipRequestForm
} from './partnership-request';

const kept: PartnershipRequestForm = {
	name: 'Danube Managed Services',
	email: 'partners@danube.example',
	mpnId: '6567894',
	draft: {
		token: 'token-token-token-token',
		link: 'https://app.example/invitations/partnership/token-token-token-token',
		subject: 'Hello',
		body: 'Edited text https://app.example/invitations/partnership/token-token-token-token',
		resellerName: 'Danube Managed Services'
	}
};

describe('prefillRequestForm', () => {
	it('fills an empty form from the address', () => {
		const params = new URLSearchParams({ mpnId: '6567894', name: 'Danube', email: 'a@b.example' });
		expect(prefillRequestForm(emptyRequestForm, params)).toEqual({
			name: 'Danube',
			email: 'a@b.example',
			mpnId: '6567894',
			draft: null
		});
	});

	it('keeps a form and its draft kept for the same reseller', () => {
		const params = new URLSearchParams({ mpnId: '6567894', name: 'Danube', email: 'a@b.example' });
		expect(prefillRequestForm(kept, params)).toBe(kept);
	});

	it('replaces a form kept for another reseller', () => {
		const params = new URLSearchParams({ mpnId: '6678905', name: 'Baltic', email: 'b@c.example' });
		expect(prefillRequestForm(kept, params).draft).toBeNull();
		expect(prefillRequestForm(kept, params).mpnId).toBe('6678905');
	});

	it('leaves the form alone without a reseller in the address', () => {
		expect(prefillRequestForm(kept, new URLSearchParams())).toBe(kept);
	});
});
