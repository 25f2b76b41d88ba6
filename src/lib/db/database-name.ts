/** The IndexedDB name of the app's database (also opened by the service worker). */
export const DATABASE_NAME = 'csp-field';
