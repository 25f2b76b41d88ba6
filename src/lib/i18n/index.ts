export {
	t,
	msg,
	currentLanguage,
	currentLocale,
	chooseLanguage,
	startLanguage,
	useLanguage
} from './i18n.svelte';
export { languages, type Language } from './languages';
export { translateMessage, translateErrors, translateLines } from './messages';
