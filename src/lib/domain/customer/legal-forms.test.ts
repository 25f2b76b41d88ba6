import { describe, expect, it } from 'vitest';
import { isOnlyLegalForm, legalForms } from './legal-forms';

describe('isOnlyLegalForm', () => {
	it.each([
		'LLC',
		'llc',
		'L.L.C.',
		'Inc',
		'Inc.',
		'INC.',
		'Ltd',
		'Ltd.',
		'ltd',
		'GmbH',
		'GMBH',
		'AG',
		'Kft',
		'Kft.',
		'kft.',
		'Zrt',
		'Zrt.',
		'Nyrt',
		'Bt',
		'Bt.',
		'Sp. z o.o.',
		'sp. z o. o.',
		'SP.Z O.O.',
		'S.A.',
		'SA',
		'ООО',
		'ооо',
		'«ООО»',
		'АО',
		'ЗАО',
		'ПАО',
		'ОАО',
		'ИП',
		'LLP',
		'PLC',
		'Corp',
		'Co.',
		'SRL',
		'S.R.L.',
		'BV',
		'NV',
		'Oy',
		'AB',
		'AS',
		's.r.o.',
		'a.s.',
		'ТОВ',
		'ТОО',
		'd.o.o.'
	])('recognises %j', (name) => {
		expect(isOnlyLegalForm(name)).toBe(true);
	});

	it.each([
		'GmbH & Co. KG',
		'Co., Ltd.',
		'Pty Ltd',
		'Kft. Bt.',
		'Ltd Inc',
		'S.A. de C.V.',
		' Ltd. '
	])('recognises a combination of legal forms: %j', (name) => {
		expect(isOnlyLegalForm(name)).toBe(true);
	});

	it('matches Cyrillic and Latin look-alikes in any mix', () => {
		expect(isOnlyLegalForm('OOO')).toBe(true); // Latin O
		expect(isOnlyLegalForm('OОO')).toBe(true); // Latin, Cyrillic, Latin
		expect(isOnlyLegalForm('AО')).toBe(true); // Latin A, Cyrillic О
	});

	it.each([
		'Contoso Ltd',
		'Kovács és Társa Kft.',
		'Северный Ветер ООО',
		'ООО Ромашка',
		'Asab',
		'Ltdx',
		'Incorporated Widgets',
		'Fabrikam',
		'',
		'   ',
		'...'
	])('does not flag a real name (or nothing): %j', (name) => {
		expect(isOnlyLegalForm(name)).toBe(false);
	});

	it('reads words whole: a legal form glued to a name is a name', () => {
		expect(isOnlyLegalForm('KftBt')).toBe(false);
		expect(isOnlyLegalForm('Kft Bt')).toBe(true);
	});

	it('has every listed form recognised on its own', () => {
		for (const form of legalForms) expect(isOnlyLegalForm(form)).toBe(true);
	});
});
