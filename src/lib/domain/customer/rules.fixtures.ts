// Shared inputs of the customer rule tests (imported by *.test.ts only).
import type { CustomerDetailsInput, CustomerRulesContext } from './rules';

/** A complete, valid Hungarian customer; override what a test needs. */
export function customerInput(
	overrides: Partial<Omit<CustomerDetailsInput, 'address' | 'contact'>> & {
		address?: Partial<CustomerDetailsInput['address']>;
		contact?: Partial<CustomerDetailsInput['contact']>;
	} = {}
): CustomerDetailsInput {
	const { address, contact, ...rest } = overrides;
	return {
		companyName: 'Kovács és Társa Kft.',
		domainPrefix: 'kovacsestarsa',
		organisationRegistrationNumber: '01-09-111111',
		cloud: 'public',
		...rest,
		address: {
			line1: 'Váci utca 1.',
			line2: '',
			city: 'Budapest',
			state: '',
			postalCode: '1052',
			country: 'HU',
			...address
		},
		contact: {
			firstName: 'Anna',
			lastName: 'Kovács',
			email: 'anna.kovacs@kovacs.hu',
			phone: '+36 1 555 0101',
			...contact
		}
	};
}

export const context: CustomerRulesContext = {
	knownDomainPrefixes: ['contoso', 'Fabrikam'],
	partnerEmailDomains: ['budapestcloud.hu', 'contoso-distribution.com']
};
