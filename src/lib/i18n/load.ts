/**
 * One language's catalogue, loaded on its own: a browser downloads only the language it shows.
 * Decisions' words are a section of their own (about 5 KiB compressed), loaded by the pages that
 * show votes and resolutions, so the first load of every other page stays light.
 */
import type { Locale, Messages } from './index';

export async function loadMessages(locale: Locale): Promise<Partial<Messages>> {
	return locale === 'en' ? (await import('./en')).en : (await import('./zh-CN')).zhCN;
}

export async function loadDecisionMessages(locale: Locale): Promise<Partial<Messages>> {
	return locale === 'en'
		? (await import('./decisions.en')).decisionsEn
		: (await import('./decisions.zh-CN')).decisionsZhCN;
}

/** Execution's words (tasks, supervision, ratings, trace, dashboard, projects): see execution.zh-CN.ts. */
export async function loadExecutionMessages(locale: Locale): Promise<Partial<Messages>> {
	return locale === 'en'
		? (await import('./execution.en')).executionEn
		: (await import('./execution.zh-CN')).executionZhCN;
}
