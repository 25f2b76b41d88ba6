import { afterEach, describe, expect, it } from 'vitest';
import { customerInput, context } from '$lib/domain/customer/rules.fixtures';
import { companyNameError, validateCustomerDetails } from '$lib/domain/customer/rules';
import { offerCatalog } from '$lib/domain/offer/catalog';
import { draftPartnershipEmail, removePartnership } from '$lib/domain/partnership/rules';
import type { Partnership } from '$lib/domain/partnership/schema';
import { validateQuantity } from '$lib/domain/subscription/rules';
import { DomainError } from '$lib/domain/shared/result';
import { describeWriteError } from '$lib/services/write-errors';
import { whereToAcceptText } from '$lib/domain/invitation/rules';
import { countryError } from '$lib/domain/reseller-relationship/rules';
import { useLanguage } from './i18n.svelte';
import {
	patternOf,
	patternsOf,
	translateErrors,
	translateLines,
	translateMessage
} from './messages';

afterEach(async () => {
	await useLanguage('en');
});

function errorsOf(overrides: Parameters<typeof customerInput>[0]) {
	const result = validateCustomerDetails(customerInput(overrides), context);
	if (result.ok) throw new Error('expected errors');
	return result.errors;
}

describe('patterns of keys with placeholders', () => {
	it('match a message and take out its values', () => {
		const pattern = patternOf('{{domain}} is already taken. Choose another domain prefix.');
		expect(pattern?.names).toEqual(['domain']);
		expect(
			pattern?.regex.exec(
				'contoso.onmicrosoft.com is already taken. Choose another domain prefix.'
			)?.[1]
		).toBe('contoso.onmicrosoft.com');
		expect(patternOf('Choose an offer.')).toBeUndefined();
	});

	it('try the most specific key first', () => {
		const keys = patternsOf({
			'Changed {{field}} of a subscription': 'a',
			'Enter a number of licences from {{min}} to {{max}}.': 'b',
			'{{count}} customers_one': 'c'
		}).map((p) => p.key);
		expect(keys).toEqual([
			'Enter a number of licences from {{min}} to {{max}}.',
			'Changed {{field}} of a subscription',
			'{{count}} customers'
		]);
	});
});

describe('translateMessage', () => {
	it('leaves messages as they are in English', () => {
		expect(translateMessage(companyNameError('A'))).toBe(
			'Enter the company name (2–255 characters).'
		);
		expect(translateMessage(undefined)).toBeUndefined();
	});

	it('translates a fixed message of a rule', async () => {
		await useLanguage('hu');
		expect(translateMessage(companyNameError('123'))).toBe(
			'A cégnévnek betűket kell tartalmaznia, nem csak számjegyeket, írásjeleket vagy szimbólumokat.'
		);
	});

	it('puts the values of a message into the translation', async () => {
		await useLanguage('pl');
		const errors = errorsOf({ domainPrefix: 'Contoso' });
		expect(translateMessage(errors.domainPrefix)).toBe(
			'Domena contoso.onmicrosoft.com jest już zajęta. Wybierz inny prefiks domeny.'
		);
		expect(translateMessage(errorsOf({ companyName: 'A' }).companyName)).toBe(
			'Wprowadź nazwę firmy (2–255 znaków).'
		);
	});

	it('names the country/region in the language', async () => {
		await useLanguage('ru');
		const errors = errorsOf({ address: { postalCode: '' } });
		expect(translateMessage(errors['address.postalCode'])).toMatch(
			/^Введите почтовый индекс \(обязательно для: Венгрия, например \d{4}\)\.$/
		);
	});

	it('writes numbers of a message with the language’s separators', async () => {
		await useLanguage('hu');
		const offer = offerCatalog.find((o) => o.maxQuantity >= 1000 && o.unitType !== 'usage-based');
		expect(offer).toBeDefined();
		const message = validateQuantity(offer!, offer!.maxQuantity + 1);
		expect(translateMessage(message)).toMatch(
			new RegExp(`^A\\(z\\) ${offer!.name} licenceinek száma \\d+ és [\\d\\s]+ között lehet\\.$`)
		);
		expect(translateMessage(message)).not.toContain(',');
	});

	it('translates a domain error and a storage error', async () => {
		await useLanguage('ru');
		const removed = {
			status: 'removed',
			requestedAt: '2025-01-01T10:00:00.000Z'
		} as unknown as Partnership;
		let error: unknown;
		try {
			removePartnership(removed, {
				removedAt: '2025-02-01T10:00:00.000Z',
				removedBy: 'u1',
				attested: true
			});
		} catch (thrown) {
			error = thrown;
		}
		expect(error).toBeInstanceOf(DomainError);
		expect(translateMessage((error as Error).message)).toBe('Это партнерство уже удалено.');
		expect(translateMessage(describeWriteError(new Error('disk I/O')))).toBe(
			'Не удалось сохранить это изменение на устройстве: disk I/O. Введенные данные сохранены; повторите попытку.'
		);
	});

	it('translates the rules of the reseller side, countries and days included', async () => {
		await useLanguage('pl');
		expect(translateMessage(countryError('RU', 'PL', 'Volga Digital'))).toBe(
			'O relację odsprzedawcy możesz poprosić tylko klientów z Twojego kraju/regionu (Polska). Klient Volga Digital jest w kraju/regionie: Rosja.'
		);
		expect(translateMessage(countryError('RU', 'PL', ''))).toBe(
			'O relację odsprzedawcy możesz poprosić tylko klientów z Twojego kraju/regionu (Polska). Ten klient jest w kraju/regionie: Rosja.'
		);
		expect(translateMessage(whereToAcceptText('us-government'))).toBe(
			'Administrator globalny klienta akceptuje to zaproszenie w portalu administracyjnym pakietu Microsoft Office (Microsoft Cloud for US Government).'
		);
		await useLanguage('hu');
		expect(
			translateMessage(
				'This invitation expired on 2025-06-01, 90 days after it was sent, so it cannot be accepted. Send a new invitation instead.'
			)
		).toBe(
			'Ez a meghívás 2025. jún. 1. napon lejárt, 90 nappal az elküldése után, ezért nem fogadható el. Küldjön helyette új meghívást.'
		);
	});

	it('leaves a message the catalog does not know in English', async () => {
		await useLanguage('pl');
		expect(translateMessage('[csp:forbidden] Not allowed.')).toBe('[csp:forbidden] Not allowed.');
	});

	it('translates each field error', async () => {
		await useLanguage('hu');
		const errors = translateErrors(errorsOf({ companyName: '', contact: { lastName: 'Test' } }));
		expect(errors.companyName).toBe('Adja meg a cégnevet (2–255 karakter).');
		expect(errors['contact.lastName']).toBe(
			'Adja meg a kapcsolattartó valódi vezetéknevét, ne helyőrzőt, például Test vagy N/A.'
		);
	});
});

describe('translateLines', () => {
	it('writes the partnership email in the language and keeps the link and the names', async () => {
		const link = 'https://field.example.com/invitations/partnership/abc';
		const { body } = draftPartnershipEmail({
			providerName: 'Contoso Distribution',
			resellerName: 'Wisła IT',
			link
		});
		await useLanguage('pl');
		const lines = translateLines(body).split('\n');
		expect(lines[0]).toBe('Dzień dobry, zespole Wisła IT,');
		expect(lines).toContain(link);
		expect(lines).toContain('Z pozdrowieniami');
		expect(lines.at(-1)).toBe('Contoso Distribution');
		expect(lines.length).toBe(body.split('\n').length);
	});

	it('leaves the text as it is in English', () => {
		expect(translateLines('Hello X team,\n\nKind regards,')).toBe('Hello X team,\n\nKind regards,');
	});
});
