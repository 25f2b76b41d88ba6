import { z } from 'zod';
import { changeMeta, countryCode, documentId } from '../shared/schema';

export const clouds = ['public', 'microsoft-cloud-germany', 'us-government'] as const;
export type Cloud = (typeof clouds)[number];

export const relationshipStatuses = ['none', 'invited', 'active', 'removed'] as const;
export type RelationshipStatus = (typeof relationshipStatuses)[number];

export const addressSchema = z.object({
	line1: z.string().max(200),
	line2: z.string().max(200),
	city: z.string().max(100),
	state: z.string().max(100),
	postalCode: z.string().max(20),
	country: countryCode
});

export const contactSchema = z.object({
	firstName: z.string().max(40),
	lastName: z.string().max(40),
	email: z.string().max(254),
	phone: z.string().max(40)
});

export const customerSchema = z.object({
	id: documentId,
	companyName: z.string().min(2).max(255),
	/** Lower-cased company name, for sorting and search. */
	nameLower: z.string().max(255),
	/** The part before `.onmicrosoft.com`, lower case. */
	domainPrefix: z.string().min(1).max(27),
	address: addressSchema,
	contact: contactSchema,
	organisationRegistrationNumber: z.string().max(50),
	cloud: z.enum(clouds),
	/** The indirect reseller that manages the customer; '' when none. */
	resellerId: z.string().max(64),
	providerRelationship: z.enum(relationshipStatuses),
	resellerRelationship: z.enum(relationshipStatuses),
	delegatedAdminPrivileges: z.boolean(),
	customerAgreementAccepted: z.boolean(),
	/** `admin@<prefix>.onmicrosoft.com`; its temporary password is never stored. */
	adminUserName: z.string().max(100),
	...changeMeta
});

export type Address = z.infer<typeof addressSchema>;
export type Contact = z.infer<typeof contactSchema>;
export type Customer = z.infer<typeof customerSchema>;
