/**
 * One language's catalogue, loaded on its own: a browser downloads only the language it shows
 * (each catalogue is about 11 KiB of compressed JavaScript).
 */
import type { Locale, Messages } from './index';

export async function loadMessages(locale: Locale): Promise<Messages> {
	return locale === 'en' ? (await import('./en')).en : (await import('./zh-CN')).zhCN;
}
