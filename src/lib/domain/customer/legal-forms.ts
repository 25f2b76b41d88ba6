/**
 * Legal-form designations of companies in the markets we serve and beyond (written as people
 * write them; comparison ignores case, punctuation and spaces). A company name made of these
 * alone ("Kft.", "ООО", "GmbH & Co. KG") is not a name.
 */
export const legalForms: readonly string[] = [
	// English-speaking countries
	'LLC',
	'L.L.C.',
	'Inc',
	'Inc.',
	'Incorporated',
	'Ltd',
	'Ltd.',
	'Limited',
	'LLP',
	'LP',
	'PLC',
	'Corp',
	'Corp.',
	'Corporation',
	'Co.',
	'Company',
	'Pty',
	'Pty Ltd',
	// German-speaking countries
	'GmbH',
	'gGmbH',
	'AG',
	'KG',
	'OHG',
	'UG',
	'e.K.',
	'e.V.',
	'SE',
	// Hungary
	'Kft',
	'Kft.',
	'Zrt',
	'Zrt.',
	'Nyrt',
	'Nyrt.',
	'Rt.',
	'Bt',
	'Bt.',
	'Kkt.',
	'e.v.',
	// Poland
	'Sp. z o.o.',
	'S.A.',
	'SA',
	'Sp. j.',
	'Sp. k.',
	'Sp. p.',
	'S.K.A.',
	// Russia and neighbours (Cyrillic and the usual Latin spelling)
	'ООО',
	'OOO',
	'АО',
	'AO',
	'ЗАО',
	'ZAO',
	'ПАО',
	'PAO',
	'ОАО',
	'OAO',
	'ИП',
	'IP',
	'НКО',
	'АНО',
	'ТОВ',
	'ПП',
	'ФОП',
	'ПАТ',
	'ПрАТ',
	'ОДО',
	'ЧУП',
	'УП',
	'ТОО',
	'ЕООД',
	'ООД',
	'ЕАД',
	'АД',
	// Romania, Czechia, Slovakia, the Balkans
	'SRL',
	'S.R.L.',
	's.r.o.',
	'spol. s r.o.',
	'a.s.',
	'k.s.',
	'v.o.s.',
	'd.o.o.',
	'd.d.',
	'a.d.',
	// Benelux, the Nordics
	'BV',
	'B.V.',
	'NV',
	'N.V.',
	'VOF',
	'Oy',
	'Oyj',
	'AB',
	'AS',
	'ASA',
	'ApS',
	'A/S',
	// France, Italy, Spain, Portugal, Latin America, Türkiye
	'SAS',
	'SASU',
	'SARL',
	'EURL',
	'SNC',
	'S.p.A.',
	'S.r.l.',
	'S.n.c.',
	'S.a.s.',
	'S.L.',
	'S.L.U.',
	'Lda.',
	'S.A. de C.V.',
	'A.Ş.',
	'Ltd. Şti.'
];

/** Cyrillic letters that look like Latin ones, so that "OOO" typed in either script matches. */
const HOMOGLYPHS: Record<string, string> = {
	а: 'a',
	в: 'b',
	е: 'e',
	к: 'k',
	м: 'm',
	н: 'h',
	о: 'o',
	р: 'p',
	с: 'c',
	т: 't',
	у: 'y',
	х: 'x',
	і: 'i'
};

/** Lower case, without punctuation or spaces, with look-alike Cyrillic letters as Latin. */
function fold(text: string): string {
	return text
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]/gu, '')
		.replace(/[авекмнорстухі]/g, (ch) => HOMOGLYPHS[ch]);
}

const folded = new Set(legalForms.map(fold));

/**
 * Whether a company name is nothing but legal forms ("Ltd.", "GmbH & Co. KG", "Sp. z o.o."),
 * compared case-insensitively, ignoring punctuation and spaces. The name is read word by word:
 * every run of words must be a legal form, so "Kft. Bt." is one, "Asab" is not.
 */
export function isOnlyLegalForm(companyName: string): boolean {
	const words = companyName
		.split(/\s+/u)
		.map(fold)
		.filter((word) => word !== '');
	if (words.length === 0) return false;
	// reachable[i]: the first i words can be split into legal forms.
	const reachable: boolean[] = [true];
	for (let end = 1; end <= words.length; end++) {
		reachable[end] = false;
		for (let start = end - 1; start >= 0; start--) {
			if (reachable[start] && folded.has(words.slice(start, end).join(''))) {
				reachable[end] = true;
				break;
			}
		}
	}
	return reachable[words.length];
}
