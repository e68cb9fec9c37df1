/** en — dashboard: words of this part of execution (loaded lazily with the execution section). */
export const dashboardEn = {} as const;
