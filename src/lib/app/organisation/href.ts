import { resolve } from '$app/paths';
import type { NavigationLink } from './navigation';

/** The address of a main navigation route (resolve() wants each route as a literal). */
export function navigationHref(path: NavigationLink['path']): string {
	switch (path) {
		case '/':
			return resolve('/');
		case '/gdap':
			return resolve('/gdap');
		case '/resellers':
			return resolve('/resellers');
		case '/providers':
			return resolve('/providers');
		case '/customers':
			return resolve('/customers');
		case '/renewals':
			return resolve('/renewals');
		case '/invitations':
			return resolve('/invitations');
		case '/activity':
			return resolve('/activity');
		case '/users':
			return resolve('/users');
		case '/profile':
			return resolve('/profile');
		case '/organisation':
			return resolve('/organisation');
	}
}
