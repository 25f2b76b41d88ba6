import { DomainError, type FieldErrors, type Validation } from '$lib/domain/shared/result';
import { translateMessage } from '$lib/i18n';
import type { ServiceContext } from '$lib/services/context';
import { describeWriteError } from '$lib/services/write-errors';
import { focusFirstInvalid } from '$lib/ui/field/focus';
import { appContext } from './context';

export interface RequestOptions<R> {
	/** Runs after a successful action, with its result (a Validation's value). */
	onsuccess?: (result: R) => void;
	/** Where to look for the first field with an error, to focus it. */
	form?: () => ParentNode | null | undefined;
	/**
	 * The message of a failure, translated (default: a broken rule's message, or a storage
	 * failure in words), for an action whose failures say something else (a check that could
	 * not run).
	 */
	describeFailure?: (error: unknown) => string;
}

export interface ActionOptions<R> extends RequestOptions<R> {
	/** The service context (default: this browser's, appContext). */
	context?: () => Promise<ServiceContext>;
}

type Unwrapped<R> = [R] extends [Validation<infer V>] ? V : R;

const isValidation = (value: unknown): value is Validation<unknown> =>
	typeof value === 'object' &&
	value !== null &&
	'ok' in value &&
	typeof (value as { ok: unknown }).ok === 'boolean' &&
	('value' in value || 'errors' in value);

/** A failed Validation's message for the whole form, if it has one (a server's reason). */
const messageOf = (result: object): string => {
	const message = (result as { message?: unknown }).message;
	return typeof message === 'string' ? message : '';
};

/**
 * One user action, the way every screen runs it: busy while it runs (a second tap waits), the
 * service called with the app's context, field errors from a Validation (with the focus moved
 * to the first invalid field), a broken rule's message, a storage failure or the reason a
 * failed Validation gives (`message`, e.g. the server's) as one translated message, and what
 * the user typed left as it is.
 */
export class Action<Args extends unknown[], R> {
	busy = $state(false);
	/** The message of a failure (translated), or ''. */
	failure = $state('');
	/** Messages per field (English, as the rules write them; fields translate them). */
	errors: FieldErrors = $state({});
	/** Set after the last run succeeded, until the next run starts. */
	done = $state(false);

	constructor(
		private readonly perform: (...args: Args) => Promise<R>,
		private readonly options: RequestOptions<Unwrapped<R>> = {}
	) {}

	/** Runs the action; returns its result, or undefined when it failed. */
	run = async (...args: Args): Promise<Unwrapped<R> | undefined> => {
		if (this.busy) return undefined;
		this.busy = true;
		this.failure = '';
		this.done = false;
		try {
			const result = await this.perform(...args);
			if (isValidation(result)) {
				if (!result.ok) {
					this.errors = result.errors;
					const message = messageOf(result);
					if (message) this.failure = translateMessage(message);
					await focusFirstInvalid(this.options.form?.());
					return undefined;
				}
				this.errors = {};
				this.finish(result.value as Unwrapped<R>);
				return result.value as Unwrapped<R>;
			}
			this.errors = {};
			this.finish(result as Unwrapped<R>);
			return result as Unwrapped<R>;
		} catch (error) {
			this.failure = this.options.describeFailure
				? this.options.describeFailure(error)
				: translateMessage(
						error instanceof DomainError ? error.message : describeWriteError(error)
					);
			return undefined;
		} finally {
			this.busy = false;
		}
	};

	/** Clears the messages (a dialog that closes, a form that is reset). */
	reset(): void {
		this.failure = '';
		this.errors = {};
		this.done = false;
	}

	private finish(value: Unwrapped<R>) {
		this.done = true;
		this.options.onsuccess?.(value);
	}
}

/** An Action for a service call: `const save = action(updateCustomer, { onsuccess })`. */
export function action<Args extends unknown[], R>(
	service: (ctx: ServiceContext, ...args: Args) => Promise<R>,
	options: ActionOptions<Unwrapped<R>> = {}
): Action<Args, R> {
	const context = options.context ?? appContext;
	return new Action(async (...args: Args) => service(await context(), ...args), options);
}

/**
 * An Action for a call that needs no device database: the server's API (`services/users.ts`),
 * the session (`app/account.ts`). `const save = request(changeUserRoles, { onsuccess })`.
 */
export function request<Args extends unknown[], R>(
	call: (...args: Args) => Promise<R>,
	options?: RequestOptions<Unwrapped<R>>
): Action<Args, R> {
	return new Action(call, options);
}
