/** Fields every client event schema shares. */
import { z } from 'zod';

/** Ids: the event's own (chosen by the client, for de-duplication of retries) and those it names. */
export const eventId = z.string().min(1).max(64);
