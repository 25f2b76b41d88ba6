import { rolesText } from '$lib/app/permissions';
import type { UserRole } from '$lib/domain/user/rules';

/** Roles as PRODUCT.md names them, in the active language, e.g. "Sales agent, Admin agent". */
export const rolesOf = (roles: readonly UserRole[]): string =>
	rolesText({ name: '', displayName: '', org: '', roles: [...roles] });

/** What the Users page asks to confirm in a dialog. */
export type UserAction = 'reset-password' | 'deactivate' | 'reactivate' | 'delete';
