/** zh-CN — dashboard: words of this part of execution (loaded lazily with the execution section). */
export const dashboardZhCN = {} as const;
