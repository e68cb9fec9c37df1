/** en — projects: words of this part of execution (loaded lazily with the execution section). */
export const projectsEn = {} as const;
