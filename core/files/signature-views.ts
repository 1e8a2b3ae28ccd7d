import { z } from 'zod';

/**
 * What a file's digital signatures say, as shown beside it: read once per content when it arrives,
 * judged against the trust list as it is when shown. `unchecked`: a PDF stored before checks existed
 * that this answer had no room to read (the next one will).
 */
export const SIGNATURE_VERDICTS = ['valid', 'untrusted', 'broken', 'unsigned', 'unchecked'] as const;
export type SignatureVerdict = (typeof SIGNATURE_VERDICTS)[number];

const wordsSchema = z.object({ vi: z.string(), en: z.string() });

export const signatureFactsSchema = z.object({
  signer: z.string().nullable(),
  organisation: z.string().nullable(),
  /** The certificate's issuer (its CN, else O). */
  issuer: z.string().nullable(),
  /** ISO 8601 with +07:00: the timestamp's time when stamped, else the time the signer's software wrote. */
  signedAt: z.string().nullable(),
  timestamped: z.boolean(),
  /** The signed bytes are as signed and the signature verifies with the certificate's key. */
  intact: z.boolean(),
  /** Chains to a root on the trust list, each certificate valid at the signing time, and intact. */
  trusted: z.boolean(),
  validAtSigningTime: z.boolean(),
  /** What the file changed after this signature: nothing, only later signatures, or more. */
  changesAfter: z.enum(['none', 'signatures-only', 'other']),
  /** Why it is not valid; null when it is. */
  reason: wordsSchema.nullable(),
});
export type SignatureFacts = z.infer<typeof signatureFactsSchema>;

export const fileSignatureSummarySchema = z.object({
  signed: z.boolean(),
  verdict: z.enum(SIGNATURE_VERDICTS),
  /** When broken, the worst of its causes: the file edited after signing, or the signature itself damaged. */
  brokenBy: z.enum(['edited', 'damaged']).nullable(),
  signatures: z.array(signatureFactsSchema),
});
export type FileSignatureSummary = z.infer<typeof fileSignatureSummarySchema>;
