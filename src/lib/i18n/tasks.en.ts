/** en — tasks: words of this part of execution (loaded lazily with the execution section). */
export const tasksEn = {} as const;
