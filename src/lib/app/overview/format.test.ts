import { afterEach, describe, expect, it } from 'vitest';
import { useLanguage } from '$lib/i18n/i18n.svelte';
import { customerPage, customersOfReseller, total, units } from './format';

describe('units', () => {
	it('says one and many, with thousands grouped', () => {
		expect(units.customers(1)).toBe('1 customer');
		expect(units.customers(0)).toBe('0 customers');
		expect(units.licences(1250)).toBe('1,250 licences');
		expect(units.subscriptions(1)).toBe('1 subscription');
		expect(units.invitations(2)).toBe('2 invitations');
		expect(units.partnerships(1)).toBe('1 partnership');
		expect(units.daysLeft(1)).toBe('1 day left');
		expect(units.daysLeft(30)).toBe('30 days left');
	});
});

describe('units in other languages', () => {
	afterEach(async () => {
		await useLanguage('en');
	});

	it('uses the plural forms and the number format of the language', async () => {
		const spaced = (text: string) => text.replace(/\s/g, ' ');
		await useLanguage('pl');
		expect(units.invitations(1)).toBe('1 zaproszenie');
		expect(units.invitations(3)).toBe('3 zaproszenia');
		expect(units.invitations(5)).toBe('5 zaproszeń');
		expect(units.licences(1250)).toBe('1250 licencji');
		expect(spaced(units.licences(12500))).toBe('12 500 licencji');
		expect(units.daysLeft(2)).toBe('pozostały 2 dni');
		await useLanguage('ru');
		expect(units.daysLeft(21)).toBe('остался 21 день');
		expect(units.partnerships(5)).toBe('5 партнерств');
		await useLanguage('hu');
		expect(units.customers(2)).toBe('2 ügyfél');
		expect(units.subscriptions(1)).toBe('1 előfizetés');
	});
});

describe('links', () => {
	it('leads to the Customers page filtered by reseller, direct customers included', () => {
		expect(customersOfReseller('demo-reseller-1')).toBe('/customers?reseller=demo-reseller-1');
		expect(customersOfReseller('')).toBe('/customers?reseller=');
		expect(customersOfReseller('a&b')).toBe('/customers?reseller=a%26b');
	});

	it("leads to a customer's page", () => {
		expect(customerPage('demo-customer-1')).toBe('/customers/demo-customer-1');
	});
});

describe('total', () => {
	it('adds up the values', () => {
		expect(total([])).toBe(0);
		expect(
			total([
				{ key: 'a', label: 'A', value: 2 },
				{ key: 'b', label: 'B', value: 3 }
			])
		).toBe(5);
	});
});
