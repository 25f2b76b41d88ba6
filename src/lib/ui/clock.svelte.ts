const isoNow = () => new Date(Date.now()).toISOString();

/**
 * The current time as an ISO string, for states derived from dates (a GDAP relationship turns
 * expiring or expired while the page is open). Updated every `intervalMs` while the component
 * lives.
 */
export function clock(intervalMs = 60_000) {
	let now = $state(isoNow());
	$effect(() => {
		const timer = setInterval(() => (now = isoNow()), intervalMs);
		return () => clearInterval(timer);
	});
	return {
		get current() {
			return now;
		}
	};
}
