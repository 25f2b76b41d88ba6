/*
 * Chart colours from the Okabe–Ito palette, which people with the common colour-vision
 * deficiencies tell apart. Every colour has at least 3:1 contrast with the white card, numbers
 * printed on it read at 4.5:1 or better (white or near-black, see `textColourOn`), and the charts
 * always print the numbers and name the series in words: colour is never the only cue.
 */
export const chartColours = {
	/** The app's brand blue: single-series bars. */
	brand: '#0f4c81',
	/** Okabe–Ito blue: open, waiting (sent, requested, approval pending). */
	blue: '#0072b2',
	/** Okabe–Ito bluish green: done, in force (accepted, active). */
	green: '#009e73',
	/** Okabe–Ito vermillion, darkened for white numbers: lapsed or about to (expired, expiring). */
	vermillion: '#c05400',
	/** Okabe–Ito reddish purple, darkened for white numbers on it: withdrawn. */
	purple: '#a8558a',
	/** Neutral grey: ended by someone (removed, terminated). */
	grey: '#6e6e6e'
} as const;
