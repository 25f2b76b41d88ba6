import { emailDomain, isValidEmail } from '../partner/rules';
import { invalid, valid, type FieldErrors, type Validation } from '../shared/result';
import { countryName, isKnownCountry } from './countries';
import { isOnlyLegalForm } from './legal-forms';
import { isPlaceholderName } from './names';
import { checkPostalCode } from './postal-codes';
import { clouds, type Cloud } from './schema';
import { findStateCode, stateLabel, statesFor } from './states';

export { countries, countryName, isKnownCountry, type Country } from './countries';
export { isOnlyLegalForm, legalForms } from './legal-forms';
export { isPlaceholderName, placeholderNames } from './names';
export { checkPostalCode, countriesWithPostalCodeRule, postalCodeRuleFor } from './postal-codes';
export { findStateCode, stateLabel, statesFor, type State } from './states';

export interface CustomerDetailsInput {
	companyName: string;
	domainPrefix: string;
	address: {
		line1: string;
		line2: string;
		city: string;
		state: string;
		postalCode: string;
		country: string;
	};
	contact: {
		firstName: string;
		lastName: string;
		email: string;
		phone: string;
	};
	organisationRegistrationNumber: string;
	cloud: Cloud;
}

export interface CustomerRulesContext {
	/**
	 * Domain prefixes already in use (any case). When editing a customer, leave its own prefix out.
	 */
	knownDomainPrefixes: string[];
	/** Email domains of the partner's own organisation(s), lower case ('contoso.com'). */
	partnerEmailDomains: string[];
}

export const COMPANY_NAME_MIN_LENGTH = 2;
export const COMPANY_NAME_MAX_LENGTH = 255;
export const DOMAIN_PREFIX_MAX_LENGTH = 27;
export const PERSON_NAME_MAX_LENGTH = 40;
export const ADDRESS_LINE_MAX_LENGTH = 200;
export const CITY_MAX_LENGTH = 100;
export const STATE_MAX_LENGTH = 100;
export const PHONE_MAX_LENGTH = 40;
export const REGISTRATION_NUMBER_MAX_LENGTH = 50;

/**
 * Countries/regions where Microsoft asks for the customer contact's phone number and the
 * organisation registration number when a customer is created.
 */
export const countriesRequiringPhoneAndRegistration: readonly string[] = [
	'AM',
	'AZ',
	'BY',
	'HU',
	'KZ',
	'KG',
	'MD',
	'RU',
	'TJ',
	'UZ',
	'UA'
];

/** Whether customers in the country must give a phone number and a registration number. */
export function requiresPhoneAndRegistration(country: string): boolean {
	return countriesRequiringPhoneAndRegistration.includes(country.trim().toUpperCase());
}

/** The customer's initial domain: `<prefix>.onmicrosoft.com`. */
export function domainName(prefix: string): string {
	return `${prefix}.onmicrosoft.com`;
}

/** The user name of the customer's first Global admin: `admin@<prefix>.onmicrosoft.com`. */
export function adminUserName(prefix: string): string {
	return `admin@${domainName(prefix)}`;
}

/**
 * Whether a name has the same character 3 or more times in a row (any case), such as "Aaab" or
 * three spaces. Digits are left out ("Studio 1000" is a name) and so are legal-form words, since
 * the Russian "ООО" is three of the same letter.
 */
function hasRepeatedCharacters(name: string): boolean {
	const words = name
		.split(/(\s+)/u)
		.map((part) => (/\S/u.test(part) && isOnlyLegalForm(part) ? '\u0000' : part))
		.join('');
	return /(\P{Nd})\1\1/u.test(words.toLowerCase());
}

/** What is wrong with a company name, or `undefined` (the name is trimmed first). */
export function companyNameError(companyName: string): string | undefined {
	const name = companyName.trim();
	if (name.length < COMPANY_NAME_MIN_LENGTH || name.length > COMPANY_NAME_MAX_LENGTH) {
		return `Enter the company name (${COMPANY_NAME_MIN_LENGTH}–${COMPANY_NAME_MAX_LENGTH} characters).`;
	}
	if (!/\p{L}/u.test(name)) {
		return 'The company name must contain letters, not only digits, punctuation or symbols.';
	}
	if (isOnlyLegalForm(name)) {
		return 'Enter the full company name, not only its legal form (such as Ltd or Kft.).';
	}
	if (hasRepeatedCharacters(name)) {
		return 'The company name has the same character 3 or more times in a row. Check it for typing mistakes.';
	}
	return undefined;
}

/** What is wrong with a domain prefix (any case), or `undefined`. */
export function domainPrefixError(
	domainPrefix: string,
	knownDomainPrefixes: readonly string[] = []
): string | undefined {
	const prefix = domainPrefix.trim();
	if (prefix === '') {
		return "Enter the domain prefix: the first part of the customer's domain, like contoso in contoso.onmicrosoft.com.";
	}
	if (!/^[A-Za-z0-9]+$/.test(prefix)) {
		return 'Use only letters a–z and digits 0–9 in the domain prefix (like contoso in contoso.onmicrosoft.com): no spaces, dots, hyphens or accents.';
	}
	if (prefix.length > DOMAIN_PREFIX_MAX_LENGTH) {
		return `The domain prefix in ${domainName(prefix.toLowerCase())} is too long: use at most ${DOMAIN_PREFIX_MAX_LENGTH} characters (now ${prefix.length}).`;
	}
	const lower = prefix.toLowerCase();
	if (knownDomainPrefixes.some((known) => known.trim().toLowerCase() === lower)) {
		return `${domainName(lower)} is already taken. Choose another domain prefix.`;
	}
	return undefined;
}

function personNameError(name: string, which: 'first' | 'last'): string | undefined {
	if (name.length < 1 || name.length > PERSON_NAME_MAX_LENGTH) {
		return `Enter the contact's ${which} name (1–${PERSON_NAME_MAX_LENGTH} characters).`;
	}
	if (isPlaceholderName(name)) {
		return `Enter the contact's real ${which} name, not a placeholder such as Test or N/A.`;
	}
	return undefined;
}

/** The number of digits a phone number has. */
function digitCount(phone: string): number {
	return phone.replace(/\D/g, '').length;
}

/** What is wrong with a phone number that was filled in, or `undefined`. */
export function phoneError(phone: string): string | undefined {
	const value = phone.trim();
	const digits = digitCount(value);
	if (
		value.length > PHONE_MAX_LENGTH ||
		!/^\+?[0-9 ()-]+$/.test(value) ||
		digits < 6 ||
		digits > 20
	) {
		return 'Enter a phone number with 6–20 digits. You can use spaces, a leading +, dashes and brackets, like +36 1 555 0101.';
	}
	return undefined;
}

function isPartnerEmail(email: string, partnerDomains: readonly string[]): boolean {
	const domain = emailDomain(email);
	return partnerDomains.some((partner) => {
		const p = partner.trim().toLowerCase().replace(/^@/, '');
		return p !== '' && (domain === p || domain.endsWith(`.${p}`));
	});
}

/**
 * Checks the details of a new customer and returns them trimmed and normalised: domain prefix in
 * lower case, country in upper case, state as its code, postal code in the country's format.
 * Every wrong field gets a message, keyed by its path ('contact.email').
 */
export function validateCustomerDetails(
	input: CustomerDetailsInput,
	ctx: CustomerRulesContext
): Validation<CustomerDetailsInput> {
	const errors: FieldErrors = {};
	const country = input.address.country.trim().toUpperCase();
	const value: CustomerDetailsInput = {
		companyName: input.companyName.trim(),
		domainPrefix: input.domainPrefix.trim().toLowerCase(),
		address: {
			line1: input.address.line1.trim(),
			line2: input.address.line2.trim(),
			city: input.address.city.trim(),
			state: input.address.state.trim(),
			postalCode: input.address.postalCode.trim(),
			country
		},
		contact: {
			firstName: input.contact.firstName.trim(),
			lastName: input.contact.lastName.trim(),
			email: input.contact.email.trim(),
			phone: input.contact.phone.trim()
		},
		organisationRegistrationNumber: input.organisationRegistrationNumber.trim(),
		cloud: input.cloud
	};

	const companyError = companyNameError(value.companyName);
	if (companyError) errors.companyName = companyError;

	const prefixError = domainPrefixError(input.domainPrefix, ctx.knownDomainPrefixes);
	if (prefixError) errors.domainPrefix = prefixError;

	// Country first: the address and contact rules depend on it.
	const countryKnown = /^[A-Z]{2}$/.test(country) && isKnownCountry(country);
	if (country === '') {
		errors['address.country'] = 'Choose the country/region.';
	} else if (!countryKnown) {
		errors['address.country'] = 'Choose a country/region from the list.';
	}
	const place = countryKnown ? countryName(country) : country;

	const { address } = value;
	if (address.line1 === '' || address.line1.length > ADDRESS_LINE_MAX_LENGTH) {
		errors['address.line1'] =
			`Enter the street address (up to ${ADDRESS_LINE_MAX_LENGTH} characters).`;
	}
	if (address.line2.length > ADDRESS_LINE_MAX_LENGTH) {
		errors['address.line2'] =
			`Address line 2 can be at most ${ADDRESS_LINE_MAX_LENGTH} characters.`;
	}
	if (address.city === '' || address.city.length > CITY_MAX_LENGTH) {
		errors['address.city'] = `Enter the city (up to ${CITY_MAX_LENGTH} characters).`;
	}

	if (countryKnown) {
		const postal = checkPostalCode(country, address.postalCode, place);
		if (postal.ok) address.postalCode = postal.value;
		else errors['address.postalCode'] = postal.error;
	} else if (address.postalCode.length > 20) {
		errors['address.postalCode'] = 'The postal code can be at most 20 characters.';
	}

	if (countryKnown && statesFor(country)) {
		const word = stateLabel(country);
		const code = findStateCode(country, address.state);
		if (address.state === '') {
			errors['address.state'] = `Choose the ${word} (required for ${place}).`;
		} else if (code === undefined) {
			errors['address.state'] = `Choose a ${word} of ${place} from the list.`;
		} else {
			address.state = code;
		}
	} else if (address.state.length > STATE_MAX_LENGTH) {
		errors['address.state'] = `The state or region can be at most ${STATE_MAX_LENGTH} characters.`;
	}

	const { contact } = value;
	const firstError = personNameError(contact.firstName, 'first');
	if (firstError) errors['contact.firstName'] = firstError;
	const lastError = personNameError(contact.lastName, 'last');
	if (lastError) errors['contact.lastName'] = lastError;

	if (contact.email === '') {
		errors['contact.email'] = "Enter the email address of the customer's contact.";
	} else if (!isValidEmail(contact.email)) {
		errors['contact.email'] = 'Enter a valid email address, like name@example.com.';
	} else if (isPartnerEmail(contact.email, ctx.partnerEmailDomains)) {
		errors['contact.email'] =
			"Use the customer's own email address, not the partner's: the customer receives the account details.";
	}

	const strict = countryKnown && requiresPhoneAndRegistration(country);
	if (contact.phone === '') {
		if (strict) {
			errors['contact.phone'] = `Enter the contact's phone number (required for ${place}).`;
		}
	} else {
		const error = phoneError(contact.phone);
		if (error) errors['contact.phone'] = error;
	}

	const registration = value.organisationRegistrationNumber;
	if (registration === '') {
		if (strict) {
			errors.organisationRegistrationNumber = `Enter the organisation registration number (required for ${place}).`;
		}
	} else if (registration.length > REGISTRATION_NUMBER_MAX_LENGTH) {
		errors.organisationRegistrationNumber = `The organisation registration number can be at most ${REGISTRATION_NUMBER_MAX_LENGTH} characters.`;
	} else if (!/[\p{L}\p{N}]/u.test(registration)) {
		errors.organisationRegistrationNumber =
			"Enter the organisation registration number as written on the company's registration.";
	}

	if (!(clouds as readonly string[]).includes(value.cloud)) {
		errors.cloud =
			'Choose the cloud: public cloud, Microsoft Cloud Germany or Microsoft Cloud for US Government.';
	}

	return Object.keys(errors).length > 0 ? invalid(errors) : valid(value);
}
