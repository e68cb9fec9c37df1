/** zh-CN — projects: words of this part of execution (loaded lazily with the execution section). */
export const projectsZhCN = {} as const;
