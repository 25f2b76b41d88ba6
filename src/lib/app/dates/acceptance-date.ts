/** A calendar day as `yyyy-mm-dd` in the device's time zone (the value of `<input type="date">`). */
export function localDay(date: Date): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * The moment recorded for an acceptance (of a partnership, of a GDAP relationship) on `day` (`yyyy-mm-dd`, local time): the end of that day,
 * or now when the day is today, so an acceptance on the day of the request is never earlier
 * than the request. A day after today gives its start, which the domain refuses as being in the
 * future. Returns undefined when `day` is not a real date.
 */
export function acceptanceMoment(day: string, now: Date = new Date()): string | undefined {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
	if (!match) return undefined;
	const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const startOfDay = new Date(year, month - 1, date);
	const endOfDay = new Date(year, month - 1, date, 23, 59, 59, 999);
	if (endOfDay.getMonth() !== month - 1 || endOfDay.getDate() !== date) return undefined;
	if (startOfDay.getTime() > now.getTime()) return startOfDay.toISOString();
	return new Date(Math.min(endOfDay.getTime(), now.getTime())).toISOString();
}
