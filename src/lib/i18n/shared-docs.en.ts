/** English — shared documents. Must have every key of shared-docs.zh-CN. */
import type { sharedDocsZhCN } from './shared-docs.zh-CN';

export const sharedDocsEn: Record<keyof typeof sharedDocsZhCN, string> = {
	'docs.readOnly': 'Read-only: you can view this, not change it.'
};
