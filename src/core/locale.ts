/** The languages of every user-visible text: Vietnamese first, then English. */
export type Locale = 'vi' | 'en';
export const LOCALES: readonly Locale[] = ['vi', 'en'];
