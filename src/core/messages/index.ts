import type { MessageCatalog } from './codes';
import { en } from './en';
import { vi } from './vi';

export const messages: Record<'vi' | 'en', MessageCatalog> = { vi, en };
