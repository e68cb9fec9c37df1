/**
 * Every socket.io room Yiting uses, each built by one function, so the socket handlers that join
 * rooms and the services that emit to them cannot disagree on a name.
 */

/** Everyone in one meeting's hall. */
export const hallRoom = (meetingId: string) => `hall:${meetingId}`;
/** Every connection of one person (notifications, their own private needs). */
export const userRoom = (userId: string) => `user:${userId}`;
/** The connections of one sign-in session (ended together at sign-out). */
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
/** The connections made with one API token (ended together when it is revoked). */
export const tokenRoom = (tokenId: string) => `token:${tokenId}`;
/** Everyone signed in to a committee (public needs, organisation changes, who is online). */
export const committeeRoom = (committeeId: string) => `committee:${committeeId}`;
/** A committee's staff: those who may see private needs. */
export const staffRoom = (committeeId: string) => `staff:${committeeId}`;
