import { z } from 'zod';
import { documentId, timestamp } from '../shared/schema';
import { SENT_VERSIONS_KEPT } from './ids';

/**
 * The versions of one record this device has sent to the endpoint (local to this device, never
 * replicated), as fingerprints of their content. Written before each push leaves the device.
 */
export const sentVersionSchema = z.object({
	/** `<recordType>|<documentId>`. */
	id: z.string().min(1).max(120),
	/** The collection of the record (`collection` is taken by RxDB documents). */
	recordType: z.string().max(40),
	documentId,
	/** SHA-256 fingerprints (hex), the latest last. */
	versions: z.array(z.string().length(64)).max(SENT_VERSIONS_KEPT),
	sentAt: timestamp
});

export type SentVersion = z.infer<typeof sentVersionSchema>;
