/** A first-level subdivision people choose from a list (state, province or territory). */
export interface State {
	code: string;
	name: string;
}

/** The 50 states and the District of Columbia, with their USPS codes. */
const unitedStates: State[] = [
	{ code: 'AL', name: 'Alabama' },
	{ code: 'AK', name: 'Alaska' },
	{ code: 'AZ', name: 'Arizona' },
	{ code: 'AR', name: 'Arkansas' },
	{ code: 'CA', name: 'California' },
	{ code: 'CO', name: 'Colorado' },
	{ code: 'CT', name: 'Connecticut' },
	{ code: 'DE', name: 'Delaware' },
	{ code: 'DC', name: 'District of Columbia' },
	{ code: 'FL', name: 'Florida' },
	{ code: 'GA', name: 'Georgia' },
	{ code: 'HI', name: 'Hawaii' },
	{ code: 'ID', name: 'Idaho' },
	{ code: 'IL', name: 'Illinois' },
	{ code: 'IN', name: 'Indiana' },
	{ code: 'IA', name: 'Iowa' },
	{ code: 'KS', name: 'Kansas' },
	{ code: 'KY', name: 'Kentucky' },
	{ code: 'LA', name: 'Louisiana' },
	{ code: 'ME', name: 'Maine' },
	{ code: 'MD', name: 'Maryland' },
	{ code: 'MA', name: 'Massachusetts' },
	{ code: 'MI', name: 'Michigan' },
	{ code: 'MN', name: 'Minnesota' },
	{ code: 'MS', name: 'Mississippi' },
	{ code: 'MO', name: 'Missouri' },
	{ code: 'MT', name: 'Montana' },
	{ code: 'NE', name: 'Nebraska' },
	{ code: 'NV', name: 'Nevada' },
	{ code: 'NH', name: 'New Hampshire' },
	{ code: 'NJ', name: 'New Jersey' },
	{ code: 'NM', name: 'New Mexico' },
	{ code: 'NY', name: 'New York' },
	{ code: 'NC', name: 'North Carolina' },
	{ code: 'ND', name: 'North Dakota' },
	{ code: 'OH', name: 'Ohio' },
	{ code: 'OK', name: 'Oklahoma' },
	{ code: 'OR', name: 'Oregon' },
	{ code: 'PA', name: 'Pennsylvania' },
	{ code: 'RI', name: 'Rhode Island' },
	{ code: 'SC', name: 'South Carolina' },
	{ code: 'SD', name: 'South Dakota' },
	{ code: 'TN', name: 'Tennessee' },
	{ code: 'TX', name: 'Texas' },
	{ code: 'UT', name: 'Utah' },
	{ code: 'VT', name: 'Vermont' },
	{ code: 'VA', name: 'Virginia' },
	{ code: 'WA', name: 'Washington' },
	{ code: 'WV', name: 'West Virginia' },
	{ code: 'WI', name: 'Wisconsin' },
	{ code: 'WY', name: 'Wyoming' }
];

/** The 10 provinces and 3 territories, with their Canada Post codes. */
const canada: State[] = [
	{ code: 'AB', name: 'Alberta' },
	{ code: 'BC', name: 'British Columbia' },
	{ code: 'MB', name: 'Manitoba' },
	{ code: 'NB', name: 'New Brunswick' },
	{ code: 'NL', name: 'Newfoundland and Labrador' },
	{ code: 'NS', name: 'Nova Scotia' },
	{ code: 'NT', name: 'Northwest Territories' },
	{ code: 'NU', name: 'Nunavut' },
	{ code: 'ON', name: 'Ontario' },
	{ code: 'PE', name: 'Prince Edward Island' },
	{ code: 'QC', name: 'Quebec' },
	{ code: 'SK', name: 'Saskatchewan' },
	{ code: 'YT', name: 'Yukon' }
];

/** The 6 states and 2 mainland territories. */
const australia: State[] = [
	{ code: 'ACT', name: 'Australian Capital Territory' },
	{ code: 'NSW', name: 'New South Wales' },
	{ code: 'NT', name: 'Northern Territory' },
	{ code: 'QLD', name: 'Queensland' },
	{ code: 'SA', name: 'South Australia' },
	{ code: 'TAS', name: 'Tasmania' },
	{ code: 'VIC', name: 'Victoria' },
	{ code: 'WA', name: 'Western Australia' }
];

const statesByCountry: Record<string, State[]> = { US: unitedStates, CA: canada, AU: australia };

/** What the subdivision is called in a country, for messages and labels. */
const stateWord: Record<string, string> = {
	US: 'state',
	CA: 'province or territory',
	AU: 'state or territory'
};

/**
 * The list a state must be chosen from in a country (where the state is required), or
 * `undefined` when the country has no such list (the state is then free text and optional).
 */
export function statesFor(country: string): State[] | undefined {
	return statesByCountry[country.trim().toUpperCase()];
}

/** The word for the country's subdivision ('state', 'province or territory'…); 'state' by default. */
export function stateLabel(country: string): string {
	return stateWord[country.trim().toUpperCase()] ?? 'state';
}

/**
 * The code of a state in a country's list, found by code or by English name (any case, outer
 * spaces ignored); `undefined` when it is not in the list or the country has none.
 */
export function findStateCode(country: string, state: string): string | undefined {
	const list = statesFor(country);
	if (!list) return undefined;
	const wanted = state.trim().replace(/\s+/g, ' ').toUpperCase();
	if (wanted === '') return undefined;
	return list.find((s) => s.code === wanted || s.name.toUpperCase() === wanted)?.code;
}
