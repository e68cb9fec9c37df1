/** Resources, projects and their finances as pages see them. Money in fen; times as epoch ms. */
import type { ProjectStatus, ResourceKind, TaskStatus } from '../tasks/options';

export interface ResourceView {
	id: string;
	unitId: string;
	unitName: string;
	kind: ResourceKind;
	name: string;
	capacity: string;
	contact: string;
	communityId: string | null;
	communityName: string | null;
	categories: string[];
	note: string;
	updatedAt: number;
}

/** A resource suggested for a need, with why it matches. */
export interface ResourceSuggestion extends ResourceView {
	matchesCategory: boolean;
	/** In the need's community (false: street-wide, or elsewhere). */
	matchesCommunity: boolean;
}

export interface ProjectSummary {
	id: string;
	title: string;
	quarter: string;
	status: ProjectStatus;
	claimedBy: { id: string; name: string } | null;
	communities: { id: string; name: string }[];
	budget: number;
	spent: number;
	remaining: number;
	/** Mean progress of the project's tasks, 0–100 (a done task counts 100). */
	progress: number;
	claimedAt: number | null;
	publishedAt: number | null;
}

export interface ProjectTaskView {
	id: string;
	title: string;
	status: TaskStatus;
	progress: number;
	dueAt: number;
}

export interface SpendingView {
	id: string;
	amount: number;
	item: string;
	spentOn: string;
	/** Where the receipt can be opened, when there is one. */
	receiptUrl: string | null;
	receiptMime: string | null;
	recordedByName: string | null;
	createdAt: number;
}

export interface ProjectView extends ProjectSummary {
	description: string;
	tasks: ProjectTaskView[];
	spending: SpendingView[];
	canManage: boolean;
	canClaim: boolean;
	canRecordSpending: boolean;
}
