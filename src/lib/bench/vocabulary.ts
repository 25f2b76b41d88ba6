/**
 * Words the benchmark builds company names from, per market, so that 10,000 generated customers
 * look like a provider's real customer base (and name searches hit realistic spreads).
 */
export interface MarketWords {
	countries: string[];
	prefixes: string[];
	cores: string[];
	legalForms: string[];
}

export const marketWords: MarketWords[] = [
	{
		countries: ['HU'],
		prefixes: [
			'Alföldi',
			'Budai',
			'Pesti',
			'Dunai',
			'Tiszai',
			'Balatoni',
			'Mátrai',
			'Bakonyi',
			'Hajdú',
			'Somogyi',
			'Zalai',
			'Nyírségi',
			'Kisalföldi',
			'Mecseki',
			'Hegyvidéki',
			'Északi'
		],
		cores: [
			'Informatika',
			'Kereskedelmi',
			'Építőipari',
			'Logisztika',
			'Pékség',
			'Szoftverház',
			'Könyvelő Iroda',
			'Vendéglátó',
			'Gépgyártó',
			'Agrár',
			'Nyomda',
			'Fogászat',
			'Ügyvédi Iroda',
			'Kerámia'
		],
		legalForms: ['Kft.', 'Zrt.', 'Bt.', 'Nyrt.']
	},
	{
		countries: ['PL'],
		prefixes: [
			'Mazowiecka',
			'Śląska',
			'Pomorska',
			'Wielkopolska',
			'Małopolska',
			'Podlaska',
			'Lubelska',
			'Warmińska',
			'Bałtycka',
			'Tatrzańska',
			'Kujawska',
			'Łódzka'
		],
		cores: [
			'Logistyka',
			'Biuro Rachunkowe',
			'Meble',
			'Medica',
			'Tekstylia',
			'Budownictwo',
			'Piekarnia',
			'Serwis IT',
			'Transport',
			'Kancelaria',
			'Drukarnia',
			'Hurtownia'
		],
		legalForms: ['Sp. z o.o.', 'S.A.', 'Sp.j.', 'Sp.k.']
	},
	{
		countries: ['RU', 'KZ'],
		prefixes: [
			'Северный',
			'Уральский',
			'Невский',
			'Сибирский',
			'Волжский',
			'Казанский',
			'Балтийский',
			'Донской',
			'Столичный',
			'Таёжный',
			'Камский',
			'Алтайский'
		],
		cores: [
			'Ветер',
			'Проект',
			'Агро',
			'Технологии',
			'Логистика',
			'Строй',
			'Софт',
			'Торг',
			'Медиа',
			'Энерго',
			'Транс',
			'Консалтинг'
		],
		legalForms: ['ООО', 'АО', 'ПАО', 'ИП']
	},
	{
		countries: ['UA'],
		prefixes: ['Київська', 'Львівська', 'Одеська', 'Дніпровська', 'Харківська', 'Карпатська'],
		cores: ['Логістика', 'Агро', 'Софт', 'Будівництво', 'Торгівля', 'Медіа'],
		legalForms: ['ТОВ', 'ПП', 'АТ']
	},
	{
		countries: ['AT', 'DE'],
		prefixes: [
			'Wiener',
			'Alpen',
			'Donau',
			'Hamburger',
			'Bayerische',
			'Rheinische',
			'Tiroler',
			'Berliner',
			'Schwäbische',
			'Steirische'
		],
		cores: [
			'Kaffeehaus',
			'Systemhaus',
			'Hafen Consulting',
			'Bäckerei',
			'Maschinenbau',
			'Steuerberatung',
			'Logistik',
			'Autohaus',
			'Baustoffe',
			'Druckerei'
		],
		legalForms: ['GmbH', 'AG', 'KG', 'GmbH & Co. KG']
	},
	{
		countries: ['CZ'],
		prefixes: ['Brněnské', 'Pražské', 'Moravské', 'Ostravské', 'Plzeňské', 'České'],
		cores: ['Strojírny', 'Pekárny', 'Stavby', 'Software', 'Logistika', 'Tiskárny'],
		legalForms: ['s.r.o.', 'a.s.']
	},
	{
		countries: ['RO'],
		prefixes: ['Cluj', 'Timiș', 'Carpați', 'Dunărea', 'Bucovina', 'Transilvania'],
		cores: ['Software', 'Construcții', 'Logistică', 'Agro', 'Comerț', 'Consultanță'],
		legalForms: ['SRL', 'SA']
	},
	{
		countries: ['GB', 'US'],
		prefixes: [
			'Bristol',
			'Seattle',
			'Harbor',
			'Northern',
			'Pacific',
			'Thames',
			'Highland',
			'Evergreen',
			'Summit',
			'Riverside',
			'Golden Gate',
			'Atlantic'
		],
		cores: [
			'Design Studio',
			'Outfitters',
			'Accounting',
			'Dental Care',
			'Logistics',
			'Builders',
			'Software',
			'Legal Services',
			'Bakery',
			'Print Works',
			'Consulting',
			'Engineering'
		],
		legalForms: ['Ltd', 'Inc.', 'LLC', 'PLC']
	}
];

/** Lower-case fragments people type into the customer search, across all markets. */
export const searchFragments: string[] = [
	'kft',
	'info',
	'logist',
	'bud',
	'pék',
	'sp. z',
	'meble',
	'śląsk',
	'serwis',
	'северн',
	'строй',
	'ооо',
	'софт',
	'gmbh',
	'wiener',
	'bau',
	'software',
	'harbor',
	'ltd',
	'consult',
	'a',
	'ar',
	'ka',
	'agro',
	'tiszai',
	'alpen',
	'design',
	'київ',
	'cluj',
	's.r.o',
	'xyzzy'
];
