import { describe, expect, it } from 'vitest';
import {
	createInvitationToken,
	draftKeepsLink,
	draftPartnershipEmail,
	invitationLink,
	mailtoHref,
	validatePartnershipDraft
} from './rules';
import { partnershipSchema } from './schema';

const link =
	'https://field.example/invitations/partnership/Zm9vYmFyLWJhei1xdXV4LTEyMzQ1Njc4OTAtX19f';

describe('createInvitationToken', () => {
	it('is 43 base64url characters (32 bytes, no padding)', () => {
		const token = createInvitationToken();
		expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
	});

	it('fits the schema of the stored token', () => {
		expect(partnershipSchema.shape.invitationToken.safeParse(createInvitationToken()).success).toBe(
			true
		);
	});

	it('decodes back to 32 bytes', () => {
		const token = createInvitationToken();
		expect(Buffer.from(token, 'base64url')).toHaveLength(32);
		expect(Buffer.from(token, 'base64url').toString('base64url')).toBe(token);
	});

	it('never repeats in 1000 tokens', () => {
		const tokens = new Set(Array.from({ length: 1000 }, () => createInvitationToken()));
		expect(tokens.size).toBe(1000);
	});

	it('uses every base64url character over many tokens (no stuck bits)', () => {
		const seen = new Set(Array.from({ length: 200 }, () => createInvitationToken()).join(''));
		expect(seen.size).toBe(64);
	});
});

describe('invitationLink', () => {
	it('puts the token under /invitations/partnership/', () => {
		expect(invitationLink('https://field.example', 'abc_-123')).toBe(
			'https://field.example/invitations/partnership/abc_-123'
		);
	});

	it('handles an origin with trailing slashes', () => {
		expect(invitationLink('https://field.example/', 'abc')).toBe(
			'https://field.example/invitations/partnership/abc'
		);
		expect(invitationLink('https://field.example//', 'abc')).toBe(
			'https://field.example/invitations/partnership/abc'
		);
	});

	it('keeps a port', () => {
		expect(invitationLink('http://127.0.0.1:4173', 't')).toBe(
			'http://127.0.0.1:4173/invitations/partnership/t'
		);
	});

	it('encodes characters a token should never have', () => {
		expect(invitationLink('https://x.example', 'a/b?c')).toBe(
			'https://x.example/invitations/partnership/a%2Fb%3Fc'
		);
	});

	it('fits the stored link length for a real token', () => {
		const href = invitationLink('https://csp-field.contoso.example', createInvitationToken());
		expect(partnershipSchema.shape.invitationLink.safeParse(href).success).toBe(true);
	});
});

describe('draftPartnershipEmail', () => {
	const draft = draftPartnershipEmail({
		providerName: 'Contoso Distribution Kft.',
		resellerName: 'Fabrikam',
		link
	});

	it('has a subject naming the provider', () => {
		expect(draft.subject).toContain('Contoso Distribution Kft.');
		expect(draft.subject).not.toMatch(/\n/);
	});

	it('greets the reseller and asks to accept through the link', () => {
		expect(draft.body).toMatch(/^Hello Fabrikam team,/);
		expect(draft.body).toMatch(/accept the partnership request/i);
		expect(draft.body).toMatch(/personalised link/);
	});

	it('puts the link on its own line', () => {
		expect(draft.body.split('\n')).toContain(link);
	});

	it('keeps the link, so the untouched draft is valid', () => {
		expect(draftKeepsLink(draft.body, link)).toBe(true);
		expect(validatePartnershipDraft(draft.body, link)).toEqual({ ok: true, value: draft.body });
	});

	it('signs with the provider name', () => {
		expect(draft.body.trimEnd().split('\n').at(-1)).toBe('Contoso Distribution Kft.');
	});

	it('trims the names', () => {
		const d = draftPartnershipEmail({ providerName: ' P ', resellerName: ' R ', link });
		expect(d.subject).toBe('P invites you to become an indirect reseller partner');
		expect(d.body.startsWith('Hello R team,')).toBe(true);
	});

	it('fits the stored draft length', () => {
		expect(partnershipSchema.shape.emailDraft.safeParse(draft.body).success).toBe(true);
	});
});

describe('draftKeepsLink', () => {
	it('finds the link anywhere in the text', () => {
		expect(draftKeepsLink(`Please open ${link} today.`, link)).toBe(true);
		expect(draftKeepsLink(link, link)).toBe(true);
		expect(draftKeepsLink(`(${link})`, link)).toBe(true);
		expect(draftKeepsLink(`<${link}>`, link)).toBe(true);
		expect(draftKeepsLink(`${link}\nThanks`, link)).toBe(true);
	});

	it('misses a removed link', () => {
		expect(draftKeepsLink('Please accept our request.', link)).toBe(false);
	});

	it('misses a shortened link', () => {
		expect(draftKeepsLink(`Open ${link.slice(0, -1)} now`, link)).toBe(false);
	});

	it('misses a link with characters typed onto its end', () => {
		expect(draftKeepsLink(`Open ${link}x now`, link)).toBe(false);
		expect(draftKeepsLink(`Open ${link}-2 now`, link)).toBe(false);
		expect(draftKeepsLink(`Open ${link}/more`, link)).toBe(false);
	});

	it('accepts when one of two copies is intact', () => {
		expect(draftKeepsLink(`${link}x and again ${link}`, link)).toBe(true);
	});

	it('misses a link with a changed character', () => {
		const changed = link.slice(0, -3) + 'AAA';
		expect(draftKeepsLink(changed, link)).toBe(false);
	});

	it('is case-sensitive (the token is)', () => {
		expect(draftKeepsLink(link.toUpperCase(), link)).toBe(false);
	});

	it('never accepts an empty link', () => {
		expect(draftKeepsLink('anything', '')).toBe(false);
	});
});

describe('validatePartnershipDraft', () => {
	it('accepts a draft with the link and trims outer blank space', () => {
		expect(validatePartnershipDraft(`\n  Hi!\n${link}\n\n`, link)).toEqual({
			ok: true,
			value: `Hi!\n${link}`
		});
	});

	it('refuses a draft without the link', () => {
		expect(validatePartnershipDraft('Hi, please accept.', link)).toEqual({
			ok: false,
			errors: {
				emailDraft: 'Keep the personalised link in the message: the reseller needs it to accept.'
			}
		});
	});

	it.each(['', '   ', '\n\n'])('refuses an empty draft: %j', (draft) => {
		const result = validatePartnershipDraft(draft, link);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.errors.emailDraft).toMatch(/^Write a message/);
	});

	it('accepts exactly 10,000 characters and refuses 10,001', () => {
		const exact = link + 'x'.repeat(10_000 - link.length - 1) + ' ';
		const trimmedExact = link + ' ' + 'x'.repeat(10_000 - link.length - 1);
		expect(trimmedExact).toHaveLength(10_000);
		expect(validatePartnershipDraft(trimmedExact, link).ok).toBe(true);
		expect(exact.trim()).toHaveLength(9_999);
		const tooLong = trimmedExact + 'y';
		const result = validatePartnershipDraft(tooLong, link);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.errors.emailDraft).toMatch(/10,000 characters/);
	});

	it('only counts the trimmed text towards the limit', () => {
		const body = `${link} ${'x'.repeat(10_000 - link.length - 1)}`;
		expect(validatePartnershipDraft(`   ${body}\n\n\n`, link).ok).toBe(true);
	});
});

describe('mailtoHref', () => {
	it('builds a mailto URL with encoded subject and body', () => {
		expect(mailtoHref('reseller@fabrikam.hu', 'Hello & welcome', 'a=b?c')).toBe(
			'mailto:reseller@fabrikam.hu?subject=Hello%20%26%20welcome&body=a%3Db%3Fc'
		);
	});

	it('writes line breaks as CRLF', () => {
		expect(mailtoHref('a@b.co', 's', 'one\ntwo\r\nthree\rfour')).toBe(
			'mailto:a@b.co?subject=s&body=one%0D%0Atwo%0D%0Athree%0D%0Afour'
		);
	});

	it('encodes non-ASCII text as UTF-8', () => {
		expect(mailtoHref('a@b.co', 'Üdvözlet', 'Привет')).toBe(
			'mailto:a@b.co?subject=%C3%9Cdv%C3%B6zlet&body=%D0%9F%D1%80%D0%B8%D0%B2%D0%B5%D1%82'
		);
	});

	it('keeps the link intact once decoded', () => {
		const href = mailtoHref('a@b.co', 'Partnership', `Open:\n${link}\n`);
		const body = new URL(href).searchParams.get('body');
		expect(body).toBe(`Open:\r\n${link}\r\n`);
	});

	it('encodes the address but keeps its @', () => {
		expect(mailtoHref(' a+b@c.example ', 's', 'b')).toBe('mailto:a%2Bb@c.example?subject=s&body=b');
	});

	it('works without an address', () => {
		expect(mailtoHref('', 'Hi', 'Body')).toBe('mailto:?subject=Hi&body=Body');
	});

	it('round-trips a full draft through URL parsing', () => {
		const draft = draftPartnershipEmail({
			providerName: 'Contoso',
			resellerName: 'Fabrikam',
			link
		});
		const url = new URL(mailtoHref('r@fabrikam.example', draft.subject, draft.body));
		expect(url.protocol).toBe('mailto:');
		expect(url.searchParams.get('subject')).toBe(draft.subject);
		expect(url.searchParams.get('body')).toBe(draft.body.replace(/\n/g, '\r\n'));
		expect(url.href).not.toMatch(/[ \n\r]/);
	});
});
