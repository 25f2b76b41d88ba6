interface PostalCodeRule {
	/** Matched against the upper-cased value with single spaces. */
	pattern: RegExp;
	/** A real postal code of the country, shown in messages. */
	example: string;
	/** Whether the postal code must be filled in for the country. */
	required: boolean;
	/** Writes a matching value the way the country's post writes it. */
	format?: (value: string) => string;
}

const digits = (count: number, example: string): PostalCodeRule => ({
	pattern: new RegExp(`^\\d{${count}}$`),
	example,
	required: true
});

const withoutSpaces = (value: string) => value.replace(/[\s-]/g, '');
/** `NNNNN` or `NNN NN` → `NNN NN` (Czechia, Slovakia, Sweden). */
const spaceAfter3 = (value: string) => withoutSpaces(value).replace(/^(\d{3})/, '$1 ');
/** Inserts one space before the last three characters (UK postcodes, Canada, Eircode after 3). */
const spaceBeforeLast3 = (value: string) => withoutSpaces(value).replace(/(.{3})$/, ' $1');

/**
 * Postal code formats of the countries where we know them. Separators are forgiven on input
 * (`1012AB`, `00950`) and written the standard way on output (`1012 AB`, `00-950`).
 */
const rules: Record<string, PostalCodeRule> = {
	AT: { pattern: /^[1-9]\d{3}$/, example: '1010', required: true },
	AU: digits(4, '2000'),
	BE: { pattern: /^[1-9]\d{3}$/, example: '1000', required: true },
	BG: digits(4, '1000'),
	BY: digits(6, '220030'),
	CA: {
		pattern: /^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d$/,
		example: 'K1A 0B1',
		required: true,
		format: spaceBeforeLast3
	},
	CH: { pattern: /^[1-9]\d{3}$/, example: '8001', required: true },
	CZ: { pattern: /^\d{3} ?\d{2}$/, example: '110 00', required: true, format: spaceAfter3 },
	DE: digits(5, '10115'),
	DK: digits(4, '1050'),
	ES: { pattern: /^(0[1-9]|[1-4]\d|5[0-2])\d{3}$/, example: '28001', required: true },
	FI: digits(5, '00100'),
	FR: digits(5, '75001'),
	GB: {
		pattern: /^([A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|GIR ?0AA)$/,
		example: 'SW1A 1AA',
		required: true,
		format: spaceBeforeLast3
	},
	HR: digits(5, '10000'),
	HU: { pattern: /^[1-9]\d{3}$/, example: '1051', required: true },
	IE: {
		// Eircode: routing key + unique identifier. Optional: not every address has one in use.
		pattern: /^([AC-FHKNPRTV-Y]\d{2}|D6W) ?[0-9AC-FHKNPRTV-Y]{4}$/,
		example: 'D02 X285',
		required: false,
		format: (value) => withoutSpaces(value).replace(/^(.{3})/, '$1 ')
	},
	IN: {
		pattern: /^[1-9]\d{2} ?\d{3}$/,
		example: '110001',
		required: true,
		format: withoutSpaces
	},
	IT: digits(5, '00100'),
	JP: {
		pattern: /^\d{3}[- ]?\d{4}$/,
		example: '100-0001',
		required: true,
		format: (value) => withoutSpaces(value).replace(/^(\d{3})/, '$1-')
	},
	KZ: { pattern: /^(\d{6}|[A-Z]\d{2}[A-Z]\d[A-Z]\d)$/, example: '050000', required: true },
	NL: {
		pattern: /^[1-9]\d{3} ?[A-Z]{2}$/,
		example: '1012 AB',
		required: true,
		format: (value) => withoutSpaces(value).replace(/^(\d{4})/, '$1 ')
	},
	NO: digits(4, '0150'),
	PL: {
		pattern: /^\d{2}[- ]?\d{3}$/,
		example: '00-950',
		required: true,
		format: (value) => withoutSpaces(value).replace(/^(\d{2})/, '$1-')
	},
	PT: {
		pattern: /^[1-9]\d{3}[- ]?\d{3}$/,
		example: '1000-001',
		required: true,
		format: (value) => withoutSpaces(value).replace(/^(\d{4})/, '$1-')
	},
	RO: digits(6, '010011'),
	RS: digits(5, '11000'),
	RU: digits(6, '101000'),
	SE: { pattern: /^[1-9]\d{2} ?\d{2}$/, example: '111 22', required: true, format: spaceAfter3 },
	SI: digits(4, '1000'),
	SK: { pattern: /^\d{3} ?\d{2}$/, example: '811 01', required: true, format: spaceAfter3 },
	UA: digits(5, '01001'),
	US: {
		pattern: /^\d{5}([- ]?\d{4})?$/,
		example: '98052',
		required: true,
		format: (value) => withoutSpaces(value).replace(/^(\d{5})(?=\d)/, '$1-')
	}
};

/** Longest postal code stored (see `addressSchema.postalCode`). */
export const POSTAL_CODE_MAX_LENGTH = 20;

/**
 * The pattern of each country's postal codes, as source text (the server checks stored customers
 * with the same patterns: server/validation.js RULE_DATA.postalCodePatterns).
 */
export const postalCodePatterns: Readonly<Record<string, string>> = Object.fromEntries(
	Object.entries(rules).map(([country, rule]) => [country, rule.pattern.source])
);

/** The countries whose postal codes are checked against a known format. */
export const countriesWithPostalCodeRule: readonly string[] = Object.keys(rules).sort();

/** What the app knows about a country's postal codes, or `undefined` when it has no rule. */
export function postalCodeRuleFor(
	country: string
): { example: string; required: boolean } | undefined {
	const rule = rules[country.trim().toUpperCase()];
	return rule ? { example: rule.example, required: rule.required } : undefined;
}

/**
 * Checks a postal code for a country and writes it the standard way (upper case, the country's
 * separator). `countryName` is only used in messages.
 */
export function checkPostalCode(
	country: string,
	postalCode: string,
	countryName = country
): { ok: true; value: string } | { ok: false; error: string } {
	const value = postalCode.trim().replace(/\s+/g, ' ').toUpperCase();
	const rule = rules[country.trim().toUpperCase()];
	if (!rule) {
		return value.length > POSTAL_CODE_MAX_LENGTH
			? {
					ok: false,
					error: `The postal code can be at most ${POSTAL_CODE_MAX_LENGTH} characters.`
				}
			: { ok: true, value };
	}
	if (value === '') {
		return rule.required
			? {
					ok: false,
					error: `Enter the postal code (required for ${countryName}, like ${rule.example}).`
				}
			: { ok: true, value };
	}
	if (!rule.pattern.test(value)) {
		return {
			ok: false,
			error: `Enter a valid postal code for ${countryName}, like ${rule.example}.`
		};
	}
	return { ok: true, value: rule.format ? rule.format(value) : value };
}
