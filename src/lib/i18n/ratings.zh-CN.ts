/** zh-CN — ratings: words of this part of execution (loaded lazily with the execution section). */
export const ratingsZhCN = {} as const;
