/** The scheduler key of a need's close after its rating days (one per need: a later approval moves it). */
export const closeKey = (needId: string) => `need.ratingClose:${needId}`;
