/** zh-CN — tasks: words of this part of execution (loaded lazily with the execution section). */
export const tasksZhCN = {} as const;
