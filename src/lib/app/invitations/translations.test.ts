/**
 * The invitation drafts and the invitation messages in Hungarian, Polish and Russian: every line
 * of a draft is translated but the link and the signature, the link stays intact (the draft still
 * passes the rule), and the activity summaries and refusals read in the language.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { clouds } from '$lib/domain/customer/schema';
import {
	draftNewCustomerInvitationEmail,
	draftResellerRelationshipEmail,
	validateInvitationDraft
} from '$lib/domain/reseller-relationship/rules';
import { translateLines, translateMessage, useLanguage } from '$lib/i18n';

afterEach(async () => {
	await useLanguage('en');
});

const RESELLER = 'Budapest Cloud Partners Kft.';
const LINK =
	'https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=3f2a9c7e-5b1d-4e8a-9c6f-1d2e3f4a5b6c&msppId=0&DAP=true#/BillingAccounts/partner-invitation';

const drafts = clouds.flatMap((cloud) =>
	[true, false].flatMap((delegatedAdminPrivileges) =>
		['Márta Farkas', ''].flatMap((contactName) => {
			const input = {
				resellerName: RESELLER,
				customerName: 'Soproni Textil Zrt.',
				contactName,
				link: LINK,
				delegatedAdminPrivileges,
				cloud
			};
			return [
				draftResellerRelationshipEmail(input),
				draftNewCustomerInvitationEmail({ ...input, providerName: 'Contoso Distribution CEE' })
			];
		})
	)
);

describe.each(['hu', 'pl', 'ru'] as const)('in %s', (language) => {
	it('translates every line of the drafts but the link and the signature', async () => {
		await useLanguage(language);
		for (const draft of drafts) {
			expect(translateMessage(draft.subject)).not.toBe(draft.subject);
			const english = draft.body.split('\n');
			const translated = translateLines(draft.body).split('\n');
			expect(translated).toHaveLength(english.length);
			english.forEach((line, index) => {
				if (line === '' || line === LINK || line === RESELLER) {
					expect(translated[index]).toBe(line);
				} else {
					expect(translated[index], line).not.toBe(line);
				}
			});
			expect(validateInvitationDraft(translateLines(draft.body), LINK).ok).toBe(true);
		}
	});

	it('translates the activity summaries and refusals of invitations', async () => {
		await useLanguage(language);
		const messages = [
			'Requested a reseller relationship with Soproni Textil Zrt. (with delegated admin privileges)',
			'Requested a reseller relationship with Soproni Textil Zrt.',
			'Invited Tatai Tejüzem Kft. to a relationship with Budapest Cloud Partners Kft. and Contoso Distribution CEE',
			'Tatai Tejüzem Kft. accepted the invitation (Global admin Réka Fehér, Microsoft Customer Agreement accepted)',
			'Tatai Tejüzem Kft. accepted the invitation (Global admin Réka Fehér)',
			'Soproni Textil Zrt. accepted the reseller relationship (Global admin Márta Farkas, Microsoft Customer Agreement accepted)',
			'Soproni Textil Zrt. accepted the reseller relationship (Global admin Márta Farkas)',
			'Soproni Textil Zrt. accepted the reseller relationship',
			'Added customer Tatai Tejüzem Kft. (tataitejuzem.onmicrosoft.com), who accepted the invitation',
			'Withdrew the invitation to Soproni Textil Zrt.',
			'Only an indirect reseller invites customers to a reseller relationship.',
			'Choose one of your indirect providers.',
			'This invitation no longer exists on this device.'
		];
		for (const message of messages) {
			const translated = translateMessage(message);
			expect(translated, message).not.toBe(message);
			for (const name of ['Soproni Textil Zrt.', 'Tatai Tejüzem Kft.', 'Réka Fehér']) {
				if (message.includes(name)) expect(translated).toContain(name);
			}
		}
		// The more specific sentence wins: the privileges are not lost in the translation.
		expect(
			translateMessage(
				'Requested a reseller relationship with Soproni Textil Zrt. (with delegated admin privileges)'
			)
		).not.toBe(translateMessage('Requested a reseller relationship with Soproni Textil Zrt.'));
	});
});
