/** 简体中文 — shared documents (minutes, agendas, duty lists) as the editors show them. Spread into the main catalogue. */
export const sharedDocsZhCN = {
	'docs.readOnly': '只读：你可以查看，但不能修改。'
};
