/** Types for scripts/manifest-tools.js (CommonJS, used by webpack, npm scripts and tests). */
export const DEFAULT_BASE_URL: string;
export const SCHEMAS_DIR: string;
export const MAIN_SCHEMA: string;
export function normalizeBaseUrl(url: string): string;
export function rewriteManifest(xml: string, baseUrl?: string): string;
export function checkManifest(xml: string, options?: { baseUrl?: string; assetsDir?: string }): string[];
export function pngSize(file: string): { width: number; height: number } | null;
export function findXmllint(): string | null;
export function validateWithXmllint(file: string, schemasDir?: string): { ok: boolean; status: number | null; output: string };
