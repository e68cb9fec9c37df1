/** zh-CN — supervision: words of this part of execution (loaded lazily with the execution section). */
export const supervisionZhCN = {} as const;
